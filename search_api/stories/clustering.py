"""Incremental story clustering: each incoming article joins the best-matching recent story or starts one.

For each article, in publication order: the candidate stories are those active within the time
window that share its entities or title and lead words (one search on the stories index), plus
the stories this batch touched already; every registered story signal scores the article against
each; the weighted mean of the best reaches `threshold`, or the article starts a story of its
own. What decided it (every signal's value, the shared entities and words, the score) is kept on
the article as `story_reason`, so a join can be explained.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from newsdesk.plugins.builtin.stories import MODEL as STORIES_MODEL
from newsdesk.plugins.stories import ArticleFeatures, SignalSpec, StoryProfile
from newsdesk.search_api.stories.features import features_of
from newsdesk.search_api.stories.figures import figure_mentions
from newsdesk.search_api.stories.store import StoryRecord, StoryStore

logger = logging.getLogger(__name__)

THRESHOLD = float(STORIES_MODEL["threshold"])  # learnt with the weights (plugins/builtin/stories/)
WINDOW = timedelta(days=3)
TEXT_CHARS = 4000  # of members' titles and leads kept for finding candidates
REASON_ITEMS = 8
PRIOR_DOCUMENTS = 1000  # as if that many articles had named nothing: a small corpus weighs all alike
RECENT_SECONDS = 5.0  # a write is searchable after the next refresh (every second by default)
SEED_STORIES = 2000  # recent stories the word and entity frequencies start from


@dataclass(frozen=True)
class Decision:
    story_id: str
    reason: dict[str, Any]


class DocumentFrequencies(Mapping[str, float]):
    """How telling each entity and word is: the idf, log(N / df), over the articles seen so far.

    Seeded from the stored stories when the assigner starts (each story's articles and entity and
    word counts), then counted as articles arrive, so "United States" or "Monday" weigh little and
    "Raqqa" much, in any process, without a pass over the corpus. A key never seen is as telling
    as the rarest."""

    def __init__(self) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()

    def add(self, keys: Iterable[str], documents: int = 1, counts: Mapping[str, int] | None = None) -> None:
        self.documents += documents
        if counts is not None:
            self.counts.update({k: min(v, documents) for k, v in counts.items()})
        else:
            self.counts.update(set(keys))

    def __getitem__(self, key: str) -> float:
        return math.log((self.documents + PRIOR_DOCUMENTS) / (self.counts.get(key, 0) + 1))

    def __iter__(self) -> Iterator[str]:
        return iter(self.counts)

    def __len__(self) -> int:
        return len(self.counts)


def story_id_for(article_id: str) -> str:
    return "story-" + hashlib.sha256(article_id.encode()).hexdigest()[:16]


class StoryAssigner:
    """Puts articles into stories, kept in `store`, by the weighted `signals`.

    Usage:
        assigner = StoryAssigner(StoryStore(client, alias), host.story_signals)
        decisions = assigner.assign([source, ...])  # source: the stored article (id, content, meta)
        decisions["a1"].story_id
    """

    def __init__(
        self,
        store: StoryStore,
        signals: Sequence[SignalSpec],
        *,
        threshold: float = THRESHOLD,
        window: timedelta = WINDOW,
    ) -> None:
        self.store = store
        self.signals = list(signals)
        self.threshold = threshold
        self.window = window
        self._total_weight = sum(s.weight for s in self.signals) or 1.0
        self.frequencies: DocumentFrequencies | None = None
        self.recent: dict[str, tuple[float, StoryRecord]] = {}  # saved in the last RECENT_SECONDS

    def assign(self, sources: Sequence[dict[str, Any]]) -> dict[str, Decision]:
        """Each article's story, written to the stories index before returning."""
        if not sources:
            return {}
        self.store.ensure()
        if self.frequencies is None:
            self.frequencies = DocumentFrequencies()
            for profile in self.store.recent_profiles(SEED_STORIES):
                self.frequencies.add((), len(profile.article_ids), profile.entities + profile.terms)
        now = time.monotonic()
        self.recent = {i: (t, r) for i, (t, r) in self.recent.items() if now - t < RECENT_SECONDS}
        known = {a: self._freshest(r) for a, r in self.store.stories_of(s["id"] for s in sources).items()}
        touched: dict[str, StoryRecord] = {}
        decisions: dict[str, Decision] = {}
        articles = sorted(((features_of(s), s) for s in sources), key=lambda pair: pair[0].seen)
        for plain, source in articles:
            self.frequencies.add([*plain.entities, *plain.terms])
            article = dataclasses.replace(plain, idf=self.frequencies)
            if article.id in known:
                record = touched.get(known[article.id].id, known[article.id])
                reason: dict[str, Any] = {"decision": "kept", "score": None}
            else:
                record, reason = self._place(article, touched)
            _add_member(record, article, source, reason)
            touched[record.id] = record
            decisions[article.id] = Decision(record.id, reason)
        self.store.save(touched.values())
        saved = time.monotonic()
        self.recent.update({i: (saved, r) for i, r in touched.items()})
        return decisions

    def _freshest(self, record: StoryRecord) -> StoryRecord:
        """A story as this assigner last wrote it, if Elasticsearch may not show that write yet."""
        return self.recent[record.id][1] if record.id in self.recent else record

    def score(self, article: ArticleFeatures, story: StoryProfile) -> tuple[float, dict[str, float]]:
        values = {s.name: max(0.0, min(1.0, float(s.signal(article, story)))) for s in self.signals}
        total = sum(values[s.name] * s.weight for s in self.signals) / self._total_weight
        return round(total, 4), {name: round(v, 4) for name, v in values.items()}

    def _place(
        self, article: ArticleFeatures, touched: dict[str, StoryRecord]
    ) -> tuple[StoryRecord, dict[str, Any]]:
        candidates = {r.id: self._freshest(r) for r in self.store.candidates(article, self.window)}
        # Stories written in the last seconds (and this batch's, written at its end) may not be
        # searchable yet: they are compared too, as this assigner holds them.
        fresh = {i: r for i, (_, r) in self.recent.items()} | touched
        for record in fresh.values():
            if _within(article, record.profile, self.window) and _shares(article, record.profile):
                candidates[record.id] = record
        candidates.update({i: touched[i] for i in candidates.keys() & touched.keys()})
        best: tuple[float, dict[str, float], StoryRecord] | None = None
        for record in candidates.values():
            total, values = self.score(article, record.profile)
            if best is None or total > best[0]:
                best = (total, values, record)
        if best is not None and best[0] >= self.threshold:
            total, values, record = best
            return self.store.whole(record), _reason("joined", total, values, article, record.profile)
        record = StoryRecord(
            profile=StoryProfile(
                id=story_id_for(article.id),
                title=article.title,
                first_seen=article.seen,
                last_update=article.seen,
            )
        )
        reason = {"decision": "started", "score": best[0] if best else None, "threshold": self.threshold}
        if best is not None:
            reason["closest_story"] = best[2].id
        return record, reason


