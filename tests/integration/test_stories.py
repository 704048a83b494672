"""The five seeds as one story: `/stories`, its timeline, and its figures side by side by outlet."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

SEEDS = {
    "000_f17d1267a26db66a",
    "001_90970aed82bd4b19",
    "002_29db2200959aca4a",
    "003_a078ef960d8e8806",
    "004_66dd8c24867dc48b",
}
XINHUA, LA_TIMES, SOHR_REPORT = "002_29db2200959aca4a", "000_f17d1267a26db66a", "004_66dd8c24867dc48b"


@pytest.fixture(scope="module")
def seeded_api(
    settings: Settings, es_client: Elasticsearch, seed_texts: dict[str, str]
) -> Iterator[TestClient]:
    """The seeds ingested once into an index of this module's own, as `make run` does on a fresh node.

    The session's seeded index is shared with tests that ingest more articles and re-ingest seeds
    (a re-ingested article is `kept` in its story, not `joined` again), so it is not the fresh state.
    """
    from newsdesk.search_api.app import create_app
    from newsdesk.search_api.index.admin import drop_index

    alias = f"{settings.index_alias}-stories-{uuid.uuid4().hex[:6]}"
    own = settings.model_copy(update={"index_alias": alias})
    with TestClient(create_app(own)) as client:
        articles = [{"id": stem, "content": text} for stem, text in seed_texts.items()]
        response = client.post("/ingest", json={"articles": articles})
        assert response.status_code == 200 and response.json()["failed"] == [], response.text
        yield client
    drop_index(es_client, own)


@pytest.fixture(scope="module")
def story(seeded_api: TestClient) -> dict[str, Any]:
    listed = seeded_api.get("/v1/stories")
    assert listed.status_code == 200, listed.text
    [only] = [s for s in listed.json()["stories"] if SEEDS & set(_article_ids(seeded_api, s["id"]))]
    response = seeded_api.get(f"/v1/stories/{only['id']}")
    assert response.status_code == 200, response.text
    return response.json()


def _article_ids(api: TestClient, story_id: str) -> list[str]:
    return [a["id"] for a in api.get(f"/v1/stories/{story_id}").json()["articles"]]


def _fact(story: dict[str, Any], label: str) -> dict[str, Any]:
    [fact] = [f for f in story["figures"] if f["label"] == label]
    return fact


def _row(fact: dict[str, Any], article_id: str) -> dict[str, Any]:
    [row] = [r for r in fact["rows"] if r["article_id"] == article_id]
    return row


def test_the_five_seeds_are_one_story_told_by_five_outlets(story: dict[str, Any]) -> None:
    assert {a["id"] for a in story["articles"]} == SEEDS
    assert story["article_count"] == 5 and len(story["outlets"]) == 5
    assert "Xinhua" in story["outlets"] and "Los Angeles Times" in story["outlets"]
    assert "Raqqa" in [e["name"] for e in story["top_entities"]]


def test_the_timeline_runs_in_time_order_and_says_why_each_article_joined(story: dict[str, Any]) -> None:
    times = [a["time"] for a in story["articles"]]
    assert times == sorted(times)
    reasons = [a["reason"] for a in story["articles"]]
    assert reasons[0]["decision"] == "started" or any(r["decision"] == "started" for r in reasons)
    joined = [r for r in reasons if r["decision"] == "joined"]
    assert len(joined) == 4
    for reason in joined:
        assert reason["score"] >= 0.0 and set(reason["signals"]) >= {"entities", "terms"}
        assert "gpe:raqqa" in reason["shared_entities"]


def test_people_killed_lines_up_each_outlet_with_its_qualifier(story: dict[str, Any]) -> None:
    killed = _fact(story, "people killed")

    xinhua, sohr, la_times = (_row(killed, a) for a in (XINHUA, SOHR_REPORT, LA_TIMES))
    assert (xinhua["text"], xinhua["qualifier"]) == ("as many as 3,250", "up_to")
    assert (sohr["value"], sohr["qualifier"]) == (3250, "exact")
    assert (la_times["text"], la_times["qualifier"]) == ("more than 1,000", "at_least")
    assert killed["verdict"] == "agree"  # 'more than 1,000' and 'as many as 3,250' both hold for 3,250
    assert "3,250" in _row(killed, XINHUA)["sentence"]


def test_civilians_killed_agree_between_the_two_outlets_that_give_them(story: dict[str, Any]) -> None:
    civilians = _fact(story, "civilians killed")

    assert {r["article_id"]: r["value"] for r in civilians["rows"]} == {XINHUA: 1130, SOHR_REPORT: 1130}
    assert civilians["verdict"] == "agree"


def test_the_battles_length_is_a_disagreement_four_months_in_four_outlets_five_in_one(
    story: dict[str, Any],
) -> None:
    months = _fact(story, "duration in months")

    assert months["verdict"] == "disagree"
    values = sorted(r["value"] for r in months["rows"])
    assert values == [4, 4, 4, 4, 5]
    [odd_one] = [r for r in months["rows"] if r["disagrees"]]
    assert (odd_one["article_id"], odd_one["text"]) == (SOHR_REPORT, "five-month")
    assert [a["text"] for a in odd_one["also"]] == ["four-month"]  # the same article says both


def test_search_filters_and_counts_by_story(seeded_api: TestClient, story: dict[str, Any]) -> None:
    body = seeded_api.get("/v1/search", params={"q": "", "story": story["id"]}).json()

    assert body["total"] == 5
    [bucket] = [v for v in body["facets"]["story"]["values"] if v["value"] == story["id"]]
    assert bucket["count"] == 5


def test_stories_are_searched_with_the_search_language_and_filters(
    seeded_api: TestClient, story: dict[str, Any]
) -> None:
    found = seeded_api.get("/v1/stories", params={"q": "Raqqa", "source": "Xinhua"}).json()
    assert [s["id"] for s in found["stories"]] == [story["id"]]
    assert seeded_api.get("/v1/stories", params={"q": "zzzxqv"}).json() == {"total": 0, "stories": []}


def test_an_unknown_story_is_a_404_and_an_unknown_filter_a_400_naming_it(seeded_api: TestClient) -> None:
    missing = seeded_api.get("/v1/stories/story-nope")
    assert missing.status_code == 404 and "story-nope" in missing.text
    wrong = seeded_api.get("/v1/stories", params={"colour": "red"})
    assert wrong.status_code == 400 and "colour" in wrong.text


def test_trends_count_the_storys_articles_by_month_and_name_it_the_busiest(
    seeded_api: TestClient, story: dict[str, Any]
) -> None:
    response = seeded_api.get("/v1/trends", params={"story": story["id"], "interval": "month"})
    assert response.status_code == 200, response.text
    body = response.json()

    assert body["total"] == 5
    assert {b["date"][:7]: b["count"] for b in body["buckets"]} == {"2017-10": 2}  # two seeds give a date
    assert body["undated"] == 3
    assert [(s["id"], s["matching"]) for s in body["busiest_stories"]] == [(story["id"], 5)]


def test_a_trend_for_an_entity_counts_only_the_articles_naming_it(seeded_api: TestClient) -> None:
    everything = seeded_api.get("/v1/trends").json()
    talal_silo = seeded_api.get("/v1/trends", params={"people": "Talal Silo"}).json()

    assert 0 < talal_silo["total"] < everything["total"]
    assert seeded_api.get("/v1/trends", params={"interval": "fortnight"}).status_code == 422
