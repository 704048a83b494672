"""Hostile and broken input: limits named, bad items refused alone, never a 500, never a lost neighbour."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient

from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.ingest.articles import MAX_ARTICLE_CHARS
from newsdesk.search_api.ingest.models import MAX_BATCH
from newsdesk.search_api.qa.models import MAX_QUESTION_CHARS
from newsdesk.search_api.search.models import MAX_QUERY_CHARS
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

JSON = {"content-type": "application/json"}
BYTES_LIMIT = 64 * 1024
GOOD = "The council met on Monday and approved the budget for the new bridge."


@pytest.fixture(scope="module")
def own(settings: Settings, es_client: Elasticsearch) -> Iterator[Settings]:
    """An index of this module's own, so its junk never shows in another test's results."""
    own = settings.model_copy(update={"index_alias": f"{settings.index_alias}-hostile"})
    yield own
    drop_index(es_client, own)


@pytest.fixture(scope="module")
def api(own: Settings) -> Iterator[TestClient]:
    """The API with a small body limit, and 500s returned rather than raised."""
    small = own.model_copy(update={"max_request_bytes": BYTES_LIMIT})
    with TestClient(create_app(small), raise_server_exceptions=False) as client:
        yield client


def ingest(api: TestClient, articles: list[object]) -> dict:
    response = api.post("/v1/ingest", json={"articles": articles})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_batch_of_junk_costs_no_good_article(api: TestClient) -> None:
    junk: list[object] = [
        {"id": "hostile-empty", "content": ""},
        {"id": "hostile-blank", "content": " \n\t\u00a0\u2003 "},
        {"id": "hostile-binary", "content": bytes(range(32)).decode("latin-1")},
        {"id": "hostile-control", "content": f"\x00\x07\x1b[31m{GOOD}\x1b[0m\x7f\u200b\ufeff"},
        {
            "id": "hostile-script",
            "content": "<html><body><script>alert('x')</script>"
            f"<p>{GOOD}</p><img src=x onerror=alert(1)></body></html>",
        },
        {"id": "hostile-number", "content": 10**300},
        {"id": "hostile-nested", "content": [[[[{"a": [1]}]]]]},
        {"id": "hostile id", "content": GOOD},
        {"id": "hostile-figures", "content": f"{GOOD} It cost {'9' * 7},{'999,' * 5}999 dollars."},
        42,
        "just a string",
        None,
        {"id": "hostile-good", "content": GOOD},
    ]
    body = ingest(api, junk)
    failed = {failure["index"]: failure["reason"] for failure in body["failed"]}
    indexed = set(body["created"]) | set(body["updated"])

    assert "hostile-good" in indexed and "hostile-control" in indexed and "hostile-script" in indexed
    assert {0, 1, 5, 6, 7, 9, 10, 11} <= set(failed)
    assert all(reason.strip() for reason in failed.values())
    assert "content" in failed[1] and "id" in failed[7]
    script = api.get("/v1/articles/hostile-script").json()["content"]
    assert "alert" not in script and "council" in script
    assert len(failed) + len(indexed) == len(junk)


def test_lone_surrogates_are_replaced_not_fatal(api: TestClient) -> None:
    raw = b'{"articles": [{"id": "hostile-utf16", "content": "Caf\\udce9 owners met the mayor \\ud83d."},'
    raw += b' {"id": "hostile-after-utf16", "content": "' + GOOD.encode() + b'"}]}'
    response = api.post("/v1/ingest", content=raw, headers=JSON)
    assert response.status_code == 200, response.text
    assert set(response.json()["created"] + response.json()["updated"]) == {
        "hostile-utf16",
        "hostile-after-utf16",
    }
    assert "\ufffd" in api.get("/v1/articles/hostile-utf16").json()["content"]

    query = api.post("/v1/search", content=b'{"query": "caf\\ud800"}', headers=JSON)
    assert query.status_code == 422 and "unicode" in query.text


def test_bodies_that_are_not_utf8_json_are_refused_clearly(api: TestClient) -> None:
    latin1 = api.post("/v1/search", content='{"query": "café"}'.encode("latin-1"), headers=JSON)
    assert latin1.status_code == 400 and "not valid UTF-8" in latin1.json()["detail"]
    mixed = ('{"query": "' + "naïve".encode().decode("latin-1") + " caf\xe9" + '"}').encode("latin-1")
    assert api.post("/v1/search", content=mixed, headers=JSON).status_code == 400
    binary = api.post("/v1/ingest", content=bytes(range(256)) * 4, headers=JSON)
    assert binary.status_code in (400, 422) and binary.json()["request_id"]
    truncated = api.post("/v1/ingest", content=b'{"articles": [{"content": "x"', headers=JSON)
    assert truncated.status_code == 422


def test_deep_nesting_and_huge_numbers_are_refused_or_kept_alone(api: TestClient) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    too_deep = api.post("/v1/search", content=f'{{"query": {deep}}}'.encode(), headers=JSON)
    assert too_deep.status_code in (400, 413, 422)

    nested = "[" * 400 + "]" * 400
    body = f'{{"articles": [{{"id": "hostile-deep", "content": "{GOOD}", "extra": {nested}}}]}}'
    assert api.post("/v1/ingest", content=body.encode(), headers=JSON).status_code == 200

    many_digits = api.post(
        "/v1/search", content=b'{"query": "x", "page": ' + b"9" * 5000 + b"}", headers=JSON
    )
    assert many_digits.status_code == 400 and "digits" in many_digits.json()["detail"]
    for number in (b"1e999", b"-1e999", b"1e308", b"123456789012345678901234567890", b"-1", b"0.5"):
        response = api.post("/v1/search", content=b'{"query": "x", "size": ' + number + b"}", headers=JSON)
        assert response.status_code == 422, (number, response.text)


def test_limits_are_named(api: TestClient) -> None:
    over = api.post("/v1/ingest", json={"articles": [{"content": "x" * BYTES_LIMIT}]})
    assert over.status_code == 413 and str(BYTES_LIMIT) in over.json()["detail"] and over.json()["request_id"]

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "'
        for _ in range(BYTES_LIMIT // 1000 + 1):
            yield b"x" * 1000
        yield b'"}'

    chunked = api.post("/v1/search", content=chunks(), headers=JSON)
    assert chunked.status_code == 413 and str(BYTES_LIMIT) in chunked.text

    query = api.post("/v1/search", json={"query": "x" * (MAX_QUERY_CHARS + 1)})
    assert query.status_code == 422 and str(MAX_QUERY_CHARS) in query.text
    assert "x" * 201 not in query.text  # an error echoes at most 200 characters of the input
    question = api.post("/v1/qa", json={"question": "why " * 1000})
    assert question.status_code == 422 and str(MAX_QUESTION_CHARS) in question.text
    batch = api.post("/v1/ingest", json={"articles": [{}] * (MAX_BATCH + 1)})
    assert batch.status_code in (413, 422) and str(MAX_BATCH) in batch.text


def test_an_article_over_the_length_limit_fails_alone(own: Settings) -> None:
    with TestClient(create_app(own), raise_server_exceptions=False) as api:
        body = ingest(
            api,
            [
                {"id": "hostile-long", "content": "x " * MAX_ARTICLE_CHARS},
                {"id": "hostile-ok", "content": GOOD},
            ],
        )
    assert [failure["index"] for failure in body["failed"]] == [0]
    assert f"{MAX_ARTICLE_CHARS:,}".replace(",", "") in body["failed"][0]["reason"].replace(",", "")
    assert "hostile-ok" in body["created"] + body["updated"]


def test_hostile_queries_are_answered_not_crashed(api: TestClient) -> None:
    queries = ['"unclosed', "((((((", "-", "OR OR AND", "title:", "*" * 50, "\x00\x01", "🦜" * 300,
               "a" * MAX_QUERY_CHARS, '\\"\\', "source:\"x", "<script>alert(1)</script>"]  # fmt: skip
    for query in queries:
        for response in (
            api.post("/v1/search", json={"query": query}),
            api.get("/v1/search", params={"q": query}),
            api.post("/v1/qa", json={"question": query[:500] or "?"}),
        ):
            assert response.status_code < 500, (query, response.status_code, response.text)
    chat = api.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": [{"type": "x"}]}]})
    assert chat.status_code == 400
    assert api.post("/v1/search", json={"query": "x", "filters": {"source": [None]}}).status_code == 422
    assert api.post("/v1/search", content=json.dumps([1, 2]).encode(), headers=JSON).status_code == 422
