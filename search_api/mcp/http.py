"""The MCP server on the API: Streamable HTTP at `/mcp`, under the REST API's access rules.

The endpoint is stateless (each POST is answered on its own, as JSON), so several API processes
behind one address serve it alike. Reads need a key exactly when the REST API's do
(`NEWSDESK_REQUIRE_KEY_FOR_READS`), sent the same ways; browsers of other origins are held off by
the app's CORS settings, which wrap this route like every other.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from mcp.server.mcpserver import MCPServer
from mcp.server.streamable_http_manager import StreamableHTTPASGIApp
from mcp.server.transport_security import TransportSecuritySettings
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from newsdesk.search_api.http.errors import error_response
from newsdesk.search_api.http.security import CHALLENGE, AccessPolicy

MCP_PATH = "/mcp"
# What a browser-based MCP client sends beyond the API's own headers (allowed by CORS for it).
MCP_HEADERS = ("Mcp-Session-Id", "Mcp-Protocol-Version", "Last-Event-ID")


def _presented_key(scope: Scope) -> str | None:
    headers = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]}
    if headers.get("x-api-key"):
        return headers["x-api-key"]
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None


class ReadKeyCheck:
    """Refuses a request without a valid key when reads need one, in the API's error shape."""

    def __init__(self, app: ASGIApp, policy: Callable[[], AccessPolicy]) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        policy = self.policy()
        if scope["type"] == "http" and policy.require_key_for_reads:
            key = _presented_key(scope)
            if key is None or not policy.accepts(key):
                detail = "this endpoint needs an API key" if key is None else "the API key is not valid"
                await error_response(401, detail, CHALLENGE)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def mount_mcp(app: FastAPI, server: MCPServer) -> None:
    """Serve `server` at `/mcp`; the app's lifespan must run `server.session_manager.run()`."""
    server.streamable_http_app(
        streamable_http_path=MCP_PATH,
        stateless_http=True,
        json_response=True,
        # Host and Origin are the app's business (CORS, the proxy in front), as for the REST API.
        transport_security=TransportSecuritySettings(enable_dns_rebinding_protection=False),
    )
    endpoint = ReadKeyCheck(StreamableHTTPASGIApp(server.session_manager), lambda: app.state.access_policy)
    app.router.routes.append(Route(MCP_PATH, endpoint=endpoint, methods=["GET", "POST", "DELETE"]))
