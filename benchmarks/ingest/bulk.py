"""Indexing alone: the same enriched documents written by raw `helpers.bulk` and by newsdesk's writer."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers
from haystack import Document

from newsdesk.plugins.manager import PluginHost
from newsdesk.search_api.index.admin import index_body
from newsdesk.search_api.ingest.writer import ArticleWriter
from newsdesk.search_api.settings import Settings


def enriched_sources(dump: Path, count: int) -> Iterator[dict[str, Any]]:
    """`count` stored documents: the dump's, again and again under new ids once it runs out."""
    produced, round_ = 0, 0
    while produced < count:
        with dump.open(encoding="utf-8") as lines:
            for line in lines:
                if produced == count:
                    return
                source = json.loads(line)
                if round_:
                    source["id"] = f"{source['id']}-r{round_}"
                yield source
                produced += 1
        round_ += 1


def _fresh_index(client: Elasticsearch, settings: Settings, host: PluginHost, name: str) -> None:
    client.indices.delete(index=name, ignore_unavailable=True)
    body = index_body(settings, host)
    client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])


def raw_bulk(client: Elasticsearch, settings: Settings, host: PluginHost, dump: Path, count: int) -> float:
    """Documents per second through `elasticsearch.helpers.bulk` (chunks of 500), refresh included."""
    name = "bench-ingest-rawbulk"
    _fresh_index(client, settings, host, name)
    actions = ({"_index": name, "_id": s["id"], "_source": s} for s in enriched_sources(dump, count))
    started = time.perf_counter()
    done, _ = helpers.bulk(client, actions, chunk_size=500, request_timeout=120)
    client.indices.refresh(index=name)
    seconds = time.perf_counter() - started
    client.indices.delete(index=name)
    assert done == count, f"raw bulk wrote {done} of {count}"
    return count / seconds


def newsdesk_writer(
    client: Elasticsearch, settings: Settings, host: PluginHost, dump: Path, count: int, per_request: int
) -> float:
    """Documents per second through `ArticleWriter`, `per_request` at a time, refresh included."""
    name = "bench-ingest-writer"
    _fresh_index(client, settings, host, name)
    writer = ArticleWriter(client, name, require_alias=False)
    batch: list[Document] = []
    written = 0
    started = time.perf_counter()
    for source in enriched_sources(dump, count):
        batch.append(Document.from_dict(source))
        if len(batch) == per_request:
            written += len(writer.write(batch).created)
            batch = []
    if batch:
        written += len(writer.write(batch).created)
    client.indices.refresh(index=name)
    seconds = time.perf_counter() - started
    client.indices.delete(index=name)
    assert written == count, f"the writer wrote {written} of {count}"
    return count / seconds
