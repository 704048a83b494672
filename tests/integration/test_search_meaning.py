"""Search finds what people mean: other word forms, synonyms, and spelling suggestions (seeds)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def search(api: TestClient, query: str) -> dict:
    response = api.post("/v1/search", json={"query": query, "size": 10})
    assert response.status_code == 200, response.text
    return response.json()


def ids(response: dict) -> list[str]:
    return [hit["id"] for hit in response["hits"]]


SEEDS = {
    "000_f17d1267a26db66a",
    "001_90970aed82bd4b19",
    "002_29db2200959aca4a",
    "003_a078ef960d8e8806",
    "004_66dd8c24867dc48b",
}


def test_a_word_finds_articles_that_only_use_another_form_of_it(seeded_api: TestClient) -> None:
    # Every seed says "fighters", none "fighter"; only 000 says "civilian" without "civilians".
    # (Other tests add articles to this session's index, so the seeds are looked for by id.)
    assert set(ids(search(seeded_api, "fighter"))) >= SEEDS
    assert set(ids(search(seeded_api, "Fighter"))) >= SEEDS
    civilians = ids(search(seeded_api, "civilians"))
    assert "000_f17d1267a26db66a" in civilians
    assert civilians[-1] == "000_f17d1267a26db66a"  # the form typed ranks above another form


def test_every_word_of_the_query_must_still_match_in_some_form(seeded_api: TestClient) -> None:
    assert search(seeded_api, "fighter zeppelin")["total"] == 0


def test_exact_phrases_match_only_as_typed(seeded_api: TestClient) -> None:
    assert search(seeded_api, '"Islamic State fighter"')["total"] == 0
    assert search(seeded_api, '"Islamic State fighters"')["total"] > 0


def test_a_synonym_of_a_query_word_finds_articles_using_it(seeded_api: TestClient) -> None:
    # No seed says "kids"; three say "children", which the synonym file lists with it.
    assert search(seeded_api, "kids Raqqa")["total"] == 3
    assert search(seeded_api, '"kids" Raqqa')["total"] == 0


def test_a_misspelt_name_gets_the_indexed_spelling_suggested(seeded_api: TestClient) -> None:
    response = search(seeded_api, "Raqa stadium")
    assert response["did_you_mean"] == {
        "query": "Raqqa stadium",
        "words": [{"word": "Raqa", "suggestion": "Raqqa"}],
    }
    assert search(seeded_api, response["did_you_mean"]["query"])["total"] > 0


def test_words_that_are_in_the_index_get_no_suggestion(seeded_api: TestClient) -> None:
    assert search(seeded_api, "Raqqa stadium")["did_you_mean"] is None
