"""The FastAPI application: routers, the API version policy, and Elasticsearch failures as 503s.

Version policy: every endpoint lives under `/v1`. The same endpoints without the prefix are
aliases of the newest version (today v1), kept for quick use with curl; clients that must not
break use `/v1`. A breaking change will come as `/v2`, with `/v1` kept alongside.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from elasticsearch import ApiError, TransportError
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from search_api.routes import articles, chat, entities, health, ingest, qa, search
from search_api.services import Services
from search_api.settings import Settings, get_settings

API_VERSION = "v1"
RETRY_AFTER_SECONDS = "5"
ROUTERS = (
    health.router, search.router, articles.router, qa.router, chat.router, ingest.router, entities.router,
)


def backend_unavailable() -> JSONResponse:
    return JSONResponse(
        {"detail": "the search backend is unavailable; retry shortly"},
        status_code=503,
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.services = Services.start(settings)
        yield
        app.state.services.client.close()

    app = FastAPI(
        title="newsdesk",
        version="1.0.0",
        summary="Search and question answering over enriched news articles.",
        description=__doc__,
        lifespan=lifespan,
    )
    for router in ROUTERS:
        app.include_router(router, prefix=f"/{API_VERSION}")
        app.include_router(router, include_in_schema=False)

    @app.exception_handler(TransportError)
    async def elasticsearch_unreachable(request: Request, exc: TransportError) -> JSONResponse:
        return backend_unavailable()

    @app.exception_handler(ApiError)
    async def elasticsearch_refused(request: Request, exc: ApiError) -> JSONResponse:
        if exc.meta.status == 429 or exc.meta.status >= 500:
            return backend_unavailable()
        return JSONResponse(
            {"detail": f"the search backend refused the request ({exc.error})"}, status_code=400
        )

    return app
