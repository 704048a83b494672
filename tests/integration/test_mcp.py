"""The MCP server, driven by the SDK's own client over stdio and over Streamable HTTP, on the seeds."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters
from mcp_types import ResourceLink

from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration

KILLED = "How many civilians were killed in the battle for Raqqa?"
TOOLS = {"search", "ask", "get_article", "facet_values", "entities", "story", "compare_figures"}
XINHUA, SOHR_REPORT = "002_29db2200959aca4a", "004_66dd8c24867dc48b"
T = TypeVar("T")


def run(session: Callable[[Client], Awaitable[T]], server: Any) -> T:
    async def main() -> T:
        async with Client(server, read_timeout_seconds=120) as client:
            return await session(client)

    return asyncio.run(main())


@pytest.fixture(scope="module")
def http_url(live_api_url: str) -> str:
    return f"{live_api_url}/mcp"


@pytest.fixture(scope="module")
def stdio_server(seeded_api: TestClient, settings: Settings) -> StdioServerParameters:
    """`newsdesk mcp` as a desktop client starts it, on the seeded index."""
    env = {**os.environ, "NEWSDESK_INDEX_ALIAS": settings.index_alias, "NEWSDESK_ES_URL": settings.es_url}
    return StdioServerParameters(
        command=sys.executable, args=["-m", "newsdesk.search_api.cli", "mcp"], env=env
    )


async def every_tool(client: Client) -> dict[str, Any]:
    listed = await client.list_tools()
    results = {
        "tools": {tool.name: tool for tool in listed.tools},
        "ask": await client.call_tool("ask", {"question": KILLED}),
        "search": await client.call_tool(
            "search", {"query": "stadium", "filters": {"source": ["Xinhua"]}, "date_from": "2017-10-01"}
        ),
        "figures": await client.call_tool(
            "search", {"numbers": [{"counted": "people", "verb": "killed", "min": 3000}]}
        ),
        "article": await client.call_tool("get_article", {"article_id": XINHUA}),
        "missing": await client.call_tool("get_article", {"article_id": "no-such-article"}),
        "facet": await client.call_tool("facet_values", {"facet": "places", "prefix": "Der"}),
        "entities": await client.call_tool("entities", {"prefix": "Syrian Dem"}),
        "resource": await client.read_resource(f"newsdesk://articles/{XINHUA}"),
        "story": await client.call_tool("story", {"query": "Raqqa stadium"}),
        "no_story": await client.call_tool("story", {"story_id": "story-none"}),
    }
    story_id = results["story"].structured_content["id"]
    results["figures_by_id"] = await client.call_tool("compare_figures", {"story_id": story_id})
    results["figures_by_query"] = await client.call_tool("compare_figures", {"query": "Raqqa"})
    return results


def check_every_tool(results: dict[str, Any]) -> None:
    tools = results["tools"]
    assert set(tools) >= TOOLS
    assert all(tool.description and tool.output_schema for name, tool in tools.items() if name in TOOLS)

    ask = results["ask"].structured_content
    assert not results["ask"].is_error
    best = ask["answers"][0]
    assert "1,130" in best["answer"] and best["value"] == 1130
    assert "Xinhua" in best["sources"] and len(best["sources"]) == 2
    assert ask["agreement"] == "agreed" and ask["summary"].startswith("1,130 civilians [1][2].")
    links = [block for block in results["ask"].content if isinstance(block, ResourceLink)]
    assert f"newsdesk://articles/{XINHUA}" in {link.uri for link in links}

    search = results["search"].structured_content
    assert [hit["source"] for hit in search["hits"]] == ["Xinhua"]
    assert "stadium" in search["hits"][0]["snippet"].lower()
    assert search["facets"]["source"]  # counted over the other facets' selections
    figures = results["figures"].structured_content
    assert figures["total"] >= 1 and XINHUA in {hit["id"] for hit in figures["hits"]}

    article = results["article"].structured_content
    assert article["source"] == "Xinhua" and "1,130 civilians" in article["content"]
    assert article["entities"] and article["numbers"]
    assert results["missing"].is_error and "no-such-article" in results["missing"].content[0].text

    assert "Deir ez-Zor" in {v["value"] for v in results["facet"].structured_content["values"]}
    names = {e["name"] for e in results["entities"].structured_content["entities"]}
    assert "Syrian Democratic Forces" in names
    assert "1,130 civilians" in results["resource"].contents[0].text
    check_the_story_tools(results)


def _fact(figures: dict[str, Any], label: str) -> dict[str, Any]:
    [fact] = [f for f in figures["figures"] if f["label"] == label]
    return fact


def check_the_story_tools(results: dict[str, Any]) -> None:
    story = results["story"].structured_content
    assert not results["story"].is_error
    assert story["article_count"] == 5 and len(story["outlets"]) == 5 and "Xinhua" in story["outlets"]
    times = [article["time"] for article in story["articles"]]
    assert len(times) == 5 and times == sorted(times)
    assert XINHUA in {article["id"] for article in story["articles"]}
    assert story["top_entities"] and all(e["name"] and e["articles"] for e in story["top_entities"])
    links = {block.uri for block in results["story"].content if isinstance(block, ResourceLink)}
    assert links == {article["uri"] for article in story["articles"]}
    assert results["no_story"].is_error and "story-none" in results["no_story"].content[0].text

    figures = results["figures_by_id"].structured_content
    assert figures == results["figures_by_query"].structured_content
    assert figures["story_id"] == story["id"] and len(figures["outlets"]) == 5
    civilians = _fact(figures, "civilians killed")
    assert {row["value"] for row in civilians["rows"]} == {1130} and civilians["verdict"] == "agree"
    assert any("1,130" in row["sentence"] for row in civilians["rows"])
    months = _fact(figures, "duration in months")
    assert months["verdict"] == "disagree"
    [odd_one] = [row for row in months["rows"] if row["disagrees"]]
    assert (odd_one["article_id"], odd_one["value"]) == (SOHR_REPORT, 5)


def test_every_tool_over_streamable_http(http_url: str) -> None:
    check_every_tool(run(every_tool, http_url))


def test_every_tool_over_stdio(stdio_server: StdioServerParameters) -> None:
    check_every_tool(run(every_tool, stdio_server))


def test_a_bad_argument_is_a_tool_error_naming_it(http_url: str) -> None:
    result = run(lambda c: c.call_tool("search", {"size": 500}), http_url)
    assert result.is_error and "size" in result.content[0].text


def test_a_story_tool_without_a_story_id_or_query_says_so(http_url: str) -> None:
    result = run(lambda c: c.call_tool("compare_figures", {}), http_url)
    assert result.is_error and "story_id" in result.content[0].text


def test_mcp_over_http_needs_a_key_when_reads_do(seeded_api: TestClient, settings: Settings) -> None:
    from pydantic import SecretStr

    from newsdesk.search_api.app import create_app

    keyed = settings.model_copy(update={"api_keys": [SecretStr("agent-key")], "require_key_for_reads": True})
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    headers = {"accept": "application/json, text/event-stream", "content-type": "application/json"}
    with TestClient(create_app(keyed)) as client:
        refused = client.post("/mcp", json=ping, headers=headers)
        wrong = client.post("/mcp", json=ping, headers={**headers, "X-API-Key": "guess"})
        allowed = client.post("/mcp", json=ping, headers={**headers, "Authorization": "Bearer agent-key"})

    assert refused.status_code == 401 and "API key" in refused.json()["detail"]
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert wrong.status_code == 401
    assert allowed.status_code == 200, allowed.text


def test_a_browser_client_of_a_listed_origin_may_call_mcp_and_others_may_not(
    seeded_api: TestClient, settings: Settings
) -> None:
    from newsdesk.search_api.app import create_app

    listed = settings.model_copy(update={"cors_origins": ["https://agents.example"]})
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "mcp-protocol-version",
    }
    with TestClient(create_app(listed)) as client:
        allowed = client.options("/mcp", headers={"Origin": "https://agents.example", **preflight})
        refused = client.options("/mcp", headers={"Origin": "https://elsewhere.example", **preflight})

    assert allowed.status_code == 200
    assert "mcp-protocol-version" in allowed.headers["access-control-allow-headers"].lower()
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
