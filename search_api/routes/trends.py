"""Trends: article counts over time for a query, an entity, a facet value or a story, for charts."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, Field, ValidationError

from newsdesk.search_api.deps import ServicesDep
from newsdesk.search_api.ingest.readers import describe_validation_error
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.stories.models import StorySummary
from newsdesk.search_api.stories.trends import Interval, trend

router = APIRouter(tags=["stories"])

OWN = {"q", "interval", "top_stories", "date_from", "date_to"}


class TrendBucket(BaseModel):
    date: str = Field(description="The start of the interval (ISO 8601).")
    count: int


class BusyStory(StorySummary):
    matching: int = Field(description="How many of the story's articles the trend counts.")


class TrendResponse(BaseModel):
    total: int
    interval: str
    buckets: list[TrendBucket]
    undated: int = Field(description="Articles counted that give no publication date (not in the buckets).")
    busiest_stories: list[BusyStory]


@router.get(
    "/trends", response_model=TrendResponse, summary="Article counts over time, and the busiest stories"
)
def trends(
    http: Request,
    services: ServicesDep,
    q: Annotated[
        str, Query(description="The query language of /search; empty: every article.", examples=["Raqqa"])
    ] = "",
    interval: Annotated[Interval, Query(description="The histogram's step.")] = "month",
    top_stories: Annotated[int, Query(ge=1, le=50, description="How many of the busiest stories.")] = 5,
) -> dict[str, Any]:
    """A date histogram of the articles a search selects: any facet is a filter (`?places=Raqqa`,
    `?people=Talal+Silo`, `?story=ID`), with `date_from` / `date_to` for the period; and the stories
    with the most of those articles."""
    fields: dict[str, Any] = {"query": q, "filters": {}}
    for key, value in http.query_params.multi_items():
        if key in {"date_from", "date_to"}:
            fields[key] = value
        elif key in services.facets.names:
            fields["filters"].setdefault(key, []).append(value)
        elif key not in OWN:
            allowed = sorted(OWN | set(services.facets.names))
            raise HTTPException(400, f"unknown parameter {key!r}; allowed: {', '.join(allowed)}")
    try:
        request = SearchRequest.model_validate(fields)
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=describe_validation_error(e)) from e
    return trend(services, request, interval, top_stories)
