"""Request and response bodies of `POST /ingest`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

from newsdesk.search_api.http.text_safety import replace_lone_surrogates
from newsdesk.search_api.ingest.articles import ArticleIn

MAX_BATCH = 1000


class IngestRequest(BaseModel):
    # `Any`, not `dict`: a junk item (a number, a string) fails alone, by position, like any bad article.
    articles: list[Any] = Field(
        max_length=MAX_BATCH,
        description="Articles (see ArticleIn); each is validated alone, so one bad article fails alone.",
        json_schema_extra={"examples": [[ArticleIn.model_config["json_schema_extra"]["examples"][0]]]},  # type: ignore[index]
    )

    @field_validator("articles")
    @classmethod
    def replace_lone_surrogates(cls, articles: list[Any]) -> list[Any]:
        """Broken UTF-16 escapes ("\\ud800" alone) become U+FFFD, as undecodable bytes would."""
        return replace_lone_surrogates(articles)


class IngestFailure(BaseModel):
    index: int | None = Field(None, description="Position of the article in the request.")
    id: str | None
    reason: str


class IngestResponse(BaseModel):
    created: list[str]
    updated: list[str]
    failed: list[IngestFailure] = Field(
        description="Not indexed; kept in the dead-letter store with the reason."
    )
    enrichment_errors: list[IngestFailure] = Field(
        description="Indexed without the enrichment of a processor that failed on them; the reason names it."
    )
