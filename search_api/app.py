"""The FastAPI application: routers, and Elasticsearch outages turned into 503s."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from elasticsearch import ConnectionError as ESConnectionError
from elasticsearch import ConnectionTimeout
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from search_api.routes import health, ingest, qa, search
from search_api.services import Services
from search_api.settings import Settings, get_settings

RETRY_AFTER_SECONDS = "5"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.services = Services.start(settings)
        yield
        app.state.services.client.close()

    app = FastAPI(
        title="newsdesk",
        version="0.1.0",
        description="Search and question answering over enriched news articles.",
        lifespan=lifespan,
    )
    for module in (health, search, qa, ingest):
        app.include_router(module.router)

    @app.exception_handler(ESConnectionError)
    @app.exception_handler(ConnectionTimeout)
    async def elasticsearch_unavailable(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(
            {"detail": "the search backend is unavailable; retry shortly"},
            status_code=503,
            headers={"Retry-After": RETRY_AFTER_SECONDS},
        )

    return app
