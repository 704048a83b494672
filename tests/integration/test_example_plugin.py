"""Third-party plugins, installed with pip: their facet is served, their failures cost nothing."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.ingest.dead_letter import DeadLetterStore
from newsdesk.search_api.settings import Settings
from tests.conftest import InstallPlugin

pytestmark = pytest.mark.integration

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "newsdesk-topics"
FAILING_PLUGIN = """
from haystack import Document, component
from newsdesk import hookimpl

NEWSDESK_HOOK_API = 1


@component
class Explodes:
    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        if any("Xinhua" in (doc.content or "") for doc in documents):
            raise RuntimeError("cannot read Xinhua")
        return {"documents": documents}


@hookimpl
def newsdesk_register_processors(register):
    register("explodes", Explodes(), after=["numbers"])
"""


@pytest.fixture
def pip_installed_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`pip install` the example package (into a folder put on sys.path, so other tests don't see it)."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(EXAMPLE),
        ],
        check=True,
    )
    monkeypatch.syspath_prepend(str(target))
    yield
    sys.modules.pop("newsdesk_topics", None)
    sys.modules.pop("newsdesk_topics.tagger", None)


def own_index(settings: Settings, suffix: str, **changes: object) -> Settings:
    return settings.model_copy(update={"index_alias": f"{settings.index_alias}-{suffix}", **changes})


def ingest_seeds(api: TestClient, seed_texts: dict[str, str]) -> dict:
    articles = [{"id": stem, "content": text} for stem, text in seed_texts.items()]
    response = api.post("/ingest", json={"articles": articles})
    assert response.status_code == 200, response.text
    return response.json()


def test_installed_example_plugin_facet_appears_in_search(
    pip_installed_example: None, es_client: Elasticsearch, settings: Settings, seed_texts: dict[str, str]
) -> None:
    own = own_index(settings, "topics")
    try:
        with TestClient(create_app(own)) as api:
            assert ingest_seeds(api, seed_texts)["failed"] == []
            body = api.post("/search", json={"query": "", "facets": ["topics"]}).json()
            filtered = api.post("/search", json={"query": "", "filters": {"topics": ["humanitarian"]}}).json()
    finally:
        drop_index(es_client, own)

    counts = {value["value"]: value["count"] for value in body["facets"]["topics"]["values"]}
    assert counts["conflict"] == 5
    assert body["facets"]["topics"]["plugin"] == "topics"
    assert filtered["total"] == counts["humanitarian"]


def ingest_with_failing_plugin(
    settings: Settings, es_client: Elasticsearch, seed_texts: dict[str, str]
) -> tuple[dict, int]:
    """Ingest the seeds into an index of their own; the ingest report and how many got indexed."""
    try:
        with TestClient(create_app(settings)) as api:
            report = ingest_seeds(api, seed_texts)
            return report, api.post("/search", json={"query": ""}).json()["total"]
    finally:
        drop_index(es_client, settings)


def test_failing_plugin_costs_no_article_and_is_named(
    install_plugin: InstallPlugin, es_client: Elasticsearch, settings: Settings, seed_texts: dict[str, str]
) -> None:
    install_plugin("explodes", "newsdesk_explodes", source=FAILING_PLUGIN)
    report, total = ingest_with_failing_plugin(own_index(settings, "explodes"), es_client, seed_texts)

    assert total == 5
    assert sorted(report["created"]) == sorted(seed_texts)
    assert report["failed"] == []
    [partial] = report["enrichment_errors"]
    assert partial["id"] == "002_29db2200959aca4a"
    assert (
        "processor explodes (plugin explodes) failed: RuntimeError: cannot read Xinhua" in partial["reason"]
    )


def test_dead_letter_policy_holds_the_article_back_with_its_raw_input(
    install_plugin: InstallPlugin,
    es_client: Elasticsearch,
    settings: Settings,
    seed_texts: dict[str, str],
    tmp_path: Path,
) -> None:
    install_plugin("explodes", "newsdesk_explodes", source=FAILING_PLUGIN)
    held = own_index(
        settings, "held", enrichment_error_policy="dead_letter", dead_letter_path=tmp_path / "dead.jsonl"
    )
    report, total = ingest_with_failing_plugin(held, es_client, seed_texts)

    assert total == 4
    assert [failure["id"] for failure in report["failed"]] == ["002_29db2200959aca4a"]
    [record] = DeadLetterStore(tmp_path / "dead.jsonl").records()
    assert "plugin explodes" in record["reason"]
    assert record["raw"]["content"] == seed_texts["002_29db2200959aca4a"]
