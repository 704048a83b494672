"""Is Elasticsearch reachable, and what does the index hold?"""

from __future__ import annotations

from elasticsearch import ApiError, TransportError
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from search_api.deps import ServicesDep
from search_api.schemas import HealthResponse

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthResponse, responses={503: {"model": HealthResponse}})
def health(services: ServicesDep) -> HealthResponse | JSONResponse:
    alias = services.settings.index_alias
    try:
        services.client.cluster.health(timeout="2s")
    except (TransportError, ApiError) as e:
        body = HealthResponse(
            status="degraded", elasticsearch=False, index=None, documents=None, message=str(e)
        )
        return JSONResponse(body.model_dump(), status_code=503, headers={"Retry-After": "5"})
    if not services.client.indices.exists_alias(name=alias):
        return HealthResponse(
            status="ok", elasticsearch=True, index=None, documents=0, message="index not created yet"
        )
    index = next(iter(services.client.indices.get_alias(name=alias)))
    count = services.client.count(index=alias)["count"]
    return HealthResponse(status="ok", elasticsearch=True, index=index, documents=count)