def _reason(
    decision: str, total: float, values: dict[str, float], article: ArticleFeatures, story: StoryProfile
) -> dict[str, Any]:
    shared_entities = [e for e, _ in story.entities.most_common() if e in article.entities][:REASON_ITEMS]
    shared_terms = [t for t, _ in story.terms.most_common() if t in article.terms][:REASON_ITEMS]
    return {
        "decision": decision,
        "score": total,
        "signals": values,
        "shared_entities": shared_entities,
        "shared_terms": shared_terms,
        "shared_figures": sorted(article.figures & story.figures.keys())[:REASON_ITEMS],
    }


def _add_member(
    record: StoryRecord, article: ArticleFeatures, source: dict[str, Any], reason: dict[str, Any]
) -> None:
    """Add the article (or refresh it, when it is a member already) to the story's profile and lists."""
    p = record.profile
    if article.id not in p.article_ids:
        p.article_ids.append(article.id)
        p.entities.update(article.entities.keys())
        p.terms.update(article.terms)
        p.figures.update(article.figures)
        record.text = f"{record.text} {' '.join(article.terms)}"[-TEXT_CHARS:]
    for entity in source.get("entities") or []:
        if isinstance(entity, dict) and entity.get("entity_id") in article.entities:
            record.entity_names.setdefault(
                entity["entity_id"], entity.get("canonical") or entity.get("name") or ""
            )
    if article.outlet not in p.outlets:
        p.outlets.append(article.outlet)
    if article.seen <= p.first_seen:
        p.title = article.title or p.title
    p.first_seen = min(p.first_seen, article.seen)
    p.last_update = max(p.last_update, article.seen)
    if article.time is not None:
        p.first_published = min(p.first_published or article.time, article.time)
        p.last_published = max(p.last_published or article.time, article.time)
    record.members = [m for m in record.members if m["id"] != article.id] + [
        {
            "id": article.id,
            "title": article.title,
            "outlet": article.outlet,
            "time": article.seen.isoformat(),
            "published_at": source.get("published_at"),
            "url": source.get("url"),
            "reason": reason,
        }
    ]
    record.figures = [f for f in record.figures if f["article_id"] != article.id] + figure_mentions(
        source, article.outlet, article.seen
    )


def _shares(article: ArticleFeatures, story: StoryProfile) -> bool:
    """What the candidate search asks of a story: an entity or a title or lead word in common."""
    return not article.entities.keys().isdisjoint(story.entities) or not article.terms.keys().isdisjoint(
        story.terms
    )


def _within(article: ArticleFeatures, story: StoryProfile, window: timedelta) -> bool:
    """Is the story a candidate in time? Always when either side gives no publication time."""
    if article.time is None or story.first_published is None or story.last_published is None:
        return True
    return story.last_published >= article.time - window and story.first_published <= article.time + window
