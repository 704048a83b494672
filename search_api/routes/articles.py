"""One article with all its enrichment, and the articles most like it."""

from __future__ import annotations

from typing import Annotated, Any

from elasticsearch import NotFoundError
from fastapi import APIRouter, HTTPException, Path, Query

from newsdesk.search_api.deps import ServicesDep
from newsdesk.search_api.ingest.articles import ID_PATTERN
from newsdesk.search_api.search.models import ArticleResponse, SearchHit
from newsdesk.search_api.search.query import SOURCE_FIELDS, read_hit

router = APIRouter(tags=["articles"])

# Checked here, as ingest checks it: any other text could never be an id, and sent on to
# Elasticsearch it only earns an error that names Elasticsearch's internals (a too-long URL line).
ArticleId = Annotated[
    str,
    Path(
        description="The article's id: a letter or digit, then up to 199 of `A-Za-z0-9._:-`.",
        pattern=ID_PATTERN,
        examples=["002_29db2200959aca4a"],
    ),
]


@router.get("/articles/{article_id}", response_model=ArticleResponse, summary="An article and its enrichment")
def get_article(
    article_id: ArticleId,
    services: ServicesDep,
    include_raw: Annotated[bool, Query(description="Also return the input as it was ingested.")] = False,
) -> dict[str, Any]:
    """Clean text, metadata, entities, numbers, and the boilerplate removed (with the reasons)."""
    excludes = [] if include_raw else ["raw"]
    try:
        found = services.search_client.get(
            index=services.settings.index_alias, id=article_id, source_excludes=excludes
        )
    except NotFoundError as e:
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}") from e
    return {**found["_source"], "id": found["_id"]}


@router.get("/articles/{article_id}/similar", response_model=list[SearchHit], summary="More like this")
def similar_articles(
    article_id: ArticleId, services: ServicesDep, size: Annotated[int, Query(ge=1, le=50)] = 5
) -> list[dict[str, Any]]:
    """Articles sharing the most distinctive terms of this one (Elasticsearch `more_like_this`)."""
    alias = services.settings.index_alias
    if not services.search_client.exists(index=alias, id=article_id):
        raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
    query = {
        "more_like_this": {
            "fields": ["title", "content"],
            "like": [{"_index": alias, "_id": article_id}],
            "min_term_freq": 1,
            "min_doc_freq": 1,
            "max_query_terms": 40,
        }
    }
    client = services.search_client
    response = client.search(index=alias, query=query, size=size, source_includes=SOURCE_FIELDS)
    return [read_hit(hit) for hit in response["hits"]["hits"]]
