"""Stories: one event told by many outlets, its articles in time order and its figures side by side."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import ValidationError

from newsdesk.search_api.deps import ServicesDep
from newsdesk.search_api.ingest.readers import describe_validation_error
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.stories import service
from newsdesk.search_api.stories.models import StoryDetail, StoryList

router = APIRouter(tags=["stories"])

FILTER_PARAMETERS = {"date_from", "date_to"}


@router.get("/stories", response_model=StoryList, summary="List or search stories")
def list_stories(
    http: Request,
    services: ServicesDep,
    q: Annotated[
        str,
        Query(description="The search query language of /search; empty: every story.", examples=["Raqqa"]),
    ] = "",
    size: Annotated[int, Query(ge=1, le=100, description="How many stories.")] = 20,
) -> dict[str, Any]:
    """The stories of the articles a search matches (any facet name is a filter, as in `GET /search`);
    without a query or filter, every story, the latest updated first."""
    fields: dict[str, Any] = {"query": q, "filters": {}}
    for key, value in http.query_params.multi_items():
        if key in FILTER_PARAMETERS:
            fields[key] = value
        elif key in services.facets.names:
            fields["filters"].setdefault(key, []).append(value)
        elif key not in {"q", "size"}:
            allowed = sorted({"q", "size"} | FILTER_PARAMETERS | set(services.facets.names))
            raise HTTPException(400, f"unknown parameter {key!r}; allowed: {', '.join(allowed)}")
    try:
        request = SearchRequest.model_validate(fields)
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=describe_validation_error(e)) from e
    return service.list_stories(services, request, size)


@router.get("/stories/{story_id}", response_model=StoryDetail, summary="A story: timeline, outlets, figures")
def get_story(
    story_id: Annotated[
        str,
        Path(
            max_length=100,
            description="A story id, from /stories or an article's story_id.",
            examples=["story-3f9a1c0d2b7e4a51"],
        ),
    ],
    services: ServicesDep,
) -> dict[str, Any]:
    """The articles in time order (who reported first), the outlets, the top entities, and every
    figure grouped by what it counts, one row per outlet, with a verdict: agree, within reporting
    tolerance, or disagree."""
    found = service.story_detail(services, story_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no story with id {story_id!r}")
    return found
