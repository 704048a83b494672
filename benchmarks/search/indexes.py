"""Builds the 10,000- and 100,000-article indexes the search benchmark queries.

The 10k index is a real `newsdesk` ingest of the corpora (enriched by every processor). The
100k index repeats those enriched documents under new ids with plain bulk requests: search
latency depends on what is indexed, not on how it got there, and this saves an hour of spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from elasticsearch import Elasticsearch, helpers
from rich.progress import Progress

from benchmarks.shared_data import news_articles
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.readers import InputItem
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings


def document_count(client: Elasticsearch, alias: str) -> int:
    if not client.indices.exists_alias(name=alias):
        return 0
    return int(client.count(index=alias)["count"])


def build_enriched(settings: Settings, size: int) -> None:
    """Ingest `size` corpus articles through the full pipeline, unless already there."""
    services = Services.start(settings)
    if document_count(services.client, settings.index_alias) >= size:
        return
    articles = (a for _, a in zip(range(size), news_articles(), strict=False))
    items = (InputItem(origin=a["id"], article=ArticleIn.model_validate(a)) for a in articles)
    with Progress() as progress:
        task = progress.add_task(f"ingest {settings.index_alias}", total=size)
        services.ingestor().ingest(items, on_progress=lambda n: progress.advance(task, n))


def _copies(client: Elasticsearch, source: str, target: str, size: int) -> Iterator[dict[str, Any]]:
    produced = 0
    round_ = 0
    while produced < size:
        for hit in helpers.scan(client, index=source, query={"query": {"match_all": {}}}):
            if produced == size:
                return
            yield {"_index": target, "_id": f"{hit['_id']}-r{round_}", "_source": hit["_source"]}
            produced += 1
        round_ += 1


def build_repeated(base: Settings, target: Settings, size: int) -> None:
    """Fill `target` with `size` copies of the enriched documents of `base`, unless already there."""
    services = Services.start(target)
    if document_count(services.client, target.index_alias) >= size:
        return
    services.ensure_index()
    with Progress() as progress:
        task = progress.add_task(f"bulk {target.index_alias}", total=size)
        copies = _copies(services.client, base.index_alias, target.index_alias, size)
        for ok, _ in helpers.streaming_bulk(services.client, copies, chunk_size=1000, raise_on_error=True):
            progress.advance(task, int(ok))
    services.client.indices.refresh(index=target.index_alias)
