"""Copies: a wire story run again, lightly reworded, is found at ingest and folded under its original."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

XINHUA = "002_29db2200959aca4a"


def reworded(text: str) -> str:
    """What a syndicating site does: its own first line, a few words changed, the last paragraph cut."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "\n\n".join(paragraphs[:-1])
    for old, new in (("said", "stated"), ("capture", "seize"), ("Tuesday", "Tuesday evening")):
        body = re.sub(rf"\b{old}\b", new, body, count=2)
    return "Reposted from our partners.\n\n" + body


@pytest.fixture(scope="module")
def api(settings: Settings, es_client: Elasticsearch, seed_texts: dict[str, str]) -> Iterator[TestClient]:
    from newsdesk.search_api.app import create_app
    from newsdesk.search_api.index.admin import drop_index

    own = settings.model_copy(update={"index_alias": f"{settings.index_alias}-copies-{uuid.uuid4().hex[:6]}"})
    with TestClient(create_app(own)) as client:
        first = client.post("/ingest", json={"articles": [{"id": XINHUA, "content": seed_texts[XINHUA]}]})
        assert first.status_code == 200, first.text
        later = [
            {"id": "syndicated-copy", "content": reworded(seed_texts[XINHUA])},
            {"id": "la-times", "content": seed_texts["000_f17d1267a26db66a"]},
        ]
        second = client.post("/ingest", json={"articles": later})
        assert second.status_code == 200 and second.json()["failed"] == [], second.text
        yield client
    drop_index(es_client, own)


def test_a_reworded_copy_points_at_its_original_and_the_original_counts_it(api: TestClient) -> None:
    copy = api.get("/v1/articles/syndicated-copy").json()
    original = api.get(f"/v1/articles/{XINHUA}").json()
    other = api.get("/v1/articles/la-times").json()

    assert copy["duplicate_of"] == XINHUA
    assert original.get("duplicate_of") is None and original["copies"] == 1
    assert other.get("duplicate_of") is None  # the same event told by another outlet is no copy


def test_search_shows_the_original_with_its_copies_count_and_the_copy_only_when_asked(
    api: TestClient,
) -> None:
    collapsed = api.get("/v1/search", params={"q": "Raqqa"}).json()
    shown = api.get("/v1/search", params={"q": "Raqqa", "show_copies": "true"}).json()

    assert {h["id"]: h["copies"] for h in collapsed["hits"]} == {XINHUA: 1, "la-times": None}
    assert {h["id"] for h in shown["hits"]} == {XINHUA, "la-times", "syndicated-copy"}


def test_a_copy_joins_its_originals_story(api: TestClient) -> None:
    copy = api.get("/v1/articles/syndicated-copy").json()
    original = api.get(f"/v1/articles/{XINHUA}").json()
    assert copy["story_id"] == original["story_id"]
