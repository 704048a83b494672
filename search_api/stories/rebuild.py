"""`newsdesk stories rebuild`: cluster every stored article again, from scratch, in publication order.

Incremental clustering decides once per article, with what it knew then; a rebuild decides again
with today's signals and threshold, so stories that should have been one merge and stories that
drifted split. The stories are built into the stories index anew (the old one is deleted first)
and every article's `story_id` and `story_reason` are updated in place, in bulk; the articles'
enrichment is not touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from elasticsearch import Elasticsearch, helpers

from newsdesk.plugins.stories import SignalSpec
from newsdesk.search_api.stories.clustering import StoryAssigner
from newsdesk.search_api.stories.ingest_step import STORY_ID, STORY_REASON
from newsdesk.search_api.stories.store import StoryStore

BATCH = 32
READ_FIELDS = ["title", "content", "source", "url", "published_at", "ingested_at", "entities", "numbers"]


def count_articles(client: Elasticsearch, alias: str) -> int:
    return int(client.count(index=alias)["count"])


def _in_publication_order(client: Elasticsearch, alias: str) -> Iterator[dict[str, Any]]:
    sort = [
        {"published_at": {"order": "asc", "missing": "_last"}},
        {"ingested_at": {"order": "asc", "missing": "_last"}},
        {"id": "asc"},
    ]
    for hit in helpers.scan(
        client, index=alias, query={"sort": sort}, preserve_order=True, _source_includes=READ_FIELDS
    ):
        yield {**hit["_source"], "id": hit["_id"]}


def rebuild_stories(
    client: Elasticsearch,
    alias: str,
    signals: list[SignalSpec],
    on_progress: Callable[[int], None] = lambda n: None,
) -> int:
    """Every article of `alias` into stories again; returns how many stories there are now."""
    store = StoryStore(client, alias)
    store.drop()
    store.ensure()
    assigner = StoryAssigner(store, signals)
    batch: list[dict[str, Any]] = []
    for source in _in_publication_order(client, alias):
        batch.append(source)
        if len(batch) == BATCH:
            _assign(client, alias, assigner, batch)
            on_progress(len(batch))
            batch = []
    if batch:
        _assign(client, alias, assigner, batch)
        on_progress(len(batch))
    client.indices.refresh(index=[alias, store.index])
    return count_articles(client, store.index)


def _assign(client: Elasticsearch, alias: str, assigner: StoryAssigner, batch: list[dict[str, Any]]) -> None:
    decisions = assigner.assign(batch)
    actions = (
        {
            "_op_type": "update",
            "_index": alias,
            "_id": article_id,
            "doc": {STORY_ID: decision.story_id, STORY_REASON: decision.reason},
        }
        for article_id, decision in decisions.items()
    )
    helpers.bulk(client, actions)
