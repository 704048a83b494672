"""Lines recurring across an outlet's articles are its boilerplate: learned at ingest, stored, reused.

A menu, a subscription pitch or a comment policy an outlet prints under every article reads like
prose in any one of them; seen under several, it is plainly not the story. Each short line of an
ingested article is stored in an Elasticsearch index the plugin owns, one document per (outlet,
line, article), so ingesting the same article again counts it once. A line printed by at least
`MIN_ARTICLES` other articles of the outlet is removed from the next one, with the reason
`outlet_repeat`. Elasticsearch being away never costs an article: the
memory is skipped, and says so in the log.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from elasticsearch import ApiError, TransportError

from newsdesk.plugins.builtin.boilerplate.words import normalise, word_count

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

logger = logging.getLogger(__name__)

MIN_ARTICLES = 3
# Paragraphs are not remembered: only lines short enough to be a site's furniture.
MAX_REMEMBERED_WORDS = 40
_MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "outlet": {"type": "keyword"},
        "line_id": {"type": "keyword"},
        "article": {"type": "keyword"},
        "line": {"type": "keyword", "index": False},
    },
}


def _remembered(units: Iterable[str]) -> dict[str, str]:
    """Normalised key -> unit, for the units short enough to be furniture."""
    return {normalise(u): u for u in units if 0 < word_count(u) <= MAX_REMEMBERED_WORDS and normalise(u)}


def _digest(*parts: str) -> str:
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


class OutletMemory:
    """One document per (outlet, line, article) in `index`, created on first use; counted by aggregation.

    Keyed by the article too, so storing an article twice changes nothing (no update scripts needed).
    """

    def __init__(self, client: Callable[[], Elasticsearch], index: str) -> None:
        self.client = client
        self.index = index
        self._ready = False

    def _ensure_index(self, es: Elasticsearch) -> None:
        if not self._ready and not es.indices.exists(index=self.index):
            es.indices.create(index=self.index, mappings=_MAPPINGS, settings={"number_of_replicas": 0})
        self._ready = True

    def recurring(self, outlet: str, article_id: str, units: list[str]) -> dict[str, int]:
        """Normalised line -> how many other articles of `outlet` printed it, for lines past the bar."""
        line_ids = {_digest(outlet, key): key for key in _remembered(units)}
        if not line_ids:
            return {}
        query = {
            "bool": {
                "filter": [{"term": {"outlet": outlet}}, {"terms": {"line_id": list(line_ids)}}],
                "must_not": [{"term": {"article": article_id}}],
            }
        }
        aggregations = {
            "lines": {"terms": {"field": "line_id", "size": len(line_ids), "min_doc_count": MIN_ARTICLES}}
        }
        try:
            es = self.client()
            self._ensure_index(es)
            found = es.search(index=self.index, query=query, aggregations=aggregations, size=0)
        except (ApiError, TransportError) as e:
            logger.warning("Outlet memory unavailable, skipped: %s", e)
            return {}
        buckets = found["aggregations"]["lines"]["buckets"]
        return {line_ids[b["key"]]: int(b["doc_count"]) for b in buckets if b["key"] in line_ids}

    def remember(self, outlet: str, article_id: str, units: list[str]) -> None:
        """Record that `article_id` printed each of its short lines (once, however often it is stored)."""
        operations: list[dict[str, Any]] = []
        for key, unit in _remembered(units).items():
            line_id = _digest(outlet, key)
            operations.append({"index": {"_index": self.index, "_id": _digest(line_id, article_id)}})
            operations.append(
                {"outlet": outlet, "line_id": line_id, "article": article_id, "line": unit[:500]}
            )
        if not operations:
            return
        try:
            es = self.client()
            self._ensure_index(es)
            response = es.bulk(operations=operations, refresh="wait_for")
        except (ApiError, TransportError) as e:
            logger.warning("Outlet memory not updated: %s", e)
            return
        if response.get("errors"):
            logger.warning("Outlet memory: some lines of article %s were not stored", article_id)
