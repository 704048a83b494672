"""One entity per real-world thing across the five seeds, on the real node: facets, filters,
autocomplete, alias search and the registry behind them."""

from __future__ import annotations

from typing import Any

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from newsdesk.plugins.builtin.entities.registry import registry_index
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

# What the five outlets wrote, and the one entity it should all be.
VARIANTS = {
    "people": {"Mostafa Bali": {"Mustafa Bali", "Mostafa Bali"}, "Ryan Dillon": {"Ryan Dillon", "Dillon"}},
    "places": {
        "Deir ez-Zor": {"Dair Alzour", "Deir al-Zor", "Deir al-Zour"},
        "Mayadeen": {"Mayadeen", "al-Mayadin"},
        "Bukamal": {"Bukamal", "Bukmal"},
    },
    "organizations": {
        "Syrian Democratic Forces": {"Syrian Democratic Forces", "SDF"},
        "Islamic State": {"Islamic State", "ISIS", "Isis"},
        "Syrian Observatory for Human Rights": {"Syrian Observatory for Human Rights", "SOHR"},
    },
}


def facet_values(api: TestClient, facet: str, **request: Any) -> dict[str, int]:
    body = api.post("/search", json={"query": "", "facet_size": 100, **request}).json()
    return {value["value"]: value["count"] for value in body["facets"][facet]["values"]}


def registered(es_client: Elasticsearch, settings: Settings, name: str) -> dict[str, Any]:
    hits = es_client.search(index=registry_index(settings.index_alias), query={"term": {"name": name}})[
        "hits"
    ]
    assert hits["total"]["value"] == 1, name
    source: dict[str, Any] = hits["hits"][0]["_source"]
    return source


@pytest.mark.parametrize("facet", list(VARIANTS))
def test_each_thing_is_one_facet_entry_with_its_variants_in_the_registry(
    seeded_api: TestClient, es_client: Elasticsearch, settings: Settings, facet: str
) -> None:
    values = facet_values(seeded_api, facet)
    for canonical, variants in VARIANTS[facet].items():
        assert canonical in values, (facet, canonical, sorted(values))
        others = (variants - {canonical}) & set(values)
        assert not others, f"{others} listed beside {canonical}"
        entry = registered(es_client, settings, canonical)
        assert variants - {canonical} <= set(entry["aliases"]), entry


def test_the_end_to_end_people_filter_keeps_a_readable_full_name(seeded_api: TestClient) -> None:
    assert facet_values(seeded_api, "people")["Ryan Dillon"] >= 3


def test_filtering_on_deir_ez_zor_finds_every_spelling(seeded_api: TestClient) -> None:
    body = seeded_api.post("/search", json={"query": "", "filters": {"places": ["Deir ez-Zor"]}}).json()
    # 000 writes "Dair Alzour", 001 "Deir al-Zor", 002 "Deir al-Zour"; 004's "Deir ez-Zor" is in
    # its reader comments, which the boilerplate processor removes.
    assert {hit["id"] for hit in body["hits"]} == {
        "000_f17d1267a26db66a",
        "001_90970aed82bd4b19",
        "002_29db2200959aca4a",
    }


@pytest.mark.parametrize("prefix", ["Der", "Deir", "deir ez", "Zor", "Dair"])
def test_autocomplete_finds_an_entity_by_any_start_of_any_of_its_names(
    seeded_api: TestClient, prefix: str
) -> None:
    response = seeded_api.get("/entities", params={"prefix": prefix, "type": "GPE"})
    assert response.status_code == 200, response.text
    found = response.json()["entities"]
    assert "Deir ez-Zor" in [e["name"] for e in found], found
    deir = next(e for e in found if e["name"] == "Deir ez-Zor")
    assert deir["id"] == "gpe:deir-ez-zor" and deir["type"] == "GPE"
    assert deir["article_count"] == 3


def test_autocomplete_keeps_to_the_requested_type(seeded_api: TestClient) -> None:
    found = seeded_api.get("/entities", params={"prefix": "Ra", "type": "PERSON"}).json()["entities"]
    assert "Raqqa" not in [e["name"] for e in found]
    places = seeded_api.get("/entities", params={"prefix": "Ra", "type": "GPE"}).json()["entities"]
    assert places[0]["name"] == "Raqqa"


def test_article_counts_stay_right_after_re_ingesting(
    seeded_api: TestClient, seed_texts: dict[str, str]
) -> None:
    stem, text = next(iter(seed_texts.items()))
    assert seeded_api.post("/ingest", json={"articles": [{"id": stem, "content": text}]}).status_code == 200
    raqqa = next(e for e in seeded_api.get("/entities", params={"prefix": "Raqqa"}).json()["entities"])
    assert (raqqa["name"], raqqa["article_count"]) == ("Raqqa", 5)


@pytest.mark.parametrize("alias", ["Daesh", "ISIL"])
def test_a_search_for_an_alias_finds_articles_that_use_another_name(
    seeded_api: TestClient, alias: str
) -> None:
    body = seeded_api.post("/search", json={"query": alias}).json()
    ids = {hit["id"] for hit in body["hits"]}
    # Each of these says "Islamic State" and never "Daesh" or "ISIL".
    assert {"002_29db2200959aca4a", "003_a078ef960d8e8806"} <= ids


def test_a_search_for_one_spelling_finds_the_others(seeded_api: TestClient) -> None:
    body = seeded_api.post("/search", json={"query": "Mostafa Bali"}).json()
    # 000 spells him "Mustafa Bali"; 003 "Mostafa Bali".
    assert {"000_f17d1267a26db66a", "003_a078ef960d8e8806"} <= {hit["id"] for hit in body["hits"]}
