"""The security review's fixes, each as a caller (or an operator reading the log) would notice it."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from elasticsearch import ConnectionTimeout, Elasticsearch
from fastapi.testclient import TestClient
from pydantic import SecretStr

from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

KEY = "hardening-key-3b7e"
GOOD = {"id": "hardening-good", "content": "The council met on Monday and approved the budget."}


@pytest.fixture(scope="module")
def own(settings: Settings, es_client: Elasticsearch) -> Iterator[Settings]:
    own = settings.model_copy(update={"index_alias": f"{settings.index_alias}-hardening"})
    yield own
    drop_index(es_client, own)


@pytest.fixture(scope="module")
def api(own: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(own), raise_server_exceptions=False) as client:
        yield client


def failures(api: TestClient, articles: list[dict]) -> dict[str, str]:
    response = api.post("/v1/ingest", json={"articles": [*articles, GOOD]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert GOOD["id"] in body["created"] + body["updated"]  # the good neighbour is indexed all the same
    return {articles[failure["index"]]["id"]: failure["reason"] for failure in body["failed"]}


def test_only_http_urls_are_stored(api: TestClient) -> None:
    hostile = {
        "url-javascript": "javascript:alert(document.cookie)",
        "url-upper": "JaVaScRiPt:alert(1)",
        "url-data": "data:text/html,<script>alert(1)</script>",
        "url-file": "file:///etc/passwd",
        "url-relative": "/just/a/path",
        "url-newline": "https://example.org/a\nb",
    }
    refused = failures(api, [{"id": i, "content": GOOD["content"], "url": url} for i, url in hostile.items()])
    assert set(refused) == set(hostile)
    assert all("url" in reason for reason in refused.values())
    ok = failures(api, [{"id": "url-https", "content": GOOD["content"], "url": "https://example.org/x?a=1"}])
    assert ok == {}
    assert api.get("/v1/articles/url-https").json()["url"] == "https://example.org/x?a=1"


def test_every_text_field_has_a_limit_named_in_the_reason(api: TestClient) -> None:
    long = "x" * 201
    articles = [
        {"id": "limit-author", "content": GOOD["content"], "authors": ["Jane Doe", long]},
        {"id": "limit-authors", "content": GOOD["content"], "authors": ["A"] * 51},
        {"id": "limit-source", "content": GOOD["content"], "source": long},
        {"id": "limit-category", "content": GOOD["content"], "category": long},
        {"id": "limit-title", "content": GOOD["content"], "title": "t" * 1001},
        {"id": "limit-url", "content": GOOD["content"], "url": "https://example.org/" + "a" * 2048},
    ]
    refused = failures(api, articles)
    assert set(refused) == {article["id"] for article in articles}
    assert "authors" in refused["limit-author"] and "200" in refused["limit-author"]
    assert "50" in refused["limit-authors"] and "200" in refused["limit-source"]


def test_article_ids_are_checked_on_the_path(api: TestClient) -> None:
    for path in ("/v1/articles/" + "a" * 5000, "/v1/articles/a%0Ab", "/v1/articles/%20x/similar"):
        response = api.get(path)
        assert response.status_code == 422, path
        assert "article_id" in response.text
        assert "exception" not in response.text and "too_long" not in response.text
    assert api.get("/v1/articles/no-such-article").status_code == 404


@pytest.mark.parametrize("bound", ["NaN", "Infinity", "-Infinity"])
def test_figure_filters_refuse_nan_and_infinity(api: TestClient, bound: str) -> None:
    body = '{"query": "", "numbers": [{"counted": "people", "min": BOUND}]}'.replace("BOUND", bound)
    response = api.post("/v1/search", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert "min" in response.text and "finite" in response.text


def test_json_answers_are_not_sniffed_nor_stored(api: TestClient) -> None:
    for response in (api.post("/v1/search", json={"query": "council"}), api.get("/v1/articles/nope")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["cache-control"] == "no-store"
    page = api.get("/")
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["cache-control"] == "no-cache"


def test_a_forged_line_in_the_path_stays_on_one_log_line(
    api: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsdesk.search_api.access")
    forged = "x%0A2026-12-02 00:00:00 INFO [-] newsdesk.search_api.access: GET /admin -> 200"
    api.get(f"/v1/facets/{forged}/values")
    lines = [r.getMessage() for r in caplog.records if "/v1/facets/" in r.getMessage()]
    assert lines and all("\n" not in line and "\\n" in line for line in lines)


def test_docs_schema_and_health_need_the_read_key_when_reads_are_protected(own: Settings) -> None:
    locked = own.model_copy(update={"api_keys": [SecretStr(KEY)], "require_key_for_reads": True})
    with TestClient(create_app(locked), raise_server_exceptions=False) as api:
        for path in ("/v1/health", "/health", "/openapi.json", "/docs"):
            assert api.get(path).status_code == 401, path
            assert api.get(path, headers={"X-API-Key": KEY}).status_code == 200, path
        ready = api.get("/v1/ready")  # probes need no key, and learn only that it is ready
        assert ready.status_code == 200 and ready.json()["index"] is None
        assert api.get("/v1/ready", headers={"X-API-Key": KEY}).json()["index"] is not None


def test_the_docs_page_loads_nothing_from_another_host(api: TestClient) -> None:
    page = api.get("/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
    assert "http" not in page.text.replace("http-equiv", "")  # every file from this origin
    assert "<script>" not in page.text  # no inline code: the CSP would block it
    for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert api.get(f"/docs/files/{name}").status_code == 200
    assert api.get("/docs/files/..%2F__init__.py").status_code == 404
    assert api.get("/static/api-docs/start.js").status_code == 200


@contextmanager
def silent_node() -> Iterator[tuple[str, list[str]]]:
    """A loopback port that reads requests and never answers: Elasticsearch stuck on a slow query."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[str] = []
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)
            threading.Thread(target=read, args=(conn,), daemon=True).start()

    def read(conn: socket.socket) -> None:
        try:
            while data := conn.recv(65536):
                received.extend(line for line in data.decode("latin-1").split("\r\n") if " HTTP/1.1" in line)
        except OSError:
            return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}", received
    finally:
        server.close()
        for conn in held:
            conn.close()


def test_a_search_that_times_out_is_sent_once_and_answered_503(own: Settings) -> None:
    with silent_node() as (url, received):
        slow = own.model_copy(update={"es_url": url, "es_request_timeout": 0.3, "search_timeout": 0.5})
        with TestClient(create_app(slow), raise_server_exceptions=False) as api:
            received.clear()  # the start-up's index check
            response = api.post("/v1/search", json={"query": "council"})
            assert response.status_code == 503 and response.headers["retry-after"]
            assert [line.split()[0] for line in received] == ["POST"]  # one search, not three
            received.clear()
            with pytest.raises(ConnectionTimeout):  # the ingest's client does retry: writes must land
                api.app.state.services.client.search(index="x", query={"match_all": {}})
            assert len(received) == 1 + slow.es_max_retries
