"""What `/stories` answers: stories, their articles in time order, and their figures side by side."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class StoryEntity(BaseModel):
    id: str = Field(description="The canonical entity id, e.g. gpe:raqqa.")
    name: str
    articles: int = Field(description="How many of the story's articles name it.")


class StorySummary(BaseModel):
    id: str
    title: str
    first_seen: datetime
    last_update: datetime
    article_count: int
    outlets: list[str]
    top_entities: list[StoryEntity]


class StoryList(BaseModel):
    total: int = Field(
        description="Stories matching (at most the number of stories the matched articles are in)."
    )
    stories: list[StorySummary]


class StoryArticle(BaseModel):
    id: str
    title: str
    outlet: str
    time: datetime = Field(description="Published, else ingested: the order of the timeline.")
    published_at: str | None = None
    url: str | None = None
    reason: dict[str, Any] = Field(
        description="Why the article is in the story: `decision` (started, joined, kept), the score, each "
        "signal's value and the shared entities, words and figures."
    )


class FigureValue(BaseModel):
    article_id: str
    time: datetime
    text: str | None = Field(description="As the outlet wrote it: 'as many as 3,250'.")
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None = Field(description="exact, about, at_least, up_to, range, vague...")
    unit: str | None
    sentence: str = Field(description="The evidence: the sentence that gives the figure.")


class FigureRow(FigureValue):
    outlet: str
    disagrees: bool = Field(description="This outlet's figure contradicts the one most outlets give.")
    also: list[FigureValue] = Field(description="Other values the same article gives later in its text.")
    revised_from: list[FigureValue] = Field(
        description="What the outlet's earlier articles said: a revision."
    )


class FigureFact(BaseModel):
    fact: str = Field(description="kind|counted|verb|unit, or duration|unit.")
    label: str = Field(description="What is counted: 'civilians killed', 'duration in months'.")
    verdict: Literal["agree", "within_tolerance", "disagree", "single_source"]
    rows: list[FigureRow]


class StoryDetail(StorySummary):
    articles: list[StoryArticle] = Field(description="In time order: who reported first comes first.")
    figures: list[FigureFact] = Field(description="Every figure of the story by fact, one row per outlet.")
