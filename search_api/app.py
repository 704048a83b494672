"""The FastAPI application: routers, the API version policy, and Elasticsearch failures as 503s.

Version policy: every endpoint lives under `/v1`. The same endpoints without the prefix are
aliases of the newest version (today v1), kept for quick use with curl; clients that must not
break use `/v1`. A breaking change will come as `/v2`, with `/v1` kept alongside. The MCP server
is at `/mcp`, outside the versions: the protocol negotiates its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from newsdesk.search_api.http.errors import install_error_handlers
from newsdesk.search_api.http.middleware import (
    BodySizeLimitMiddleware,
    RequestContextMiddleware,
    install_request_id_logging,
)
from newsdesk.search_api.http.rate_limits import RateLimiter
from newsdesk.search_api.http.security import AccessPolicy, ReadAccess
from newsdesk.search_api.mcp.backend import Backend
from newsdesk.search_api.mcp.http import MCP_HEADERS, mount_mcp
from newsdesk.search_api.mcp.server import build_server
from newsdesk.search_api.routes import (
    api_docs,
    articles,
    chat,
    health,
    ingest,
    qa,
    responses,
    search,
    search_ask,
    stories,
    trends,
    web,
)
from newsdesk.search_api.routes.qa import app_engine
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings, get_settings

API_VERSION = "v1"
# `/ready` stays open for probes (`/health`, a read, checks for itself); reads need a key only when
# the settings say so; ingest checks for itself.
OPEN_ROUTERS = (health.router,)
# The plugins' routers are read routers too, added at the lifespan's start.
READ_ROUTERS = (
    search_ask.router,
    search.router,
    articles.router,
    stories.router,
    trends.router,
    qa.router,
    chat.router,
    responses.router,
)
WRITE_ROUTERS = (ingest.router,)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.services = Services.start(settings)
        app.state.services.prepare_index()
        app.state.services.expander.warm_up()  # the first search does not wait for the lemmatizer
        for router in app.state.services.host.routers:  # a plugin's endpoints: read endpoints, under /v1
            include(router, [ReadAccess])
        app.openapi_schema = None  # built again with them
        async with mcp_server.session_manager.run():
            yield
        app.state.services.client.close()

    app = FastAPI(
        title="newsdesk",
        version="1.0.0",
        summary="Search and question answering over enriched news articles.",
        description=__doc__,
        lifespan=lifespan,
        # Served by routes/api_docs.py: local Swagger UI files, under the read-key rule and a CSP.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.access_policy = AccessPolicy.from_settings(settings)  # fails at start on a bad key file
    app.state.rate_limiter = RateLimiter.from_settings(settings)  # fails at start on a malformed limit
    mcp_server = build_server(
        Backend(
            services=lambda: app.state.services,
            engine=lambda: app_engine(app.state, app.state.services),
        )
    )

    def include(router: APIRouter, dependencies: list[Any]) -> None:
        app.include_router(router, prefix=f"/{API_VERSION}", dependencies=dependencies)
        app.include_router(router, include_in_schema=False, dependencies=dependencies)

    for routers, dependencies in ((OPEN_ROUTERS, []), (READ_ROUTERS, [ReadAccess]), (WRITE_ROUTERS, [])):
        for router in routers:
            include(router, dependencies)
    mount_mcp(app, mcp_server)  # agents' tools at /mcp, under the read rules above
    app.include_router(web.router)  # the page at / and its files: outside /v1 and the schema
    app.include_router(api_docs.router)  # /openapi.json and /docs
    install_error_handlers(app)
    # Added innermost first: the request id wraps everything, so even a 413 or a 500 carries it.
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_bytes=settings.max_request_bytes,
        query_max_bytes=settings.max_query_request_bytes,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],  # DELETE: an MCP client ending its session
            allow_headers=["Authorization", "Content-Type", "X-API-Key", "X-Request-ID", *MCP_HEADERS],
            expose_headers=["Retry-After", "X-Request-ID", "Mcp-Session-Id"],
        )
    app.add_middleware(RequestContextMiddleware)
    install_request_id_logging()
    return app
