"""Search by the figures articles state: the seeds, ingested into the real node, filtered by numbers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

LA_TIMES, XINHUA, SOHR_REPORT = "000_f17d1267a26db66a", "002_29db2200959aca4a", "004_66dd8c24867dc48b"


def search(api: TestClient, **body: object) -> dict:
    response = api.post("/search", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_at_least_a_thousand_people_killed_finds_exactly_the_articles_that_say_so(
    seeded_api: TestClient,
) -> None:
    body = search(seeded_api, numbers=[{"counted": "people", "verb": "killed", "min": 1000}])

    assert {hit["id"] for hit in body["hits"]} == {LA_TIMES, XINHUA, SOHR_REPORT}
    shown = {
        hit["id"]: [(n["text"], n["qualifier"], n["value"]) for n in hit["numbers"]] for hit in body["hits"]
    }
    assert shown[LA_TIMES] == [("more than 1,000", "at_least", 1000)]
    assert shown[XINHUA] == [("as many as 3,250", "up_to", 3250)]
    assert shown[SOHR_REPORT] == [("3,250", "exact", 3250)]
    for hit in body["hits"]:
        assert all(n["counted"] == "people" and n["verb"] == "kill" for n in hit["numbers"])


def test_the_paris_toll_of_more_than_130_is_below_a_thousand_but_above_a_hundred(
    seeded_api: TestClient,
) -> None:
    paris = "003_a078ef960d8e8806"
    above_hundred = search(seeded_api, numbers=[{"counted": "people", "verb": "kill", "min": 100}])
    assert paris in {hit["id"] for hit in above_hundred["hits"]}
    below_thousand = search(seeded_api, numbers=[{"counted": "people", "verb": "kill", "max": 999}])
    assert {hit["id"] for hit in below_thousand["hits"]} == {paris}


def test_number_filters_combine_with_each_other_and_with_text(seeded_api: TestClient) -> None:
    civilians_and_people = search(
        seeded_api,
        numbers=[{"counted": "civilians", "verb": "killed", "min": 1000}, {"counted": "people", "min": 3000}],
    )
    assert {hit["id"] for hit in civilians_and_people["hits"]} == {XINHUA, SOHR_REPORT}
    hit = civilians_and_people["hits"][0]
    assert {n["counted"] for n in hit["numbers"]} == {"civilian", "people"}

    with_text = search(seeded_api, query="Xinhua", numbers=[{"counted": "civilian", "min": 1000}])
    assert [hit["id"] for hit in with_text["hits"]] == [XINHUA]


def test_vague_amounts_match_by_the_interval_they_allow(seeded_api: TestClient) -> None:
    hundreds = search(seeded_api, numbers=[{"counted": "survivor", "min": 500}])  # "Hundreds of survivors"
    assert [hit["id"] for hit in hundreds["hits"]] == [LA_TIMES]
    assert hundreds["hits"][0]["numbers"][0]["qualifier"] == "vague"
    assert search(seeded_api, numbers=[{"counted": "survivor", "min": 1000}])["total"] == 0


def test_counted_nouns_are_a_facet_narrowed_by_the_number_filter(seeded_api: TestClient) -> None:
    everything = search(seeded_api, facets=["counted"])
    counted = {value["value"]: value["count"] for value in everything["facets"]["counted"]["values"]}
    assert counted["people"] >= 4 and counted["civilian"] >= 3

    killed = search(seeded_api, facets=["counted"], numbers=[{"verb": "killed", "min": 1000}])
    narrowed = {value["value"] for value in killed["facets"]["counted"]["values"]}
    assert "people" in narrowed and len(killed["hits"]) < everything["total"]


def test_a_filter_that_says_nothing_or_contradicts_itself_is_refused(seeded_api: TestClient) -> None:
    for numbers in ([{}], [{"min": 10, "max": 1}], [{"kind": "weight"}]):
        assert seeded_api.post("/search", json={"numbers": numbers}).status_code == 422, numbers
