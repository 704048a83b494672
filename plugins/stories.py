"""The values story clustering works with, for plugins that add a story signal or a figure rule.

A story signal (`newsdesk_register_story_signals`) says how much an incoming article looks like
one of the recent stories, from 0 (nothing alike) to 1 (the same); the host sums the signals by
their weights and the article joins the best story whose score reaches the threshold:

    def same_place(article: ArticleFeatures, story: StoryProfile) -> float:
        return 1.0 if article.entities.keys() & story.entities.keys() else 0.0

A figure rule (`newsdesk_register_figure_rules`) compares two outlets' figures for the same thing
("people killed") and returns a verdict, or None to leave it to the next rule:

    def exactly(a: FigureClaim, b: FigureClaim) -> str | None:
        return "agree" if a.value == b.value else None
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

Verdict = Literal["agree", "within_tolerance", "disagree"]
VERDICTS: tuple[Verdict, ...] = ("agree", "within_tolerance", "disagree")


@dataclass(frozen=True)
class ArticleFeatures:
    """An incoming article as clustering sees it: read from its enrichment, nothing parsed again."""

    id: str
    title: str
    outlet: str
    time: datetime | None  # published; None when the article does not say
    seen: datetime  # published, else ingested: when newsdesk first knew of it
    entities: Counter[str] = field(default_factory=Counter)  # canonical entity id -> mentions
    terms: Counter[str] = field(default_factory=Counter)  # title and lead words -> count
    figures: frozenset[str] = frozenset()  # precise figures: "count|people|kill|3250"
    idf: Mapping[str, float] = field(default_factory=dict)  # entity or word -> how telling it is (absent: 1)


@dataclass
class StoryProfile:
    """A story as clustering sees it: the sums of its articles' features."""

    id: str
    title: str
    first_seen: datetime
    last_update: datetime
    first_published: datetime | None = None  # of the members that give a publication time
    last_published: datetime | None = None
    article_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    entities: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    figures: Counter[str] = field(default_factory=Counter)


class StorySignal(Protocol):
    def __call__(self, article: ArticleFeatures, story: StoryProfile) -> float: ...


@dataclass(frozen=True)
class FigureClaim:
    """One outlet's figure for a thing counted: 'as many as 3,250' is value 3250, qualifier up_to."""

    outlet: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    unit: str | None = None


class FigureRule(Protocol):
    def __call__(self, a: FigureClaim, b: FigureClaim) -> Verdict | None: ...


@dataclass(frozen=True)
class SignalSpec:
    name: str
    signal: StorySignal
    weight: float
    plugin: str = ""


@dataclass(frozen=True)
class FigureRuleSpec:
    name: str
    rule: FigureRule
    order: int = 500
    plugin: str = ""
