"""Deep paging with cursors: every hit once, the point in time closed, and only our own cursors taken."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from newsdesk.search_api.app import create_app
from newsdesk.search_api.settings import Settings
from tests.conftest import ScratchIndex

pytestmark = pytest.mark.integration


def page(api: TestClient, cursor: str, query: str = "", size: int = 2) -> dict:
    response = api.post("/v1/search", json={"query": query, "size": size, "cursor": cursor, "facets": []})
    assert response.status_code == 200, response.text
    return response.json()


def refused(api: TestClient, cursor: str, query: str = "") -> str:
    response = api.post("/v1/search", json={"query": query, "size": 2, "cursor": cursor, "facets": []})
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert "cursor" in detail
    return detail


def open_contexts(client: Elasticsearch, alias: str) -> int:
    """Search contexts (a point in time holds one per shard) open on this index alone."""
    stats = client.indices.stats(index=alias, metric="search")
    return int(stats["_all"]["total"]["search"]["open_contexts"])


def test_paging_returns_every_hit_once_then_closes_the_point_in_time(
    seeded_api: TestClient, es_client: Elasticsearch, settings: Settings
) -> None:
    total = seeded_api.post("/v1/search", json={"query": ""}).json()["total"]
    before = open_contexts(es_client, settings.index_alias)

    seen: list[str] = []
    cursor: str | None = "*"
    while cursor:
        body = page(seeded_api, cursor)
        seen += [hit["id"] for hit in body["hits"]]
        cursor = body["next_cursor"]

    assert len(seen) == len(set(seen)) == total
    assert open_contexts(es_client, settings.index_alias) == before


def test_a_single_page_result_leaves_no_point_in_time_open(
    seeded_api: TestClient, es_client: Elasticsearch, settings: Settings
) -> None:
    before = open_contexts(es_client, settings.index_alias)
    body = page(seeded_api, "*", size=100)
    assert body["hits"] and body["next_cursor"] is None
    assert open_contexts(es_client, settings.index_alias) == before


@pytest.fixture
def foreign_api(scratch_index: ScratchIndex) -> Iterator[TestClient]:
    """The API over another index, holding articles nobody searching the seeds may read."""
    for number in range(3):
        scratch_index.client.index(
            index=scratch_index.alias,
            id=f"foreign-{number}",
            document={"title": "Foreign", "content": "not for the seeds' readers"},
        )
    scratch_index.client.indices.refresh(index=scratch_index.alias)
    with TestClient(create_app(scratch_index.settings)) as client:
        yield client


def test_a_cursor_from_another_index_is_refused(seeded_api: TestClient, foreign_api: TestClient) -> None:
    foreign_cursor = page(foreign_api, "*", size=1)["next_cursor"]
    assert foreign_cursor

    refused(seeded_api, foreign_cursor)


def test_a_cursor_from_another_query_is_refused(seeded_api: TestClient) -> None:
    cursor = page(seeded_api, "*", size=1)["next_cursor"]
    assert cursor

    detail = refused(seeded_api, cursor, query="Raqqa")
    assert "*" in detail  # says how to start again


def _reencoded(token: str, search_after: list) -> str:
    """The token with its `search_after` replaced and its signature (if any) kept."""
    payload, dot, signature = token.partition(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data["after"] = search_after
    encoded = base64.urlsafe_b64encode(json.dumps(data).encode()).decode()
    return encoded.rstrip("=") + dot + signature if dot else encoded


def test_an_altered_or_garbled_cursor_is_refused(seeded_api: TestClient) -> None:
    cursor = page(seeded_api, "*", size=1)["next_cursor"]
    assert cursor

    refused(seeded_api, _reencoded(cursor, ["not a score", {"script": "1"}]))
    refused(seeded_api, _reencoded(cursor, []))
    refused(seeded_api, cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB"))
    refused(seeded_api, "not-a-cursor")
    assert page(seeded_api, cursor, size=1)["hits"]  # the untouched cursor still pages on
