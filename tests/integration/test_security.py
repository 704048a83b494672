"""Who may call the API, and what an error tells a caller: keys, CORS, request ids, no internals."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr

from newsdesk.search_api.app import create_app
from newsdesk.search_api.http.security import SecurityConfigError
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

KEY = "test-key-9f2c1d7e5b"
ARTICLE = {"id": "security-probe", "content": "The council met on Monday and approved the budget."}


@pytest.fixture(scope="module")
def keyed(settings: Settings, es_client: Elasticsearch) -> Iterator[Settings]:
    """This module's own settings and index, with one key; the session's settings stay keyless."""
    own = settings.model_copy(
        update={
            "index_alias": f"{settings.index_alias}-security",
            "api_keys": [SecretStr(KEY)],
            "allow_anonymous_writes": False,
        }
    )
    yield own
    drop_index(es_client, own)


def serve(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def keyed_api(keyed: Settings) -> Iterator[TestClient]:
    yield from serve(keyed)


def test_writes_are_refused_when_no_key_is_configured(settings: Settings, es_client: Elasticsearch) -> None:
    default = settings.model_copy(update={"allow_anonymous_writes": False})
    for api in serve(default):
        response = api.post("/v1/ingest", json={"articles": [ARTICLE]})
        assert response.status_code == 403
        assert "NEWSDESK_API_KEYS" in response.json()["detail"]
        assert api.post("/v1/search", json={"query": "council"}).status_code == 200  # reads stay open


def test_writes_need_a_valid_key_sent_either_way(keyed_api: TestClient) -> None:
    body = {"articles": [ARTICLE]}
    missing = keyed_api.post("/v1/ingest", json=body)
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert keyed_api.post("/v1/ingest", json=body, headers={"X-API-Key": "wrong"}).status_code == 401
    assert keyed_api.post("/ingest", json=body, headers={"X-API-Key": "wrong"}).status_code == 401
    bearer = keyed_api.post("/v1/ingest", json=body, headers={"Authorization": f"Bearer {KEY}"})
    assert bearer.status_code == 200, bearer.text
    header = keyed_api.post("/v1/ingest", json=body, headers={"X-API-Key": KEY})
    assert header.status_code == 200 and header.json()["updated"] == [ARTICLE["id"]]


def test_reads_are_open_by_default_and_closed_when_configured(keyed: Settings) -> None:
    for api in serve(keyed):
        assert api.post("/v1/search", json={"query": "council"}).status_code == 200
    for api in serve(keyed.model_copy(update={"require_key_for_reads": True})):
        for response in (
            api.post("/v1/search", json={"query": "council"}),
            api.get("/v1/search?q=council"),
            api.post("/v1/qa", json={"question": "Who met?"}),
            api.get("/v1/articles/x"),
            api.get("/v1/entities?prefix=Raq"),
            api.get("/v1/models"),
        ):
            assert response.status_code == 401, response.request.url
        assert api.post("/v1/search", json={"query": "x"}, headers={"X-API-Key": KEY}).status_code == 200
        assert api.get("/v1/health").status_code == 401  # it names the index and counts it: a read
        assert api.get("/v1/health", headers={"X-API-Key": KEY}).status_code == 200
        assert api.get("/v1/ready").status_code == 200  # the readiness probe stays open


def test_keys_come_from_a_file_and_are_never_shown(
    keyed: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    key_file = tmp_path / "keys"
    key_file.write_text("# rotated monthly\nfile-key-1\n\nfile-key-2\n")
    from_file = keyed.model_copy(update={"api_keys": [], "api_keys_file": key_file})
    assert "file-key" not in repr(from_file) and KEY not in repr(keyed) and KEY not in str(keyed.api_keys)
    caplog.set_level(logging.DEBUG)
    for api in serve(from_file):
        ok = api.post("/v1/ingest", json={"articles": [ARTICLE]}, headers={"X-API-Key": "file-key-2"})
        assert ok.status_code == 200
        refused = api.post("/v1/ingest", json={"articles": [ARTICLE]}, headers={"X-API-Key": "file-key-3"})
        assert refused.status_code == 401 and "file-key" not in refused.text
    assert "file-key" not in caplog.text

    with pytest.raises(SecurityConfigError, match="NEWSDESK_API_KEYS_FILE"):
        create_app(keyed.model_copy(update={"api_keys_file": tmp_path / "missing"}))
    with pytest.raises(SecurityConfigError, match="no API key"):
        create_app(keyed.model_copy(update={"api_keys": [], "require_key_for_reads": True}))


def test_keys_from_the_environment_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_API_KEYS", "one, two")
    monkeypatch.setenv("NEWSDESK_CORS_ORIGINS", "https://desk.example")
    from_env = Settings()
    assert [key.get_secret_value() for key in from_env.api_keys] == ["one", "two"]
    assert from_env.cors_origins == ["https://desk.example"]
    assert not from_env.allow_anonymous_writes and not from_env.require_key_for_reads


def test_cors_is_closed_unless_origins_are_configured(keyed: Settings) -> None:
    origin = "https://desk.example"
    preflight = {"Origin": origin, "Access-Control-Request-Method": "POST"}
    for api in serve(keyed):
        response = api.post("/v1/search", json={"query": "x"}, headers={"Origin": origin})
        assert "access-control-allow-origin" not in response.headers
        assert "access-control-allow-origin" not in api.options("/v1/search", headers=preflight).headers
    for api in serve(keyed.model_copy(update={"cors_origins": [origin]})):
        response = api.post("/v1/search", json={"query": "x"}, headers={"Origin": origin})
        assert response.headers["access-control-allow-origin"] == origin
        evil = api.post("/v1/search", json={"query": "x"}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in evil.headers
        allowed = api.options(
            "/v1/search", headers={**preflight, "Access-Control-Request-Headers": "x-api-key"}
        )
        assert allowed.status_code == 200


def test_request_ids_are_echoed_or_made_and_reach_errors_and_logs(
    keyed_api: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsdesk.search_api.access")
    given = keyed_api.post("/v1/search", json={"query": "x"}, headers={"X-Request-ID": "trace-42"})
    assert given.headers["X-Request-ID"] == "trace-42"
    made = keyed_api.get("/v1/articles/nothing-here")
    assert made.status_code == 404 and made.json()["request_id"] == made.headers["X-Request-ID"]
    hostile = keyed_api.get("/v1/health", headers={"X-Request-ID": "bad id\twith\x7fjunk" + "x" * 300})
    assert hostile.headers["X-Request-ID"] != "bad id" and len(hostile.headers["X-Request-ID"]) == 32
    invalid = keyed_api.post("/v1/search", json={"size": -1}, headers={"X-Request-ID": "trace-43"})
    assert invalid.status_code == 422 and invalid.json()["request_id"] == "trace-43"
    records = [r for r in caplog.records if getattr(r, "request_id", None) == "trace-42"]
    assert any("/v1/search" in r.getMessage() for r in records)


def test_an_unexpected_error_is_a_500_with_only_the_request_id(keyed: Settings) -> None:
    app: FastAPI = create_app(keyed)

    @app.get("/v1/boom")
    def boom() -> None:
        msg = "secret internal detail at http://10.0.0.7:9200"
        raise RuntimeError(msg)

    with TestClient(app, raise_server_exceptions=False) as api:
        response = api.get("/v1/boom", headers={"X-Request-ID": "trace-500"})
    assert response.status_code == 500
    assert response.json() == {"detail": "internal server error", "request_id": "trace-500"}
    assert "10.0.0.7" not in response.text and "Traceback" not in response.text


def test_backend_failures_name_no_host(settings: Settings) -> None:
    unreachable = settings.model_copy(update={"es_url": "http://127.0.0.1:9"})
    for api in serve(unreachable):
        for response in (api.get("/v1/ready"), api.post("/v1/search", json={"query": "x"})):
            assert response.status_code == 503
            assert "127.0.0.1" not in response.text and ":9" not in response.text
