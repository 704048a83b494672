"""Rate limits on writes and questions: per key, else per address; 429 with Retry-After; off by default."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from pydantic import SecretStr

from newsdesk.plugins.errors import ConfigurationError
from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

KEYS = ("limits-key-one", "limits-key-two")
ARTICLE = {"id": "limited", "content": "The council met on Monday and approved the budget."}
QUESTION = {"question": "When did the council meet?"}
CHAT = {"messages": [{"role": "user", "content": "When did the council meet?"}]}


@pytest.fixture(scope="module")
def own(settings: Settings, es_client: Elasticsearch) -> Iterator[Settings]:
    own = settings.model_copy(
        update={
            "index_alias": f"{settings.index_alias}-limits",
            "api_keys": [SecretStr(key) for key in KEYS],
            "allow_anonymous_writes": False,
        }
    )
    yield own
    drop_index(es_client, own)


def limited(own: Settings, writes: str = "2/minute", ask: str = "3/minute") -> TestClient:
    update = {"rate_limits": True, "rate_limit_writes": writes, "rate_limit_ask": ask}
    return TestClient(create_app(own.model_copy(update=update)), raise_server_exceptions=False)


def test_questions_are_limited_per_address_and_chat_counts_with_qa(own: Settings) -> None:
    with limited(own) as api:
        answers = [api.post("/v1/qa", json=QUESTION).status_code for _ in range(2)]
        answers.append(api.post("/v1/chat/completions", json=CHAT).status_code)
        assert answers == [200, 200, 200]
        refused = api.post("/v1/chat/completions", json=CHAT)
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        error = refused.json()["error"]  # the chat endpoints answer in OpenAI's error shape
        assert "NEWSDESK_RATE_LIMIT_ASK" in error["message"] and error["type"] == "rate_limit_error"
        assert refused.json()["request_id"]
        assert api.post("/v1/qa", json=QUESTION).status_code == 429
        # made-up keys do not buy a fresh allowance: they count against the address
        assert api.post("/v1/qa", json=QUESTION, headers={"X-API-Key": "made-up"}).status_code == 429
        # a valid key has its own allowance; searches are not limited
        assert api.post("/v1/qa", json=QUESTION, headers={"X-API-Key": KEYS[0]}).status_code == 200
        assert all(api.post("/v1/search", json={"query": "council"}).status_code == 200 for _ in range(5))


def test_writes_are_limited_per_key(own: Settings) -> None:
    with limited(own) as api:
        one, two = ({"Authorization": f"Bearer {key}"} for key in KEYS)
        body = {"articles": [ARTICLE]}
        answers = [api.post("/v1/ingest", json=body, headers=one).status_code for _ in range(3)]
        assert answers == [200, 200, 429]
        assert api.post("/v1/ingest", json=body, headers=two).status_code == 200
        assert api.post("/v1/ingest", json=body).status_code == 401  # no key: refused before it is counted


def test_limits_are_off_unless_configured(own: Settings) -> None:
    with TestClient(create_app(own)) as api:
        assert all(api.post("/v1/qa", json=QUESTION).status_code == 200 for _ in range(6))


def test_a_malformed_limit_stops_the_start_naming_the_setting(own: Settings) -> None:
    with pytest.raises(ConfigurationError, match="NEWSDESK_RATE_LIMIT_ASK"):
        create_app(own.model_copy(update={"rate_limits": True, "rate_limit_ask": "lots"}))
