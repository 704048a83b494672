"""Request and response bodies of search, facet values and article reads."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsdesk.search_api.http.text_safety import SafeText
from newsdesk.search_api.search.number_filters import NumberFilter, NumberMatch

MAX_QUERY_CHARS = 1000
MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000
# 9 facets of 65,000 values made a 58 MB Elasticsearch query: a person selects a few values.
MAX_FILTER_VALUES_PER_FACET = 100
MAX_FILTER_VALUES = 500


class SearchRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"query": "Raqqa stadium", "filters": {"source": ["Xinhua"]}, "page": 1, "size": 10},
            ]
        },
    )

    query: SafeText = Field("", max_length=MAX_QUERY_CHARS, description='Words, "phrases", -exclusions, OR.')
    filters: dict[SafeText, list[SafeText]] = Field(
        default_factory=dict,
        description="Facet name to selected values: OR within a facet, AND across facets; "
        f"at most {MAX_FILTER_VALUES_PER_FACET} values a facet, {MAX_FILTER_VALUES} in all.",
    )
    facets: list[SafeText] | None = Field(
        None, description="Facets to count; all registered facets when absent."
    )
    facet_size: int = Field(10, ge=1, le=100)
    date_from: date | None = None
    date_to: date | None = None
    date_interval: Literal["day", "week", "month", "quarter", "year"] = "month"
    numbers: list[NumberFilter] = Field(
        default_factory=list,
        max_length=10,
        description="Conditions on the figures an article states (AND across entries); see docs/numbers.md.",
    )
    sort: SafeText = Field("relevance", description="relevance, date (newest first) or date_asc.")
    show_copies: bool = Field(
        False,
        description="Also return copies (syndicated or reworded duplicates); by default only originals.",
    )
    page: int = Field(1, ge=1)
    size: int = Field(
        10,
        ge=0,
        le=MAX_PAGE_SIZE,
        description="Hits a page; 0 for facet counts only (served from the request cache).",
    )
    cursor: SafeText | None = Field(
        None,
        max_length=4096,
        description="For paging past 10,000 hits: '*' to start, then each response's next_cursor.",
    )

    @field_validator("filters")
    @classmethod
    def few_enough_filter_values(cls, filters: dict[str, list[str]]) -> dict[str, list[str]]:
        for facet, values in filters.items():
            if len(values) > MAX_FILTER_VALUES_PER_FACET:
                msg = (
                    f"facet {facet!r} has {len(values)} values; at most {MAX_FILTER_VALUES_PER_FACET} a facet"
                )
                raise ValueError(msg)
        total = sum(len(values) for values in filters.values())
        if total > MAX_FILTER_VALUES:
            msg = f"the filters hold {total} values; at most {MAX_FILTER_VALUES} in all"
            raise ValueError(msg)
        return filters

    @model_validator(mode="after")
    def within_result_window(self) -> SearchRequest:
        if self.page * self.size > MAX_RESULT_WINDOW:
            msg = f"page * size must be at most {MAX_RESULT_WINDOW}; page further with cursor"
            raise ValueError(msg)
        if self.cursor is not None and self.size == 0:
            msg = "size must be at least 1 with cursor: a cursor pages through hits"
            raise ValueError(msg)
        if self.cursor is not None and self.page != 1:
            msg = "page cannot be combined with cursor: the cursor says where the next page starts"
            raise ValueError(msg)
        return self


class FacetValue(BaseModel):
    value: str
    count: int
    selected: bool


class FacetResult(BaseModel):
    name: str
    label: str
    kind: str
    plugin: str
    values: list[FacetValue]


class SearchHit(BaseModel):
    id: str
    score: float | None
    title: str | None = None
    source: str | None = None
    published_at: str | None = None
    url: str | None = None
    authors: list[str] | None = None
    category: str | None = None
    language: str | None = None
    story_id: str | None = Field(None, description="The story the article is in (GET /stories/{id}).")
    duplicate_of: str | None = Field(
        None, description="The article this one is a copy of (syndicated, reworded)."
    )
    copies: int | None = Field(None, description="How many copies of this article were found.")
    highlights: dict[str, list[str]]
    numbers: list[NumberMatch] = Field(default_factory=list, description="Figures that matched `numbers`.")


class WordSuggestion(BaseModel):
    word: str
    suggestion: str


class DidYouMean(BaseModel):
    query: str = Field(description="The query as typed, with the misspelt words replaced.")
    words: list[WordSuggestion]


class SearchResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "total": 1,
                    "page": 1,
                    "size": 10,
                    "hits": [
                        {
                            "id": "002_29db2200959aca4a",
                            "score": 3.1,
                            "title": "U.S.-backed Syrian forces capture Syria's Raqqa from Islamic State",
                            "source": "Xinhua",
                            "published_at": "2017-10-18T01:40:26",
                            "highlights": {"content": ["... the city's local <mark>stadium</mark> ..."]},
                        }
                    ],
                    "facets": {
                        "source": {
                            "name": "source",
                            "label": "Sources",
                            "kind": "terms",
                            "plugin": "core",
                            "values": [{"value": "Xinhua", "count": 1, "selected": True}],
                        }
                    },
                    "next_cursor": None,
                }
            ]
        }
    )

    total: int
    page: int
    size: int
    hits: list[SearchHit]
    facets: dict[str, FacetResult]
    next_cursor: str | None = Field(None, description="Present when paging with a cursor and hits remain.")
    did_you_mean: DidYouMean | None = Field(
        None, description="Spelling suggestions for query words no article contains, when there are any."
    )


class FacetValuesResponse(BaseModel):
    facet: str
    prefix: str
    values: list[FacetValue]


class ArticleResponse(BaseModel):
    """An article with everything newsdesk learned about it."""

    model_config = ConfigDict(extra="allow")

    id: str
    content: str | None = None
    title: str | None = None
    source: str | None = None
    published_at: str | None = None
    entities: list[dict[str, Any]] = Field(default_factory=list)
    numbers: list[dict[str, Any]] = Field(default_factory=list)
    boilerplate_removed: list[dict[str, Any]] = Field(default_factory=list)
    enrichment_errors: list[dict[str, Any]] = Field(default_factory=list)
