"""The values an answer extractor works with: the question, the passages, the candidates.

These are what a plugin's extractor receives and returns (`newsdesk_register_answer_extractors`):

    class MyExtractor:
        def extract(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]: ...

They are plain frozen dataclasses so an extractor can be tested without Elasticsearch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

NUMBER_KINDS: dict[str, frozenset[str]] = {
    "count": frozenset({"count"}),
    "money": frozenset({"money"}),
    "percent": frozenset({"percent"}),
    "duration": frozenset({"duration"}),
    "age": frozenset({"age"}),
    "date": frozenset({"date", "year", "time"}),
    "ordinal": frozenset({"ordinal"}),
    "quantity": frozenset({"quantity", "rate"}),
}
"""Expected answer type -> the number kinds (`numbers[].kind`) that can answer it."""

ENTITY_LABELS: dict[str, frozenset[str]] = {
    "person": frozenset({"PERSON"}),
    "organization": frozenset({"ORG"}),
    "place": frozenset({"GPE", "LOC", "FAC"}),
    "group": frozenset({"NORP"}),
    "event": frozenset({"EVENT"}),
    "thing": frozenset({"PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}),
}
"""Expected answer type -> the entity labels (`entities[].label`) that can answer it."""


@dataclass(frozen=True)
class Question:
    """What a question asks for.

    `expected` is a key of `NUMBER_KINDS` or `ENTITY_LABELS`, or "unknown". `counted` is the lemma
    of the thing counted ("How many civilians" -> "civilian"), `verb` the lemma of the main verb
    ("killed" -> "kill"), `terms` the lemmas of the content words that should surround an answer
    (question words and answer-type words left out), `names` the names the question mentions, and
    `aliases` other ways those names are written (from the alias registry, when there is one).
    """

    text: str
    expected: str
    counted: str | None = None
    verb: str | None = None
    terms: tuple[str, ...] = ()
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # term -> its words in the question
    names: tuple[str, ...] = ()
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    term_weights: dict[str, float] = field(default_factory=dict)
    resolved_from: str | None = None  # the question as asked, when it was rewritten from a conversation

    @property
    def wants_number(self) -> bool:
        return self.expected in NUMBER_KINDS

    @property
    def wants_entity(self) -> bool:
        return self.expected in ENTITY_LABELS

    def weight(self, term: str) -> float:
        return self.term_weights.get(term, 1.0)


@dataclass(frozen=True)
class Article:
    """A retrieved article: rank 0 is the best match."""

    id: str
    rank: int
    score: float
    content: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published_at: str | None = None
    numbers: tuple[dict[str, Any], ...] = ()
    entities: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Passage:
    """One sentence of an article, with the sentences around it as context.

    Offsets are into `article.content`. `score` is how well the passage matches the question
    (question-term coverage, 0..1) and `rank` its place among all passages, 0 the best.
    """

    article: Article
    start: int
    end: int
    context_start: int
    context_end: int
    score: float
    rank: int

    @property
    def sentence(self) -> str:
        return self.article.content[self.start : self.end]

    @property
    def context(self) -> str:
        return self.article.content[self.context_start : self.context_end]


@dataclass(frozen=True)
class Candidate:
    """A possible answer found in a passage.

    `key` decides which candidates are the same answer (a canonical entity id or name, or a
    normalised value with its unit); `score` is 0..1; `start`/`end` locate the answer in
    `passage.article.content`. `low`/`high` bound a numeric value as the text states it.
    """

    key: str
    answer: str
    kind: str
    score: float
    passage: Passage
    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    display: str | None = None  # the answer as a reader would say it: "1,130 civilians"
    normalised: str | None = None
    extractor: str = ""
    fact: str | None = None  # what a figure states, "civilian:kill": figures of two facts never contradict


class AnswerExtractor(Protocol):
    """What `newsdesk_register_answer_extractors` takes."""

    def extract(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]: ...
