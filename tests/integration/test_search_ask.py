"""`POST /v1/search/ask`: a request in words becomes filters on the real index, and finds the articles."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

XINHUA = "002_29db2200959aca4a"


def test_an_analysts_request_compiles_to_filters_and_finds_the_article(seeded_api: TestClient) -> None:
    ask = "articles from Xinhua in October 2017 where more than 1,000 people were killed"
    response = seeded_api.post("/v1/search/ask", json={"ask": ask})

    assert response.status_code == 200, response.text
    compiled, results = response.json()["compiled"], response.json()["results"]
    assert compiled["filters"] == {"source": ["Xinhua"]}
    assert (compiled["date_from"], compiled["date_to"]) == ("2017-10-01", "2017-10-31")
    stated = {field: value for field, value in compiled["numbers"][0].items() if value is not None}
    assert stated == {"counted": "people", "verb": "killed", "min": 1000}
    assert [chip["kind"] for chip in compiled["chips"]] == ["filter", "date", "figure"]
    assert [hit["id"] for hit in results["hits"]] == [XINHUA]


def test_names_come_from_the_entity_registry_of_the_index(seeded_api: TestClient) -> None:
    response = seeded_api.post(
        "/v1/search/ask", json={"ask": "Syrian Democratic Forces in Raqqa stadium", "today": "2017-10-20"}
    )
    compiled = response.json()["compiled"]
    assert compiled["filters"]["organizations"] == ["Syrian Democratic Forces"]
    assert compiled["filters"]["places"] == ["Raqqa"]
    assert compiled["query"] == "stadium"
    assert response.json()["results"]["total"] >= 1


def test_relative_dates_count_from_today_and_a_month_without_articles_finds_none(
    seeded_api: TestClient,
) -> None:
    response = seeded_api.post("/v1/search/ask", json={"ask": "Raqqa last month", "today": "2017-10-20"})
    compiled = response.json()["compiled"]
    assert (compiled["date_from"], compiled["date_to"]) == ("2017-09-01", "2017-09-30")
    assert response.json()["results"]["total"] == 0


def test_an_empty_request_is_a_422_naming_the_field(seeded_api: TestClient) -> None:
    response = seeded_api.post("/v1/search/ask", json={"ask": ""})
    assert response.status_code == 422 and "ask" in response.text
