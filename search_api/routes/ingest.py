"""Ingestion over HTTP: a batch of articles, each validated and enriched on its own."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import ValidationError

from newsdesk.search_api.deps import ServicesDep
from newsdesk.search_api.http.rate_limits import WriteRateLimit
from newsdesk.search_api.http.security import WriteAccess
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.ingestor import Failure
from newsdesk.search_api.ingest.models import IngestFailure, IngestRequest, IngestResponse
from newsdesk.search_api.ingest.readers import InputItem, describe_validation_error

# Writes need an API key (see search_api/http/security.py).
router = APIRouter(tags=["ingest"], dependencies=[WriteAccess])


@router.post(
    "/ingest",
    response_model=IngestResponse,
    summary="Enrich and index a batch of articles",
    dependencies=[WriteRateLimit],
)
def ingest(request: IngestRequest, services: ServicesDep) -> IngestResponse:
    items = []
    for position, record in enumerate(request.articles):
        origin = f"articles[{position}]"
        try:
            items.append(InputItem(origin=origin, article=ArticleIn.model_validate(record)))
        except ValidationError as e:
            items.append(InputItem(origin=origin, error=describe_validation_error(e), raw=record))
    report = services.ingestor().ingest(items)
    return IngestResponse(
        created=report.created,
        updated=report.updated,
        failed=[_as_response(failure) for failure in report.failed],
        enrichment_errors=[_as_response(failure) for failure in report.partial],
    )


def _as_response(failure: Failure) -> IngestFailure:
    position = int(failure.origin[9:-1]) if failure.origin.startswith("articles[") else None
    return IngestFailure(index=position, id=failure.id, reason=failure.reason)
