"""`POST /search/ask`: a request in words ("articles from Xinhua in October 2017 where more than
1,000 people were killed") compiled into the search it means, run, and returned with its hits."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from newsdesk.search_api.ask.compiler import CompiledSearch, compile_request
from newsdesk.search_api.ask.vocabulary import IndexVocabulary
from newsdesk.search_api.deps import ServicesDep
from newsdesk.search_api.http.text_safety import SafeText
from newsdesk.search_api.search import service as search_service
from newsdesk.search_api.search.models import MAX_PAGE_SIZE, MAX_QUERY_CHARS, SearchRequest, SearchResponse

router = APIRouter(tags=["search"])


class AskSearchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"ask": "articles from Xinhua in October 2017 where more than 1,000 people were killed"}
            ]
        },
    )

    ask: SafeText = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="What to find, in words.")
    today: date | None = Field(None, description="Relative dates count from it; the server's date if absent.")
    page: int = Field(1, ge=1, le=100)
    size: int = Field(10, ge=1, le=MAX_PAGE_SIZE)


class AskSearchResponse(BaseModel):
    compiled: CompiledSearch = Field(description="The search the request compiled to, with a chip per part.")
    results: SearchResponse


@router.post(
    "/search/ask",
    response_model=AskSearchResponse,
    summary="Search by a request in words, compiled to filters",
)
def search_by_asking(request: AskSearchRequest, services: ServicesDep) -> dict[str, Any]:
    """The request compiled into words, facet filters (outlet, people, places, organisations), a
    date range (relative or absolute) and figure filters; the search run with them. A front end shows
    `compiled.chips` as removable filters and searches again with `POST /search` without one."""
    compiled = compile_request(request.ask, IndexVocabulary(services), request.today or date.today())
    registered = set(services.facets.names)
    search = SearchRequest(
        query=compiled.query,
        filters={facet: values for facet, values in compiled.filters.items() if facet in registered},
        date_from=compiled.date_from,
        date_to=compiled.date_to,
        numbers=compiled.numbers,
        page=request.page,
        size=request.size,
    )
    return {"compiled": compiled, "results": search_service.search(services, search)}
