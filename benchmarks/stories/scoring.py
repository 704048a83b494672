"""B-cubed precision, recall and F1 of a clustering against gold events, and the two baselines.

B³ (Bagga and Baldwin 1998) scores each item: precision is the share of its predicted cluster
that shares its gold event, recall the share of its gold event that is in its predicted cluster;
both are averaged over the items scored. Scored over the event articles only (a distractor in an
event's story costs that story's precision), and over every article.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.search_api.stories.features import lead_of, terms_of


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def b_cubed(predicted: Mapping[str, str], gold: Mapping[str, str], scored: Iterable[str]) -> BCubed:
    members: dict[str, set[str]] = defaultdict(set)
    events: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted.items():
        members[cluster].add(item)
    for item, event in gold.items():
        events[event].add(item)
    precision = recall = 0.0
    items = list(scored)
    for item in items:
        cluster = members[predicted[item]]
        event = events[gold[item]]
        same = len(cluster & event)
        precision += same / len(cluster)
        recall += same / len(event)
    return BCubed(precision / len(items), recall / len(items))


def exact_title_clusters(articles: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Baseline: articles with the same title (lowercased, spaces collapsed) are one story."""
    return {a["id"]: " ".join(str(a.get("title") or a["id"]).lower().split()) for a in articles}


def bag_of_words_clusters(articles: Sequence[dict[str, Any]], threshold: float = 0.3) -> dict[str, str]:
    """Baseline: single-pass clustering on tf-idf cosine of title and lead words (idf of the stream so far).

    Each article joins the most similar cluster centroid sharing a word with it, if the cosine
    reaches `threshold` (fixed, not tuned), else starts one."""
    df: Counter[str] = Counter()
    centroids: list[Counter[str]] = []
    by_term: dict[str, set[int]] = defaultdict(set)
    labels: dict[str, str] = {}
    for seen, article in enumerate(articles, start=1):
        terms = terms_of(f"{article.get('title') or ''} {lead_of(str(article.get('content') or ''))}")
        df.update(terms.keys())
        vector = {t: c * math.log((1 + seen) / (1 + df[t])) + 1e-9 for t, c in terms.items()}
        candidates = set().union(*(by_term[t] for t in vector)) if vector else set()
        scored = [(_cosine(vector, centroids[n]), n) for n in candidates]
        best_score, best = max(scored, default=(0.0, -1))
        if best < 0 or best_score < threshold:
            centroids.append(Counter())
            best = len(centroids) - 1
        centroids[best].update(vector)
        for t in vector:
            by_term[t].add(best)
        labels[article["id"]] = f"bow-{best}"
    return labels


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0
