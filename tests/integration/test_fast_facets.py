"""Facets as the page uses them: flat entity fields counting articles, only those asked for, cached."""

from __future__ import annotations

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration


def test_entity_facets_count_articles_and_filter_by_canonical_name(seeded_api: TestClient) -> None:
    response = seeded_api.post("/v1/search", json={"query": "", "facets": ["people", "places"]}).json()
    assert set(response["facets"]) == {"people", "places"}  # only the facets asked for are counted
    places = {v["value"]: v["count"] for v in response["facets"]["places"]["values"]}
    assert places["Raqqa"] == 5  # five articles, however often each names it
    person = response["facets"]["people"]["values"][0]
    filtered = seeded_api.post("/v1/search", json={"filters": {"people": [person["value"]]}}).json()
    assert filtered["total"] == person["count"]


def test_facet_counts_alone_come_without_hits_and_from_the_request_cache(
    seeded_api: TestClient, es_client: Elasticsearch, settings: Settings
) -> None:
    def cache_hits() -> int:
        stats = es_client.indices.stats(index=settings.index_alias, metric="request_cache")
        return int(stats["_all"]["total"]["request_cache"]["hit_count"])

    request = {"query": "Raqqa", "size": 0, "facets": ["source", "places"]}
    first = seeded_api.post("/v1/search", json=request).json()
    before = cache_hits()
    again = seeded_api.post("/v1/search", json=request).json()
    assert first["hits"] == [] and first["total"] == 5
    assert again["facets"] == first["facets"]
    assert cache_hits() > before


def test_a_cursor_needs_hits_to_page_through(seeded_api: TestClient) -> None:
    response = seeded_api.post("/v1/search", json={"query": "Raqqa", "size": 0, "cursor": "*"})
    assert response.status_code == 422
    assert "cursor" in response.text
