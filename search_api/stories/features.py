"""What clustering compares of articles: outlet, time, canonical entities, title and lead terms, figures.

Read from the enriched article (a Haystack `Document`'s meta, or the stored source): nothing is
parsed again. The terms are the title's and the lead's words without stop words, so two outlets
telling one event share them however differently the rest of the article runs.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from spacy.lang.en.stop_words import STOP_WORDS

from newsdesk.plugins.stories import ArticleFeatures

LEAD_WORDS = 60  # the lead: the first words of the clean text, where a news story says what happened
TOP_ENTITIES = 20
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]", re.UNICODE)
_EXTRA_STOP = frozenset({"said", "says", "told", "according", "reported", "report", "news", "new", "year"})


def outlet_of(source: dict[str, Any]) -> str:
    """Who published it: the source, else the url's host, else the article itself (an unknown outlet)."""
    if name := source.get("source"):
        return str(name)
    if url := source.get("url"):
        host = urlsplit(str(url)).hostname or ""
        return host.removeprefix("www.") or str(url)
    return f"unknown outlet ({source.get('id', '?')})"


def seen_of(source: dict[str, Any]) -> datetime:
    """When it was published, else when it was ingested, as an aware UTC datetime."""
    for key in ("published_at", "ingested_at"):
        if parsed := parse_time(source.get(key)):
            return parsed
    return datetime.now(UTC)


def parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def terms_of(text: str) -> Counter[str]:
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return Counter(w for w in words if len(w) > 2 and w not in STOP_WORDS and w not in _EXTRA_STOP)


def lead_of(content: str) -> str:
    return " ".join(content.split()[:LEAD_WORDS])


def figure_keys(numbers: list[dict[str, Any]]) -> frozenset[str]:
    """The precise figures an article gives about something counted: shared ones tie two articles."""
    keys = set()
    for n in numbers:
        if n.get("counted") and n.get("value") is not None and n.get("kind") in {"count", "money", "percent"}:
            keys.add(f"{n['kind']}|{n['counted']}|{n.get('verb') or ''}|{n['value']:g}")
    return frozenset(keys)


def features_of(source: dict[str, Any]) -> ArticleFeatures:
    """The features of an article from its stored source (`id`, `content` and the meta keys)."""
    title = str(source.get("title") or "")
    entities = Counter(
        e["entity_id"] for e in source.get("entities") or [] if isinstance(e, dict) and e.get("entity_id")
    )
    return ArticleFeatures(
        id=str(source["id"]),
        title=title,
        outlet=outlet_of(source),
        time=parse_time(source.get("published_at")),
        seen=seen_of(source),
        entities=Counter(dict(entities.most_common(TOP_ENTITIES))),
        terms=terms_of(f"{title} {lead_of(str(source.get('content') or ''))}"),
        figures=figure_keys(source.get("numbers") or []),
    )
