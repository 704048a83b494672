"""The benchmark stream, enriched once and kept: clustering is measured on it, enrichment is not.

Enriching 5,800 articles takes long on a shared machine, and clustering reads only what enrichment
stored, so the enriched articles are kept in a jsonl file (`.cache/`, git-ignored) and each
clustering run starts from it. The file is built through the real ingest (stories off) into an
index of its own, deleted afterwards; `--reuse-index NAME` takes the articles another benchmark
already enriched into NAME on the same node (read only) and enriches only the rest.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers
from rich.progress import Progress

from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.ingestor import Ingestor
from newsdesk.search_api.ingest.readers import InputItem
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings

KEPT_FIELDS = [
    "id",
    "title",
    "content",
    "source",
    "url",
    "published_at",
    "ingested_at",
    "entities",
    "numbers",
]


def scan(client: Elasticsearch, index: str, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = list(ids)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), 1000):
        chunk = wanted[start : start + 1000]
        for hit in helpers.scan(
            client, index=index, query={"query": {"ids": {"values": chunk}}}, _source_includes=KEPT_FIELDS
        ):
            found[hit["_id"]] = {**hit["_source"], "id": hit["_id"]}
    return found


def enrich(articles: list[dict[str, Any]], processes: int) -> dict[str, dict[str, Any]]:
    """The articles through the real ingest (stories off), as stored."""
    settings = Settings(index_alias=f"bench-stories-enrich-{uuid.uuid4().hex[:8]}")
    services = Services.start(settings)
    try:
        ingestor = Ingestor(
            settings, services.host, services.client, processes=processes, max_wait=600, stories=False
        )
        items = (InputItem(origin=f"stream:{n}", article=ArticleIn(**a)) for n, a in enumerate(articles))
        with Progress() as progress:
            task = progress.add_task("enriching", total=len(articles))
            ingestor.ingest(items, on_progress=lambda n: progress.advance(task, n), keep=0)
        return scan(services.client, settings.index_alias, (a["id"] for a in articles))
    finally:
        drop_index(services.client, settings)


def load_or_build(
    path: Path, articles: list[dict[str, Any]], processes: int, reuse_index: str | None
) -> list[dict[str, Any]]:
    """The enriched articles, in the stream's order: from `path`, built first when it is missing."""
    if not path.exists():
        found: dict[str, dict[str, Any]] = {}
        if reuse_index:
            found = scan(Services.start(Settings()).client, reuse_index, (a["id"] for a in articles))
        missing = [a for a in articles if a["id"] not in found]
        if missing:
            found |= enrich(missing, processes)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(found[a["id"]]) + "\n" for a in articles if a["id"] in found))
    saved = {s["id"]: s for s in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    return [saved[a["id"]] for a in articles if a["id"] in saved]
