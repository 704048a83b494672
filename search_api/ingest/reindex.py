"""Rebuilds the article index from the raw input stored with every article, with no downtime.

`newsdesk reindex` reads every stored article from the live index (a point-in-time snapshot,
page by page), enriches its raw input again with the processors installed now, and writes it
into a new versioned index built from `index_config/` and the plugins' mappings. Searches keep
using the alias, which points at the old index until the new one is complete; then one
`_aliases` call moves it, atomically. Articles ingested meanwhile (into the old index) are
caught up before the switch. The old index is kept until `newsdesk indexes drop` removes it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch
from pydantic import ValidationError

from newsdesk.plugins.errors import NewsdeskError
from newsdesk.plugins.manager import PluginHost
from newsdesk.search_api.index.admin import index_body, index_versions, versioned_index_name
from newsdesk.search_api.index.retry import OnWait, RetryPolicy, call
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.ingestor import Ingestor, IngestReport
from newsdesk.search_api.ingest.readers import InputItem, describe_validation_error
from newsdesk.search_api.settings import Settings

logger = logging.getLogger(__name__)
CALLER_FIELDS = ("title", "source", "url", "published_at", "authors", "category", "language")
PAGE_SIZE = 500
KEEP_ALIVE = "20m"  # between two pages: enough for a page's enrichment and an outage being waited out
CATCH_UP_ROUNDS = 3


class ReindexError(NewsdeskError):
    """The rebuild cannot start, or did not produce an index fit to go live; the message says why."""


@dataclass
class ReindexReport:
    old_index: str
    new_index: str
    read: int
    ingest: IngestReport
    caught_up: int
    switched: bool
    switch_seconds: float
    seconds: float


def live_index(client: Elasticsearch, alias: str) -> str | None:
    if not client.indices.exists_alias(name=alias):
        return None
    return next(iter(client.indices.get_alias(name=alias)))


def stored_articles(
    client: Elasticsearch, index: str, policy: RetryPolicy, query: dict[str, Any] | None = None
) -> Iterator[InputItem]:
    """Every article stored in `index` (matching `query`), as the input it was made from."""
    pit = call(lambda: client.open_point_in_time(index=index, keep_alive=KEEP_ALIVE), policy, "opening")
    pit_id = pit["id"]
    after: list[Any] | None = None

    def page() -> Any:
        return client.search(
            pit={"id": pit_id, "keep_alive": KEEP_ALIVE},
            size=PAGE_SIZE,
            sort=["_shard_doc"],
            search_after=after,
            query=query or {"match_all": {}},
            source_includes=["raw", "ingested_at", *CALLER_FIELDS],
        )

    try:
        while hits := (found := call(page, policy, "reading stored articles"))["hits"]["hits"]:
            pit_id = found.get("pit_id", pit_id)
            for hit in hits:
                yield as_input(index, hit)
            after = hits[-1]["sort"]
    finally:
        client.options(ignore_status=404).close_point_in_time(id=pit_id)


def as_input(index: str, hit: dict[str, Any]) -> InputItem:
    """A stored article back as ingest input: its raw content and what its caller gave with it.

    Articles stored before the caller's fields were kept in `raw.meta` give their stored fields.
    """
    source = hit["_source"]
    raw = source.get("raw") or {}
    origin = raw.get("origin") or f"{index}/{hit['_id']}"
    if not raw.get("content"):
        return InputItem(origin=origin, error="no raw input stored with the article", raw=source)
    given = raw["meta"] if "meta" in raw else {k: source[k] for k in CALLER_FIELDS if k in source}
    record = {**given, "id": hit["_id"], "content": raw["content"], "format": raw.get("format")}
    try:
        article = ArticleIn.model_validate(record)
    except ValidationError as e:
        # Stored before a field's check existed (a `javascript:` url, an over-long author): that
        # field is dropped, the article kept. A rebuild must not lose an article it once accepted.
        refused = {str(error["loc"][0]) for error in e.errors() if error["loc"]}
        if not refused or not refused <= set(CALLER_FIELDS):
            return InputItem(origin=origin, error=describe_validation_error(e), raw=raw)
        logger.warning("%s: dropped %s, refused by today's checks", origin, ", ".join(sorted(refused)))
        try:
            article = ArticleIn.model_validate({k: v for k, v in record.items() if k not in refused})
        except ValidationError as again:
            return InputItem(origin=origin, error=describe_validation_error(again), raw=raw)
    return InputItem(origin=origin, article=article, ingested_at=source.get("ingested_at"))


def create_build_index(client: Elasticsearch, settings: Settings, host: PluginHost) -> str:
    """The new index, with refresh and replicas off while it is filled (both restored before use)."""
    name = versioned_index_name(settings, datetime.now(UTC).strftime("%Y%m%dt%H%M%S"))
    body = index_body(settings, host)
    build = {
        **body["settings"],
        "refresh_interval": "-1",
        "number_of_replicas": 0,
        "auto_expand_replicas": False,
    }
    client.indices.create(index=name, settings=build, mappings=body["mappings"])
    return name


def finish_build_index(client: Elasticsearch, settings: Settings, host: PluginHost, name: str) -> None:
    wanted = index_body(settings, host)["settings"]
    replicas = (
        {"auto_expand_replicas": wanted["auto_expand_replicas"]}
        if "auto_expand_replicas" in wanted
        else {"number_of_replicas": wanted.get("number_of_replicas", 1)}
    )
    # None: back to the default (1 s)
    client.indices.put_settings(
        index=name, settings={"refresh_interval": wanted.get("refresh_interval"), **replicas}
    )
    client.indices.refresh(index=name)
    # Every copy in place before searches move to it (green); on a single node with replicas
    # asked for, green never comes: after the timeout the index is searchable anyway (yellow).
    status = "green" if wanted.get("number_of_replicas") or "auto_expand_replicas" in wanted else "yellow"
    client.options(ignore_status=408).cluster.health(index=name, wait_for_status=status, timeout="300s")


def switch_alias(client: Elasticsearch, alias: str, old: str, new: str) -> float:
    """Move `alias` from `old` to `new` in one atomic `_aliases` call; returns the seconds it took."""
    started = time.perf_counter()
    client.indices.update_aliases(
        actions=[{"remove": {"index": old, "alias": alias}}, {"add": {"index": new, "alias": alias}}]
    )
    return time.perf_counter() - started


def reindex(
    settings: Settings,
    host: PluginHost,
    client: Elasticsearch,
    *,
    processes: int = 1,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_wait: OnWait | None = None,
) -> ReindexReport:
    """Enrich every stored article again into a new index, then move the alias to it.

    The alias is not moved when an article could not be written: the report says which, and the
    new index stays for a look (`newsdesk indexes drop` removes it).
    """
    started = time.monotonic()
    alias = settings.index_alias
    old = live_index(client, alias)
    if old is None:
        msg = f"no index behind the alias {alias!r}: nothing to rebuild (ingest something first)"
        raise ReindexError(msg)
    policy = RetryPolicy(give_up_after=settings.ingest_max_wait_seconds)
    new = create_build_index(client, settings, host)
    ingestor = Ingestor(
        settings, host, client, index=new, processes=processes, max_wait=settings.ingest_max_wait_seconds
    )
    client.indices.refresh(index=old)
    since = datetime.now(UTC).isoformat()
    if on_start:
        on_start(int(client.count(index=old)["count"]))
    report = ingestor.ingest(stored_articles(client, old, policy), on_progress, on_wait, keep=100)
    caught_up = 0
    few = Ingestor(settings, host, client, index=new, max_wait=settings.ingest_max_wait_seconds)  # no workers
    for _ in range(CATCH_UP_ROUNDS):  # articles ingested into the old index since the snapshot
        client.indices.refresh(index=old)
        marker = datetime.now(UTC).isoformat()
        newer = {"range": {"ingested_at": {"gte": since}}}
        if not client.count(index=old, query=newer)["count"]:
            break
        more = few.ingest(stored_articles(client, old, policy, newer), on_progress, on_wait, keep=100)
        caught_up += more.counts["created"] + more.counts["updated"]
        report.counts.update(more.counts)
        report.failed.extend(more.failed)
        since = marker
    finish_build_index(client, settings, host, new)
    read = sum(report.counts[kind] for kind in ("created", "updated", "failed"))
    switched, switch_seconds = False, 0.0
    if not report.counts["failed"]:
        switch_seconds = switch_alias(client, alias, old, new)
        switched = True
    return ReindexReport(
        old_index=old,
        new_index=new,
        read=read,
        ingest=report,
        caught_up=caught_up,
        switched=switched,
        switch_seconds=switch_seconds,
        seconds=time.monotonic() - started,
    )


@dataclass(frozen=True)
class IndexInfo:
    name: str
    documents: int
    size_bytes: int
    created: str
    live: bool


def list_indexes(client: Elasticsearch, settings: Settings) -> list[IndexInfo]:
    """The alias's article indexes, oldest first: the live one and those kept by rebuilds."""
    names = index_versions(client, settings)
    if not names:
        return []
    live = live_index(client, settings.index_alias)
    stats = client.indices.stats(index=names, metric=["docs", "store"])["indices"]
    created = client.indices.get_settings(index=names, name="index.creation_date")
    infos = []
    for name in names:
        millis = int(created[name]["settings"]["index"]["creation_date"])
        infos.append(
            IndexInfo(
                name=name,
                documents=int(client.count(index=name)["count"]),
                size_bytes=int(stats[name]["total"]["store"]["size_in_bytes"]),
                created=datetime.fromtimestamp(millis / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S"),
                live=name == live,
            )
        )
    return infos


def drop_old_index(client: Elasticsearch, settings: Settings, name: str) -> None:
    """Delete a kept article index of this alias; never the live one, nor anything else."""
    if name not in index_versions(client, settings):
        msg = f"{name!r} is not an article index of {settings.index_alias!r} (see `newsdesk indexes list`)"
        raise ReindexError(msg)
    if name == live_index(client, settings.index_alias):
        msg = f"{name!r} is the live index of {settings.index_alias!r}: rebuild first, then drop the old one"
        raise ReindexError(msg)
    client.indices.delete(index=name)
