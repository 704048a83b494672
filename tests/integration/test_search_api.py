"""Search as front ends and analysts use it: query language, URLs, paging, articles, failures."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsdesk.search_api.app import create_app
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration


def article(api: TestClient, article_id: str) -> dict:
    response = api.get(f"/v1/articles/{article_id}")
    assert response.status_code == 200, response.text
    return response.json()


def test_phrase_with_exclusion_behaves_as_written(seeded_api: TestClient) -> None:
    with_mosul = seeded_api.post("/v1/search", json={"query": '"Syrian Democratic Forces"'}).json()
    without = seeded_api.post("/v1/search", json={"query": '"Syrian Democratic Forces" -Mosul'}).json()

    assert 0 < without["total"] < with_mosul["total"]
    for hit in without["hits"]:
        text = article(seeded_api, hit["id"])["content"]
        assert "Syrian Democratic Forces" in text and "Mosul" not in text


def test_field_prefix_and_or(seeded_api: TestClient) -> None:
    xinhua = seeded_api.post("/v1/search", json={"query": "source:xinhua"}).json()
    assert {hit["source"] for hit in xinhua["hits"]} == {"Xinhua"}

    either = seeded_api.post("/v1/search", json={"query": "Bukamal OR Mandaville"}).json()
    only_one = seeded_api.post("/v1/search", json={"query": "Bukamal"}).json()
    assert either["total"] > only_one["total"] > 0


def test_bookmarkable_get_equals_post(seeded_api: TestClient) -> None:
    by_url = seeded_api.get("/v1/search?q=Raqqa&source=Xinhua&source=Los+Angeles+Times&sort=date").json()
    by_body = seeded_api.post(
        "/v1/search",
        json={"query": "Raqqa", "filters": {"source": ["Xinhua", "Los Angeles Times"]}, "sort": "date"},
    ).json()
    assert [hit["id"] for hit in by_url["hits"]] == [hit["id"] for hit in by_body["hits"]]
    assert by_url["total"] == 2


def test_bad_requests_name_what_is_wrong(seeded_api: TestClient) -> None:
    unknown_param = seeded_api.get("/v1/search?q=Raqqa&colour=red")
    assert unknown_param.status_code == 400 and "'colour'" in unknown_param.json()["detail"]
    assert "source" in unknown_param.json()["detail"]

    unknown_sort = seeded_api.post("/v1/search", json={"query": "Raqqa", "sort": "popularity"})
    assert unknown_sort.status_code == 400 and "relevance, date, date_asc" in unknown_sort.json()["detail"]

    unknown_field = seeded_api.post("/v1/search", json={"query": "colour:red"})
    assert unknown_field.status_code == 400 and "unknown field 'colour'" in unknown_field.json()["detail"]

    too_big = seeded_api.post("/v1/search", json={"query": "Raqqa", "size": 1000})
    assert too_big.status_code == 422 and "100" in too_big.text

    dsl = seeded_api.post("/v1/search", json={"query": {"script": {"source": "1"}}})
    assert dsl.status_code == 422 and "query" in dsl.text


def test_article_shows_its_whole_enrichment(seeded_api: TestClient) -> None:
    body = article(seeded_api, "004_66dd8c24867dc48b")

    assert "Leave a Reply" not in body["content"]
    assert any(removed["reason"] for removed in body["boilerplate_removed"])
    assert any("Leave a Reply" in removed["text"] for removed in body["boilerplate_removed"])
    assert any(entity["label"] == "PERSON" for entity in body["entities"])
    assert any(number.get("value") == 1130 for number in body["numbers"])
    assert "raw" not in body
    assert seeded_api.get("/v1/articles/004_66dd8c24867dc48b?include_raw=true").json()["raw"]["content"]
    assert seeded_api.get("/v1/articles/no-such-article").status_code == 404


def test_more_like_this_finds_the_other_tellings(seeded_api: TestClient) -> None:
    similar = seeded_api.get("/v1/articles/004_66dd8c24867dc48b/similar?size=3").json()
    ids = [hit["id"] for hit in similar]
    assert ids and "004_66dd8c24867dc48b" not in ids
    assert all(hit_id[:3] in {"000", "001", "002", "003"} for hit_id in ids)


def test_facet_values_are_searchable_by_prefix(seeded_api: TestClient) -> None:
    body = seeded_api.get("/v1/facets/places/values?prefix=Der").json()
    assert [value["value"] for value in body["values"]] == ["Deir ez-Zor"]
    assert body["values"][0]["count"] >= 3
    mayadeen = seeded_api.get("/v1/facets/places/values?prefix=maya").json()
    assert "Mayadeen" in [value["value"] for value in mayadeen["values"]]
    assert seeded_api.get("/v1/facets/colour/values?prefix=x").status_code == 404


def test_unversioned_paths_serve_the_current_version(seeded_api: TestClient) -> None:
    assert (
        seeded_api.post("/search", json={"query": "Raqqa"}).json()
        == seeded_api.post("/v1/search", json={"query": "Raqqa"}).json()
    )
    paths = seeded_api.get("/openapi.json").json()["paths"]
    assert "/v1/search" in paths and "/search" not in paths


def test_elasticsearch_unreachable_is_a_503_with_retry_after(settings: Settings) -> None:
    unreachable = settings.model_copy(update={"es_url": "http://127.0.0.1:9"})
    with TestClient(create_app(unreachable)) as api:
        for response in (
            api.post("/v1/search", json={"query": "Raqqa"}),
            api.get("/v1/search?q=Raqqa"),
            api.get("/v1/ready"),
            api.get("/v1/articles/x"),
        ):
            assert response.status_code == 503
            assert response.headers["Retry-After"]
