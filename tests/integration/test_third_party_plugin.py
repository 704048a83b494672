"""A plugin from another package enriches real articles and its facet appears in /search."""

from __future__ import annotations

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.settings import Settings
from tests.conftest import InstallPlugin

pytestmark = pytest.mark.integration


def test_third_party_processor_runs_and_its_facet_is_served(
    install_plugin: InstallPlugin, es_client: Elasticsearch, settings: Settings, seed_texts: dict[str, str]
) -> None:
    install_plugin("reading_time", "newsdesk_reading_time")
    own = settings.model_copy(update={"index_alias": f"{settings.index_alias}-plugin"})
    try:
        with TestClient(create_app(own)) as api:
            articles = [{"id": stem, "content": text} for stem, text in seed_texts.items()]
            assert api.post("/ingest", json={"articles": articles}).json()["failed"] == []

            body = api.post("/search", json={"query": "Raqqa", "facets": ["reading_time", "source"]}).json()

        counts = {value["value"]: value["count"] for value in body["facets"]["reading_time"]["values"]}
        assert sum(counts.values()) == 5
        assert set(counts) <= {"short", "long"}
        assert body["facets"]["reading_time"]["plugin"] == "reading_time"
    finally:
        drop_index(es_client, own)
