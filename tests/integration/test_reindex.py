"""`newsdesk reindex` on the real node: searches never fail, and see the new index only once complete."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from typer.testing import CliRunner

from newsdesk.plugins.manager import load_plugins
from newsdesk.search_api.cli import app
from newsdesk.search_api.index.admin import core_fields, drop_index, index_versions
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.ingestor import Ingestor
from newsdesk.search_api.ingest.readers import InputItem
from newsdesk.search_api.ingest.reindex import ReindexError, drop_old_index, live_index, reindex
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def own(settings: Settings, es_client: Elasticsearch, tmp_path: Path) -> Iterator[Settings]:
    """An alias of this test's own, with the seeds ingested, dropped afterwards."""
    mine = settings.model_copy(
        update={"index_alias": f"{settings.index_alias}-re", "dead_letter_path": tmp_path / "dead.jsonl"}
    )
    drop_index(es_client, mine)
    yield mine
    drop_index(es_client, mine)


def ingest(settings: Settings, client: Elasticsearch, items: list[InputItem]) -> None:
    host = load_plugins(settings, reserved_fields=core_fields(settings))
    report = Ingestor(settings, host, client).ingest(items)
    assert report.counts["failed"] == 0


def seed_items(seed_texts: dict[str, str]) -> list[InputItem]:
    return [
        InputItem(origin=stem, article=ArticleIn(id=stem, content=text, source=f"outlet {n}"))
        for n, (stem, text) in enumerate(seed_texts.items())
    ]


def test_searches_keep_working_and_switch_to_the_complete_new_index(
    own: Settings, es_client: Elasticsearch, seed_texts: dict[str, str]
) -> None:
    ingest(own, es_client, seed_items(seed_texts))
    old = live_index(es_client, own.index_alias)
    before = es_client.get(index=own.index_alias, id="002_29db2200959aca4a")["_source"]
    totals: list[int] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def search_all_the_time() -> None:
        while not stop.is_set():
            try:
                totals.append(es_client.count(index=own.index_alias)["count"])
            except Exception as e:
                failures.append(e)

    searcher = threading.Thread(target=search_all_the_time)
    searcher.start()
    try:
        host = load_plugins(own, reserved_fields=core_fields(own))
        report = reindex(own, host, es_client, processes=1)
    finally:
        stop.set()
        searcher.join()

    assert failures == []
    assert totals and set(totals) == {len(seed_texts)}  # never an empty or half-built index
    assert report.switched and report.old_index == old and report.read == len(seed_texts)
    assert live_index(es_client, own.index_alias) == report.new_index != old
    assert index_versions(es_client, own) == [old, report.new_index]  # the old one is kept
    after = es_client.get(index=own.index_alias, id="002_29db2200959aca4a")["_source"]
    assert after["source"] == before["source"] and after["source"].startswith("outlet")  # the caller's
    assert after["ingested_at"] == before["ingested_at"]
    assert after["entity_ids"] == before["entity_ids"] and after["numbers"] == before["numbers"]
    assert es_client.indices.exists(index=f"{own.index_alias}-entities")  # the registry is untouched


def test_articles_ingested_during_the_rebuild_are_caught_up(
    own: Settings, es_client: Elasticsearch, seed_texts: dict[str, str]
) -> None:
    ingest(own, es_client, seed_items(seed_texts))
    host = load_plugins(own, reserved_fields=core_fields(own))
    late = InputItem(
        origin="late", article=ArticleIn(id="late-news", content="The council met again on Friday.")
    )
    ingested = False

    def ingest_one_meanwhile(count: int) -> None:
        nonlocal ingested
        if not ingested:  # once the rebuild is under way, someone ingests through the alias
            ingested = True
            ingest(own, es_client, [late])

    report = reindex(own, host, es_client, on_progress=ingest_one_meanwhile)

    assert report.caught_up == 1
    assert es_client.count(index=own.index_alias)["count"] == len(seed_texts) + 1
    assert es_client.exists(index=report.new_index, id="late-news")


def test_articles_stored_before_raw_meta_rebuild_from_their_stored_fields(
    own: Settings, es_client: Elasticsearch, seed_texts: dict[str, str]
) -> None:
    ingest(own, es_client, seed_items(seed_texts)[:1])
    [stem] = list(seed_texts)[:1]
    source = es_client.get(index=own.index_alias, id=stem)["_source"]
    del source["raw"]["meta"]  # as written by an older newsdesk
    es_client.index(index=own.index_alias, id=stem, document=source, refresh=True)

    report = reindex(own, load_plugins(own, reserved_fields=core_fields(own)), es_client)

    assert report.switched
    assert es_client.get(index=own.index_alias, id=stem)["_source"]["source"] == "outlet 0"


def test_the_cli_lists_rebuilds_and_drops_only_an_old_index(
    own: Settings, es_client: Elasticsearch, seed_texts: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(own, es_client, seed_items(seed_texts)[:2])
    monkeypatch.setenv("NEWSDESK_INDEX_ALIAS", own.index_alias)
    monkeypatch.setenv("NEWSDESK_DEAD_LETTER_PATH", str(own.dead_letter_path))
    monkeypatch.setenv("COLUMNS", "200")
    from newsdesk.search_api.settings import get_settings

    get_settings.cache_clear()
    runner = CliRunner()
    try:
        rebuilt = runner.invoke(app, ["reindex", "--processes", "1"])
        listed = runner.invoke(app, ["indexes", "list"])
        old, new = index_versions(es_client, own)
        refused = runner.invoke(app, ["indexes", "drop", new])
        dropped = runner.invoke(app, ["indexes", "drop", old])
    finally:
        get_settings.cache_clear()

    assert rebuilt.exit_code == 0, rebuilt.output
    assert f"now points at {new}" in rebuilt.output and "re-enriched 2 articles" in rebuilt.output
    assert old in listed.output and new in listed.output
    assert refused.exit_code == 1 and "live index" in refused.output
    assert dropped.exit_code == 0 and index_versions(es_client, own) == [new]


def test_nothing_but_a_kept_article_index_can_be_dropped(own: Settings, es_client: Elasticsearch) -> None:
    with pytest.raises(ReindexError, match="not an article index"):
        drop_old_index(es_client, own, f"{own.index_alias}-entities")


def test_rebuilding_nothing_says_so(own: Settings, es_client: Elasticsearch) -> None:
    with pytest.raises(ReindexError, match="nothing to rebuild"):
        reindex(own, load_plugins(own, reserved_fields=core_fields(own)), es_client)
