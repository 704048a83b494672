"""Ingestion over HTTP: a batch of articles, each validated and enriched on its own."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import ValidationError

from search_api.articles import ArticleIn
from search_api.deps import ServicesDep
from search_api.readers import InputItem, describe_validation_error
from search_api.schemas import IngestFailure, IngestRequest, IngestResponse

router = APIRouter(tags=["ingest"])


@router.post("/ingest", response_model=IngestResponse)
def ingest(request: IngestRequest, services: ServicesDep) -> IngestResponse:
    items = []
    for position, record in enumerate(request.articles):
        origin = f"articles[{position}]"
        try:
            items.append(InputItem(origin=origin, article=ArticleIn.model_validate(record)))
        except ValidationError as e:
            items.append(InputItem(origin=origin, error=describe_validation_error(e), raw=record))
    report = services.ingestor().ingest(items)
    failed = [
        IngestFailure(
            index=int(f.origin[9:-1]) if f.origin.startswith("articles[") else None, id=f.id, reason=f.reason
        )
        for f in report.failed
    ]
    return IngestResponse(created=report.created, updated=report.updated, failed=failed)
