"""Answer candidates from the learned reader, made into newsdesk's answers.

The reader scores two kinds of spans in the best passages: its own best spans, and every figure
and name the article's annotations found there, with the same start and end logits. A span that
names a figure takes that figure's key and value, so outlets agree or disagree on the number, not
on its wording; a span naming an entity takes the canonical entity; any other span (a role, a
film, a reason) is an answer as written. Questions that want a figure only get figures, of the
kind asked for and of the thing counted.

A candidate's score is the probability that it is right, from a logistic model over what the
reader and the retrieval know — the reader's preference for the span over "no answer here", and
how much of the question the passage covers, and how well the span's type fits the question's
(a figure of the thing counted, a person for "who") — fitted on the dev split and shipped with the model
(`model/reader.json`, `benchmarks.qa.calibrate_reader`). The engine's abstention threshold thus
means the same for every extractor.

Usage:
    extractor = ReaderExtractor()
    candidates = extractor.extract(question, passages)  # as any `AnswerExtractor`
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.plugins.annotations import display_name, entity_key
from newsdesk.plugins.builtin.qa.extractor import (
    SECONDARY_LABELS,
    number_display,
    number_fit,
    number_key,
    number_normalised,
)
from newsdesk.plugins.builtin.qa.reader import Reader, Span
from newsdesk.plugins.types import ENTITY_LABELS, Candidate, Passage, Question

EXTRA_WORDS = 3  # a span naming a figure or entity may add this many words ("1,130 civilians")
OPEN_FIT = 0.5  # how well any span fits a question whose answer type is not known
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Scored:
    """A candidate with the features its probability is computed from (what calibration fits)."""

    candidate: Candidate
    features: dict[str, float]


class ReaderExtractor:
    """`AnswerExtractor` over the learned reader; reads the `passages` best passages of a question."""

    name = "reader"

    def __init__(
        self,
        reader: Reader | None = None,
        passages: int = 8,
        spans_per_passage: int = 2,
        calibration: Mapping[str, float] | None = None,
    ) -> None:
        self.reader = reader or Reader.shipped()
        self.passages = passages
        self.spans_per_passage = spans_per_passage
        self.calibration = calibration

    def extract(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]:
        return [scored.candidate for scored in self.scored(question, passages)]

    def scored(self, question: Question, passages: Sequence[Passage]) -> list[Scored]:
        chosen = distinct_contexts(passages, self.passages)
        marked = [annotated_spans(p, question) for p in chosen]
        spans = self.reader.read(question.text, [p.context for p in chosen], self.spans_per_passage, marked)
        asked = _words(question.text)
        found = []
        for span in spans:
            words = _words(span.text)
            if not words or words <= asked:
                continue  # the question's own words are never its answer
            passage = chosen[span.index]
            made = self._candidate(span, passage, question)
            if made is None:
                continue
            candidate, fit = made
            features = {"margin": span.margin, "coverage": passage.score, "fit": fit}
            score = round(self.probability(features), 4)
            found.append(Scored(dataclasses.replace(candidate, score=score), features))
        return found

    def probability(self, features: Mapping[str, float]) -> float:
        """P(right): a logistic model of the features, its weights fitted on the dev split."""
        weights = {**self.reader.config["calibration"], **(self.calibration or {})}
        z = float(weights["bias"]) + sum(float(weights[name]) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def _candidate(self, span: Span, passage: Passage, question: Question) -> tuple[Candidate, float] | None:
        """The candidate a span makes, and how well its type fits the question (0..1)."""
        start, end = passage.context_start + span.start, passage.context_start + span.end
        article, content = passage.article, passage.article.content
        shared: dict[str, Any] = {
            "score": 0.0, "passage": passage, "start": start, "end": end, "extractor": self.name,
        }  # fmt: skip
        if number := covering(article.numbers, start, end, content):
            written = str(number.get("text", ""))
            fit = number_fit(number, passage, question) if question.wants_number else OPEN_FIT
            if fit is None:
                return None  # a figure of another kind or of another thing than the one counted
            figure = Candidate(
                key=number_key(number),
                answer=span.text,
                kind=str(number.get("kind")),
                value=number.get("value"),
                unit=number.get("unit"),
                low=number.get("low"),
                high=number.get("high"),
                qualifier=number.get("qualifier"),
                display=span.text
                if len(span.text) > len(written)
                else number_display(number, article.content),
                normalised=number_normalised(number),
                fact=figure_fact(number),
                **shared,
            )
            return figure, fit
        if question.wants_number:
            return None  # a figure was asked for: only spans naming one answer
        if entity := covering(article.entities, start, end, content):
            name = display_name(entity)
            key = f"entity:{entity_key(entity)}"
            kind = str(entity.get("label"))
            named = Candidate(key=key, answer=name, kind=kind, display=name, normalised=name, **shared)
            return named, label_fit(kind, question)
        text = " ".join(span.text.split())
        key = f"text:{' '.join(sorted(_words(text)))}"
        as_written = Candidate(key=key, answer=text, kind="text", display=text, normalised=text, **shared)
        return as_written, OPEN_FIT if question.expected == "unknown" else OPEN_FIT / 2


def figure_fact(mention: dict[str, Any]) -> str | None:
    """What a count counts and what happened to it ("civilian:kill"), when its annotation says."""
    counted, verb = mention.get("counted"), mention.get("verb")
    if mention.get("kind") != "count" or not (counted and verb):
        return None
    return f"{counted}:{verb}"


def label_fit(label: str, question: Question) -> float:
    """How well an entity of type `label` answers the question: 1 for the type asked for."""
    if not question.wants_entity:
        return OPEN_FIT
    if label in ENTITY_LABELS[question.expected]:
        return 1.0
    return SECONDARY_LABELS.get(question.expected, {}).get(label, 0.0)


def distinct_contexts(passages: Sequence[Passage], limit: int, per_article: int = 2) -> list[Passage]:
    """The best passages whose context windows do not overlap, at most `per_article` from one
    article while others are left: every outlet gets read, so agreement can be seen."""
    chosen: list[Passage] = []
    for cap in (per_article, limit):
        for passage in passages:
            if len(chosen) == limit:
                return chosen
            same_article = [p for p in chosen if p.article.id == passage.article.id]
            if passage in chosen or len(same_article) >= cap:
                continue
            if any(
                passage.context_start < p.context_end and p.context_start < passage.context_end
                for p in same_article
            ):
                continue
            chosen.append(passage)
    return chosen


def annotated_spans(passage: Passage, question: Question) -> list[tuple[int, int]]:
    """The figures (and, unless a figure is asked for, the names) inside a passage's context, as
    offsets into that context."""
    article = passage.article
    mentions = [*article.numbers, *([] if question.wants_number else article.entities)]
    return [
        (int(m["start"]) - passage.context_start, int(m["end"]) - passage.context_start)
        for m in mentions
        if passage.context_start <= int(m.get("start", -1)) and int(m.get("end", -1)) <= passage.context_end
    ]


def covering(mentions: Sequence[dict[str, Any]], start: int, end: int, content: str) -> dict[str, Any] | None:
    """The mention the span [start, end) names: the span lies within it, or holds it alone and at
    most `EXTRA_WORDS` more words ("1,130 civilians" names the figure 1,130; "3,250 people,
    including 1,130" names neither)."""
    inside = [m for m in mentions if int(m.get("start", -1)) < end and start < int(m.get("end", -1))]
    best: dict[str, Any] | None = None
    for mention in inside:
        first, last = int(mention.get("start", -1)), int(mention.get("end", -1))
        within = first <= start and end <= last
        extra = len(content[start:first].split()) + len(content[last:end].split())
        holds = start <= first and last <= end and extra <= EXTRA_WORDS and len(inside) == 1
        if (within or holds) and (best is None or last - first > int(best["end"]) - int(best["start"])):
            best = mention
    return best


def _words(text: str) -> set[str]:
    return {w for w in _NOT_WORD.split(text.lower()) if w and w not in {"the", "a", "an"}}
