"""What the MCP tools do, over the service's own parts: the same searches and answers as the REST API.

The tools reach the live `Services` and QA engine through callables, so the server can be built
before the API's lifespan has started them (Streamable HTTP on the app) or after (stdio).

Usage:
    backend = Backend(services=lambda: services, engine=lambda: engine)
    backend.search(SearchRequest(query="Raqqa stadium")).hits[0].source  # "Xinhua"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from elasticsearch import NotFoundError as ElasticsearchNotFound

from newsdesk.plugins.builtin.entities import most_mentioned
from newsdesk.plugins.errors import NotFoundError
from newsdesk.search_api.mcp.schemas import (
    ArticleOut,
    AskOut,
    EntitiesOut,
    EntityOut,
    FacetValuesOut,
    FiguresOut,
    HitOut,
    SearchOut,
    StoryArticleOut,
    StoryOut,
    article_uri,
)
from newsdesk.search_api.qa.chat import ChatReply
from newsdesk.search_api.qa.engine import QAEngine
from newsdesk.search_api.search import service as search_service
from newsdesk.search_api.search.models import FacetValue, SearchRequest
from newsdesk.search_api.services import Services
from newsdesk.search_api.stories import service as story_service
from newsdesk.search_api.stories.models import StoryDetail

_MARK = re.compile(r"</?mark>")


def _snippet(highlights: dict[str, list[str]]) -> str:
    for field in ("content", "title", *highlights):
        if highlights.get(field):
            return " … ".join(_MARK.sub("", fragment) for fragment in highlights[field][:2])
    return ""


@dataclass(frozen=True)
class Backend:
    services: Callable[[], Services]
    engine: Callable[[], QAEngine]

    def search(self, request: SearchRequest) -> SearchOut:
        found = search_service.search(self.services(), request)
        hits = [
            HitOut(
                id=hit["id"],
                uri=article_uri(hit["id"]),
                title=hit.get("title"),
                source=hit.get("source"),
                published_at=hit.get("published_at"),
                url=hit.get("url"),
                snippet=_snippet(hit.get("highlights") or {}),
            )
            for hit in found["hits"]
        ]
        facets = {
            name: [FacetValue.model_validate(value) for value in facet["values"]]
            for name, facet in found["facets"].items()
        }
        return SearchOut(total=found["total"], hits=hits, facets=facets)

    def ask(self, question: str, history: list[str], top_k: int = 3) -> AskOut:
        response = self.engine().answer(question, history, top_k)
        summary = ChatReply.from_response(response).content
        return AskOut(**response.model_dump(), summary=summary)

    def article(self, article_id: str) -> ArticleOut:
        services = self.services()
        try:
            found = services.client.get(
                index=services.settings.index_alias, id=article_id, source_excludes=["raw"]
            )
        except ElasticsearchNotFound as e:
            msg = f"no article with id {article_id!r}"
            raise NotFoundError(msg) from e
        source: dict[str, Any] = found["_source"]
        return ArticleOut(
            id=found["_id"],
            uri=article_uri(found["_id"]),
            title=source.get("title"),
            source=source.get("source"),
            published_at=source.get("published_at"),
            url=source.get("url"),
            authors=source.get("authors") or [],
            content=source.get("content") or "",
            entities=source.get("entities") or [],
            numbers=source.get("numbers") or [],
        )

    def story(self, story_id: str, query: str) -> StoryOut:
        detail = self._story(story_id, query)
        articles = [
            StoryArticleOut(**article.model_dump(), uri=article_uri(article.id))
            for article in detail.articles
        ]
        return StoryOut(**detail.model_dump(exclude={"articles", "figures"}), articles=articles)

    def figures(self, story_id: str, query: str) -> FiguresOut:
        detail = self._story(story_id, query)
        return FiguresOut(
            story_id=detail.id, title=detail.title, outlets=detail.outlets, figures=detail.figures
        )

    def _story(self, story_id: str, query: str) -> StoryDetail:
        """The story named by its id, else the story with the most of the articles the query matches."""
        services = self.services()
        if not story_id:
            found = story_service.list_stories(services, SearchRequest(query=query), size=1)["stories"]
            if not found:
                msg = f"no story matches the query {query!r}"
                raise NotFoundError(msg)
            story_id = found[0]["id"]
        detail = story_service.story_detail(services, story_id)
        if detail is None:
            msg = f"no story with id {story_id!r}"
            raise NotFoundError(msg)
        return StoryDetail.model_validate(detail)

    def facet_values(self, facet: str, prefix: str, size: int) -> FacetValuesOut:
        values = search_service.facet_values(self.services(), facet, prefix, size)
        return FacetValuesOut(
            facet=facet, prefix=prefix, values=[FacetValue(**value, selected=False) for value in values]
        )

    def entities(self, prefix: str, types: list[str], size: int) -> EntitiesOut:
        services = self.services()
        alias, client = services.settings.index_alias, services.client
        entities = most_mentioned(client, alias, prefix, types, size)
        return EntitiesOut(prefix=prefix, entities=[EntityOut(**entity) for entity in entities])
