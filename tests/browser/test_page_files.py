"""The page's files as the server hands them out: no browser needed, no Elasticsearch either."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newsdesk.search_api.app import create_app
from newsdesk.search_api.routes.web import STATIC_DIR

pytestmark = pytest.mark.unit

IMPORT = re.compile(r"""^import .* from "\./([\w-]+\.js)";$""", re.MULTILINE)
REFERENCE = re.compile(r"""(?:href|src)="(/static/[^"]+)\"""")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())  # no lifespan: nothing here touches Elasticsearch


def test_the_page_is_served_at_the_root_with_a_same_origin_policy(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy and "unsafe" not in policy
    assert client.head("/").status_code == 200


def test_every_file_the_page_names_is_served(client: TestClient) -> None:
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    named = set(REFERENCE.findall(page))
    for script in (STATIC_DIR / "js").glob("*.js"):
        named |= {f"/static/js/{module}" for module in IMPORT.findall(script.read_text(encoding="utf-8"))}
    assert "/static/js/main.js" in named and "/static/app.css" in named
    for path in sorted(named):
        response = client.get(path)
        assert response.status_code == 200, path
        if path.endswith(".js"):
            assert "javascript" in response.headers["content-type"]  # ES modules need a JS type


def test_static_files_stay_inside_their_folder(client: TestClient) -> None:
    for path in (
        "/static/nothing.js",
        "/static/../app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e/settings.py",
    ):
        assert client.get(path).status_code == 404, path


def test_the_page_is_not_part_of_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and not any(path.startswith("/static") for path in paths)


def test_nothing_is_loaded_from_another_host() -> None:
    for path in STATIC_DIR.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".svg"}:
            text = path.read_text(encoding="utf-8")
            urls = re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"')]*", text)
            outside = [url for url in urls if url != "http://www.w3.org/2000/svg"]
            assert outside == [], f"{path.name}: {outside}"
