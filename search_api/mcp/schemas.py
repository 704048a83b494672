"""The structured results of the MCP tools: what an agent gets back, typed so it can be validated."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from newsdesk.search_api.qa.models import QAResponse
from newsdesk.search_api.search.models import FacetValue
from newsdesk.search_api.stories.models import FigureFact, StoryArticle, StorySummary

ARTICLE_URI = "newsdesk://articles/{article_id}"


def article_uri(article_id: str) -> str:
    return ARTICLE_URI.format(article_id=article_id)


class HitOut(BaseModel):
    id: str
    uri: str = Field(description="The article as an MCP resource: read it with resources/read.")
    title: str | None
    source: str | None = Field(description="The outlet.")
    published_at: str | None
    url: str | None
    snippet: str = Field(description="The best matching passage, plain text.")


class SearchOut(BaseModel):
    total: int = Field(description="How many articles match, of which `hits` is one page.")
    hits: list[HitOut]
    facets: dict[str, list[FacetValue]] = Field(
        description="Per facet (source, people, places...), the values of the matching articles, counted."
    )


class AskOut(QAResponse):
    summary: str = Field(description="The answer as one short text with numbered citations, for a reader.")


class ArticleOut(BaseModel):
    id: str
    uri: str
    title: str | None = None
    source: str | None = None
    published_at: str | None = None
    url: str | None = None
    authors: list[str] = Field(default_factory=list)
    content: str = Field(description="The clean text, boilerplate removed.")
    entities: list[dict[str, Any]] = Field(description="Named entities: canonical name, label, offsets.")
    numbers: list[dict[str, Any]] = Field(description="Figures: value, unit, what is counted, the verb.")


class FacetValuesOut(BaseModel):
    facet: str
    prefix: str
    values: list[FacetValue]


class EntityOut(BaseModel):
    id: str
    name: str
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP, ...")
    aliases: list[str]
    article_count: int


class EntitiesOut(BaseModel):
    prefix: str
    entities: list[EntityOut]


class StoryArticleOut(StoryArticle):
    uri: str = Field(description="The article as an MCP resource: read it with resources/read.")


class StoryOut(StorySummary):
    articles: list[StoryArticleOut] = Field(description="In time order: who reported first comes first.")


class FiguresOut(BaseModel):
    story_id: str
    title: str
    outlets: list[str]
    figures: list[FigureFact] = Field(
        description="Per fact ('civilians killed', 'duration in months'), one row per outlet with its value, "
        "the sentence that gives it and whether it disagrees; `verdict` says if the outlets agree."
    )
