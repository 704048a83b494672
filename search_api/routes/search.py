"""Full-text search with facets and filters."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from search_api.deps import ServicesDep
from search_api.facets import UnknownFacetError
from search_api.schemas import SearchRequest, SearchResponse
from search_api.search_query import InvalidFilterError, build_search_body, read_search_response

router = APIRouter(tags=["search"])


@router.post("/search", response_model=SearchResponse)
def search(request: SearchRequest, services: ServicesDep) -> dict[str, object]:
    try:
        body = build_search_body(request, services.facets)
    except (UnknownFacetError, InvalidFilterError) as e:
        raise HTTPException(status_code=400, detail=str(e)) from e
    services.ensure_index()
    response = services.client.search(index=services.settings.index_alias, **body)
    return read_search_response(response.body, request, services.facets)
