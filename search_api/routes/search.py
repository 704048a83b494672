"""Full-text search with facets and filters: JSON `POST /search`, bookmarkable `GET /search`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import ValidationError

from newsdesk.search_api.deps import ServicesDep
from newsdesk.search_api.ingest.readers import describe_validation_error
from newsdesk.search_api.search import service as search_service
from newsdesk.search_api.search.facets import UnknownFacetError
from newsdesk.search_api.search.models import FacetValuesResponse, SearchRequest, SearchResponse

router = APIRouter(tags=["search"])

GET_PARAMETERS = {
    "q",
    "page",
    "size",
    "sort",
    "date_from",
    "date_to",
    "date_interval",
    "facets",
    "facet_size",
    "cursor",
    "show_copies",
}


@router.post("/search", response_model=SearchResponse, summary="Search articles (JSON body)")
def search(request: SearchRequest, services: ServicesDep) -> dict[str, Any]:
    """Full-text search with facet counts; a facet's counts ignore that facet's own selection."""
    return search_service.search(services, request)


@router.get(
    "/search",
    response_model=SearchResponse,
    summary="Search articles (bookmarkable URL)",
    openapi_extra={
        "parameters": [
            {
                "name": "<facet name>",
                "in": "query",
                "required": False,
                "description": "Any facet name, repeated for several values: ?source=Xinhua&source=Reuters",
                "schema": {"type": "string"},
            }
        ]
    },
)
def search_by_url(
    http: Request,
    services: ServicesDep,
    q: Annotated[
        str, Query(description='The query: words, "phrases", -exclusions, OR, title:/source: ...')
    ] = "",
) -> dict[str, Any]:
    """`POST /search` with every option in the URL: `/search?q=raqqa&source=Xinhua&page=2`."""
    fields: dict[str, Any] = {"query": q, "filters": {}}
    for key, value in http.query_params.multi_items():
        if key in GET_PARAMETERS - {"q"}:
            fields[key] = value.split(",") if key == "facets" else value
        elif key in services.facets.names:
            fields["filters"].setdefault(key, []).append(value)
        elif key != "q":
            allowed = sorted(GET_PARAMETERS | set(services.facets.names))
            raise HTTPException(400, f"unknown parameter {key!r}; allowed: {', '.join(allowed)}")
    try:
        request = SearchRequest.model_validate(fields)
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=describe_validation_error(e)) from e
    return search_service.search(services, request)


@router.get(
    "/facets/{name}/values", response_model=FacetValuesResponse, summary="Type-ahead over a facet's values"
)
def facet_values(
    name: Annotated[str, Path(description="A facet name, as listed in /search.", examples=["places"])],
    services: ServicesDep,
    prefix: Annotated[
        str, Query(max_length=100, description="Start of a word of the value, any case.", examples=["Der"])
    ] = "",
    size: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, Any]:
    """Facet values starting with `prefix`, e.g. `/facets/places/values?prefix=Der` → Deir ez-Zor."""
    try:
        values = search_service.facet_values(services, name, prefix, size)
    except UnknownFacetError as e:
        raise HTTPException(status_code=404, detail=str(e)) from e
    return {"facet": name, "prefix": prefix, "values": [{**v, "selected": False} for v in values]}
