"""Ingest the seeds into the real node, then search, facet and ask, as an API client would."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def test_search_finds_the_stadium_in_several_articles_with_highlights(seeded_api: TestClient) -> None:
    body = seeded_api.post("/search", json={"query": "Raqqa stadium"}).json()

    assert body["total"] >= 2
    assert len({hit["id"] for hit in body["hits"]}) >= 2
    for hit in body["hits"]:
        fragments = " ".join(hit["highlights"].get("content", []))
        assert "<mark>" in fragments
    assert body["facets"]["source"]["values"], "the source facet has counts"
    assert body["facets"]["places"]["values"], "the places facet has counts"


def test_boilerplate_is_not_searchable(seeded_api: TestClient) -> None:
    for junk in ["Telegram channel", "Leave a Reply", "MOST VIEWED", "AIRLIFTS"]:
        body = seeded_api.post("/search", json={"query": f'"{junk}"'}).json()
        assert body["total"] == 0, junk


def test_source_facet_is_disjunctive(seeded_api: TestClient) -> None:
    everything = seeded_api.post("/search", json={"query": "Raqqa"}).json()
    sources = {value["value"] for value in everything["facets"]["source"]["values"]}
    assert "Xinhua" in sources and len(sources) >= 2

    selected = seeded_api.post("/search", json={"query": "Raqqa", "filters": {"source": ["Xinhua"]}}).json()

    assert {hit["source"] for hit in selected["hits"]} == {"Xinhua"}
    still_offered = {value["value"] for value in selected["facets"]["source"]["values"]}
    assert still_offered == sources
    assert [v["value"] for v in selected["facets"]["source"]["values"] if v["selected"]] == ["Xinhua"]


def test_entity_facet_filters_articles(seeded_api: TestClient) -> None:
    body = seeded_api.post("/search", json={"query": "", "filters": {"people": ["Ryan Dillon"]}}).json()
    assert body["total"] >= 3
    everything = seeded_api.post("/search", json={"query": ""}).json()
    assert body["total"] < everything["total"]


def test_unknown_facet_is_a_400_naming_it(seeded_api: TestClient) -> None:
    response = seeded_api.post("/search", json={"query": "Raqqa", "filters": {"colour": ["red"]}})
    assert response.status_code == 400
    assert "colour" in response.json()["detail"] and "source" in response.json()["detail"]


def test_hostile_query_text_is_answered_not_crashed(seeded_api: TestClient) -> None:
    for text in ['{"script": {"source": "1"}}', "*:* OR content:/.*/", "((((", 'title:"x', "a" * 1000]:
        response = seeded_api.post("/search", json={"query": text})
        assert response.status_code == 200, text
    assert seeded_api.post("/search", json={"query": "a" * 100_000}).status_code == 422


def test_question_about_civilians_killed_is_answered_with_its_sources(seeded_api: TestClient) -> None:
    body = seeded_api.post(
        "/qa", json={"question": "How many civilians were killed in the battle for Raqqa?"}
    ).json()

    assert body["no_answer"] is False
    best = body["answers"][0]
    assert best["value"] == 1130
    cited = {evidence["article_id"] for evidence in best["evidence"]}
    assert cited == {"002_29db2200959aca4a", "004_66dd8c24867dc48b"}
    assert all("1,130" in evidence["sentence"] for evidence in best["evidence"])


def test_question_whose_only_answer_is_in_a_comment_gets_no_answer(seeded_api: TestClient) -> None:
    body = seeded_api.post("/qa", json={"question": "How many ISIS fighters did the US airlift?"}).json()
    assert body["no_answer"] is True


def test_ingesting_the_same_article_again_updates_it(
    seeded_api: TestClient, seed_texts: dict[str, str]
) -> None:
    before = seeded_api.get("/health").json()["documents"]
    stem, text = next(iter(seed_texts.items()))

    response = seeded_api.post("/ingest", json={"articles": [{"id": stem, "content": text}]}).json()

    assert response["updated"] == [stem] and response["created"] == []
    assert seeded_api.get("/health").json()["documents"] == before


def test_one_bad_article_fails_alone_and_is_reported(seeded_api: TestClient) -> None:
    articles = [
        {"id": "good-one", "content": "The council met on Monday and approved the budget for 2018."},
        {"id": "blank", "content": "   "},
        {"id": "bad id with spaces", "content": "Some text."},
        {"id": "good-two", "content": "Fighters left the city on Sunday, officials said."},
    ]
    body = seeded_api.post("/ingest", json={"articles": articles}).json()

    assert sorted(body["created"]) == ["good-one", "good-two"]
    reasons = {failure["index"]: failure["reason"] for failure in body["failed"]}
    assert set(reasons) == {1, 2}
    assert "content" in reasons[1]
    assert "id" in reasons[2]
    found = seeded_api.post("/search", json={"query": "council budget"}).json()
    assert [hit["id"] for hit in found["hits"]] == ["good-one"]


def test_health_reports_the_index_and_its_documents(seeded_api: TestClient) -> None:
    body = seeded_api.get("/health").json()
    assert body["status"] == "ok" and body["elasticsearch"] is True
    assert body["documents"] >= 5
    assert body["index"].endswith("-v1")
