"""Probes: `/health` says the process is up (liveness), `/ready` that it can serve (readiness).

`/health` always answers 200 while the process runs, and says what it knows of Elasticsearch
(asked with a 2 s budget and no retries), so an orchestrator never restarts a healthy API just
because Elasticsearch is down. `/ready` answers 200 only when Elasticsearch is reachable and the
index exists (it is created if missing), else 503 with `Retry-After`: take the instance out of
rotation until then. Neither says which host failed or why: that goes to the log.
"""

from __future__ import annotations

import logging
from typing import Annotated, Literal

from elasticsearch import ApiError, Elasticsearch, TransportError
from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from newsdesk.search_api.deps import ServicesDep
from newsdesk.search_api.http.errors import RETRY_AFTER_SECONDS
from newsdesk.search_api.http.middleware import current_request_id
from newsdesk.search_api.http.security import ReadAccess, caller_may_read
from newsdesk.search_api.services import Services

logger = logging.getLogger(__name__)
router = APIRouter(tags=["health"])

PROBE_TIMEOUT_SECONDS = 2
ES_ERRORS = (TransportError, ApiError)


class HealthResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "elasticsearch": True,
                    "index": "newsdesk-articles-v1",
                    "documents": 5,
                    "message": "",
                }
            ]
        }
    )

    status: Literal["ok", "degraded"]
    elasticsearch: bool
    index: str | None
    documents: int | None
    message: str = ""


def _index_state(client: Elasticsearch, alias: str) -> HealthResponse:
    if not client.indices.exists_alias(name=alias):
        return HealthResponse(
            status="degraded", elasticsearch=True, index=None, documents=None, message="index not created yet"
        )
    index = next(iter(client.indices.get_alias(name=alias)))
    return HealthResponse(
        status="ok", elasticsearch=True, index=index, documents=client.count(index=alias)["count"]
    )


def _unreachable(e: Exception) -> HealthResponse:
    logger.warning("Elasticsearch probe failed: %s", type(e).__name__)
    message = "Elasticsearch is unreachable or not answering"
    return HealthResponse(status="degraded", elasticsearch=False, index=None, documents=None, message=message)


def _probe_client(services: Services) -> Elasticsearch:
    """The client with a short budget: no retry on a timeout, but a node that refuses the connection
    (lost, in a cluster) is skipped for the next one, so one lost node does not fail the probe."""
    other_nodes = max(0, len(services.settings.es_hosts) - 1)
    return services.client.options(
        request_timeout=PROBE_TIMEOUT_SECONDS, max_retries=other_nodes, retry_on_timeout=False
    )


@router.get(
    "/health",
    response_model=HealthResponse,
    summary="Liveness: the process is up",
    dependencies=[ReadAccess],  # it names the index and counts the articles: a read
)
def health(services: ServicesDep) -> HealthResponse:
    """200 while the API process runs; `status` and `elasticsearch` say whether it can serve now."""
    client = _probe_client(services)
    try:
        return _index_state(client, services.settings.index_alias)
    except ES_ERRORS as e:
        return _unreachable(e)


@router.get(
    "/ready",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "Not ready; retry after `Retry-After` seconds"}},
    summary="Readiness: Elasticsearch reachable and the index in place",
)
def ready(
    services: ServicesDep, may_read: Annotated[bool, Depends(caller_may_read)]
) -> HealthResponse | JSONResponse:
    """200 when searches and ingests can be served; 503 with `Retry-After` when not (yet).

    Open to every probe; when reads need a key, a caller without one is not told the index or its size.
    """
    client = _probe_client(services)
    try:
        client.cluster.health()  # answers fast, or the index creation below is not tried at all
        services.ensure_index()
        state = _index_state(client, services.settings.index_alias)
    except ES_ERRORS as e:
        state = _unreachable(e)
    if not may_read:
        state = state.model_copy(update={"index": None, "documents": None})
    if state.status == "ok":
        return state
    body = {**state.model_dump(), "request_id": current_request_id()}
    return JSONResponse(body, status_code=503, headers={"Retry-After": RETRY_AFTER_SECONDS})
