"""Search, QA and chat requests are bounded and made of real text: a 422 or 413 names what is wrong."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsdesk.search_api.app import create_app
from newsdesk.search_api.qa.models import MAX_HISTORY, MAX_QUESTION_CHARS
from newsdesk.search_api.search.models import MAX_FILTER_VALUES, MAX_FILTER_VALUES_PER_FACET
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

LONE = "\ud800"  # a UTF-16 half that stands for no character
QUESTION = "How many civilians were killed in the battle for Raqqa?"


@pytest.fixture(scope="module")
def client(settings: Settings, es_client: object) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def refused_fields(response: object) -> list[str]:
    body = response.json()  # type: ignore[attr-defined]
    if "error" in body:  # the OpenAI-compatible endpoints answer in OpenAI's shape, naming one field
        assert response.status_code == 400, response.text  # type: ignore[attr-defined]
        return [f"body.{body['error']['param']}"]
    assert response.status_code == 422, response.text  # type: ignore[attr-defined]
    return [".".join(str(part) for part in error["loc"]) for error in body["detail"]]


def test_a_history_item_is_as_short_as_a_question(client: TestClient) -> None:
    long_item = "why " * (MAX_QUESTION_CHARS // 4 + 1)
    response = client.post("/v1/qa", json={"question": QUESTION, "history": [long_item]})
    assert any(field.startswith("body.history") for field in refused_fields(response))


def test_history_has_a_limited_number_of_items(client: TestClient) -> None:
    response = client.post("/v1/qa", json={"question": QUESTION, "history": [QUESTION] * (MAX_HISTORY + 1)})
    assert "body.history" in refused_fields(response)


def test_a_user_message_is_as_short_as_a_question(client: TestClient) -> None:
    messages = [
        {"role": "user", "content": "why " * (MAX_QUESTION_CHARS // 4 + 1)},
        {"role": "user", "content": QUESTION},
    ]
    response = client.post("/v1/chat/completions", json={"messages": messages})
    assert any(field.startswith("body.messages.0") for field in refused_fields(response))


def test_a_chat_has_a_limited_number_of_messages(client: TestClient) -> None:
    messages = [{"role": "user", "content": QUESTION}] * 101
    assert "body.messages" in refused_fields(client.post("/v1/chat/completions", json={"messages": messages}))


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/search", {"query": f"Raqqa{LONE}"}, "body.query"),
        ("/v1/search", {"filters": {"source": [f"Xinhua{LONE}"]}}, "body.filters"),
        ("/v1/search", {"sort": f"date{LONE}"}, "body.sort"),
        ("/v1/qa", {"question": f"Who{LONE}?"}, "body.question"),
        ("/v1/qa", {"question": QUESTION, "history": [f"Who{LONE}?"]}, "body.history"),
        (
            "/v1/chat/completions",
            {"model": f"x{LONE}", "messages": [{"role": "user", "content": QUESTION}]},
            "body.model",
        ),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": f"Who{LONE}?"}]}, "body.messages"),
        (
            "/v1/chat/completions",
            {"messages": [{"role": "user", "content": [{"type": "text", "text": f"Who{LONE}?"}]}]},
            "body.messages",
        ),
    ],
)
def test_lone_surrogates_are_refused_naming_the_field(
    client: TestClient, path: str, body: dict, field: str
) -> None:
    # json.dumps escapes the half as "\\ud800", as a JavaScript client would send it
    response = client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})
    fields = refused_fields(response)
    assert any(name.startswith(field) for name in fields), fields


def test_a_facet_takes_a_limited_number_of_values(client: TestClient) -> None:
    values = [f"source {i}" for i in range(MAX_FILTER_VALUES_PER_FACET + 1)]
    response = client.post("/v1/search", json={"filters": {"source": values}})
    assert any(field.startswith("body.filters") for field in refused_fields(response))
    assert str(MAX_FILTER_VALUES_PER_FACET) in response.text


def test_all_facets_together_take_a_limited_number_of_values(client: TestClient) -> None:
    per_facet = MAX_FILTER_VALUES_PER_FACET
    filters = {
        f"facet{n}": [f"v{i}" for i in range(per_facet)] for n in range(MAX_FILTER_VALUES // per_facet + 1)
    }
    response = client.post("/v1/search", json={"filters": filters})
    assert any(field.startswith("body.filters") for field in refused_fields(response))
    assert str(MAX_FILTER_VALUES) in response.text


@pytest.mark.parametrize("path", ["/v1/search", "/v1/qa", "/v1/chat/completions", "/search", "/qa"])
def test_a_query_body_over_the_query_limit_is_refused_with_413(
    client: TestClient, settings: Settings, path: str
) -> None:
    padding = "x" * (settings.max_query_request_bytes + 1)
    response = client.post(
        path, content=f'{{"query": "{padding}"}}', headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert str(settings.max_query_request_bytes) in response.json()["detail"]


def test_an_ingest_body_over_the_query_limit_is_still_read(client: TestClient, settings: Settings) -> None:
    # An article refused on its own (it is empty) is cheap to send past the query limit.
    padding = "x" * (settings.max_query_request_bytes + 1)
    response = client.post(
        "/v1/ingest", json={"articles": [{"id": "limits-big", "content": "", "note": padding}]}
    )
    assert response.status_code == 200, response.text
    assert len(response.json()["failed"]) == 1
