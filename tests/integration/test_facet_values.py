"""Type-ahead over every facet the API lists: values with counts, or a 4xx saying why — never a 5xx."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration


def listed_facets(api: TestClient) -> dict[str, dict]:
    response = api.post("/v1/search", json={"query": ""})
    assert response.status_code == 200, response.text
    return response.json()["facets"]


@pytest.mark.parametrize("prefix", ["", "R", "2017", "ü ~*\\"])
def test_every_listed_facet_answers_its_values(seeded_api: TestClient, prefix: str) -> None:
    facets = listed_facets(seeded_api)
    assert "published" in facets and "places" in facets

    for name in facets:
        response = seeded_api.get(f"/v1/facets/{name}/values", params={"prefix": prefix})
        assert response.status_code < 500, (name, response.text)
        if response.status_code >= 400:
            assert name in response.json()["detail"] or "facet" in response.json()["detail"]


def test_date_facet_values_are_months_with_counts_matched_by_prefix(seeded_api: TestClient) -> None:
    october = seeded_api.get("/v1/facets/published/values", params={"prefix": "2017-1"})
    assert october.status_code == 200, october.text
    assert october.json()["values"] == [{"value": "2017-10", "count": 2, "selected": False}]

    everything = seeded_api.get("/v1/facets/published/values").json()["values"]
    assert [value["value"] for value in everything] == ["2017-10"]
    assert seeded_api.get("/v1/facets/published/values", params={"prefix": "2016"}).json()["values"] == []
