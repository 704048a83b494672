"""newsdesk's own answer extractor: candidates from the entity and number annotations of passages.

A candidate is a number mention (`numbers[]`) or entity mention (`entities[]`) inside one of the
best passages whose kind fits what the question asks. Its score (0..1) is how relevant its
passage is (question-term coverage of the sentence and its context), how close the question's
terms are to it, and how well it fits: the type, and for counts the counted noun and the verb
("How many civilians were killed" wants a count of civilians that were killed).

Usage:
    extractor = AnnotationExtractor()
    candidates = extractor.extract(question, passages)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from newsdesk.plugins.annotations import display_name, entity_key, mentions_question_name, name_key
from newsdesk.plugins.text import same_verb, stem, term_stems, terms_in, tokens
from newsdesk.plugins.types import ENTITY_LABELS, NUMBER_KINDS, Candidate, Passage, Question

# Labels that may answer a type, less surely than its own ("Who captured Raqqa?" -> an ORG).
SECONDARY_LABELS: dict[str, dict[str, float]] = {
    "person": {"ORG": 0.55, "NORP": 0.35},
    "organization": {"NORP": 0.5, "PERSON": 0.3, "GPE": 0.3},
    "place": {"ORG": 0.3},
    "group": {"ORG": 0.5},
}
QUALIFIER_FIT = {"exact": 1.0, "about": 0.95, "at_least": 0.9, "at_most": 0.9, "up_to": 0.9, "range": 0.8,
                 "vague": 0.55}  # fmt: skip
UNKNOWN_TYPE_FIT = 0.6
# A rate ("10,000 people a day") answers "how many", less surely than a count.
RATE_AS_COUNT_FIT = 0.85
PROXIMITY_SCALE = 4.0  # tokens: a question term this far from the answer counts 1/e as much
RELEVANCE_WEIGHT, PROXIMITY_WEIGHT = 0.6, 0.4


class AnnotationExtractor:
    """Finds answer candidates among the annotations the indexing pipeline stored."""

    name = "annotations"

    def __init__(self, passages: int = 30) -> None:
        self.passages = passages

    def extract(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]:
        if not (question.wants_number or question.wants_entity or question.expected == "unknown"):
            return []
        stems = term_stems(question)
        question_keys = {name_key(n) for n in question.names} | {
            name_key(a) for aliases in question.aliases.values() for a in aliases
        }
        found: list[Candidate] = []
        for passage in passages[: self.passages]:
            mentions = (question.wants_number and passage.article.numbers) or passage.article.entities
            for mention in mentions:
                if not passage.start <= int(mention.get("start", -1)) < passage.end:
                    continue
                if question.wants_number:
                    candidate = self._number(mention, passage, question, stems)
                else:
                    candidate = self._entity(mention, passage, question, stems, question_keys)
                if candidate is not None:
                    found.append(candidate)
        return found

    def _number(
        self, mention: dict[str, Any], passage: Passage, question: Question, stems: dict[str, frozenset[str]]
    ) -> Candidate | None:
        fit = number_fit(mention, passage, question)
        if fit is None or mention.get("text", "") in question.text:
            return None
        start, end = date_span(mention, passage.article.content)
        score = relevance(passage, question, stems, start, end, skip={question.counted}) * fit
        written = passage.article.content[start:end]
        qualified = start < int(mention["start"])  # "early June"
        return Candidate(
            key=number_key(mention),
            answer=written or str(mention.get("text", "")),
            kind=str(mention.get("kind")),
            score=round(score, 4),
            passage=passage,
            start=start,
            end=end,
            value=mention.get("value"),
            unit=mention.get("unit"),
            low=mention.get("low"),
            high=mention.get("high"),
            qualifier=mention.get("qualifier"),
            display=written if qualified else number_display(mention, passage.article.content),
            normalised=number_normalised(mention),
            extractor=self.name,
        )

    def _entity(
        self,
        mention: dict[str, Any],
        passage: Passage,
        question: Question,
        stems: dict[str, frozenset[str]],
        question_keys: set[str],
    ) -> Candidate | None:
        label = mention.get("label")
        if question.expected == "unknown":
            fit: float | None = UNKNOWN_TYPE_FIT  # "What ...?": a name may answer, less surely
        elif label in ENTITY_LABELS[question.expected]:
            fit = 1.0
        else:
            fit = SECONDARY_LABELS.get(question.expected, {}).get(str(label))
        if not fit or mentions_question_name(mention, question_keys):
            return None
        start, end = int(mention["start"]), int(mention["end"])
        own = {stem(w) for w, _, _ in tokens(str(mention.get("text", "")))}
        skip = {term for term, forms in stems.items() if forms & own}
        score = relevance(passage, question, stems, start, end, skip=skip) * fit
        name = display_name(mention)
        return Candidate(
            key=f"entity:{entity_key(mention)}",
            answer=name,
            kind=str(label),
            score=round(score, 4),
            passage=passage,
            start=start,
            end=end,
            display=name,
            normalised=name,
            extractor=self.name,
        )


def relevance(
    passage: Passage,
    question: Question,
    stems: dict[str, frozenset[str]],
    start: int,
    end: int,
    skip: set[str] | set[str | None],
) -> float:
    """How much the passage is about the question, and how near the answer the question's terms are."""
    sentence = list(tokens(passage.sentence, passage.start))
    at = next((i for i, (_, a, _) in enumerate(sentence) if a >= start), len(sentence))
    until = next((i for i, (_, a, _) in enumerate(sentence) if a >= end), len(sentence))
    nearest: dict[str, int] = {}
    for i, (word, _, _) in enumerate(sentence):
        if at <= i < until:
            continue  # the answer's own words do not vouch for it
        for term in terms_in({word}, stems):
            distance = at - i if i < at else i - until + 1
            nearest[term] = min(nearest.get(term, distance), distance)
    terms = [t for t in question.terms if t not in skip]
    total = sum(question.weight(t) for t in terms) or 1.0
    proximity = sum(question.weight(t) * math.exp(-(d - 1) / PROXIMITY_SCALE) for t, d in nearest.items()
                    if t in terms) / total  # fmt: skip
    return max(RELEVANCE_WEIGHT * max(passage.score, 0.0) + PROXIMITY_WEIGHT * proximity, 0.0)


def number_fit(mention: dict[str, Any], passage: Passage, question: Question) -> float | None:
    """How well a number mention fits what is asked; None when it cannot be the answer."""
    kind = mention.get("kind")
    rate_as_count = question.expected == "count" and kind == "rate"
    if kind not in NUMBER_KINDS[question.expected] and not rate_as_count:
        return None
    fit = QUALIFIER_FIT.get(str(mention.get("qualifier")), 0.8)
    if rate_as_count:
        fit *= RATE_AS_COUNT_FIT
    if question.counted:
        counted = mention.get("counted")
        if counted and stem(counted) != stem(question.counted):
            return None
        if not counted:
            fit *= 0.7
    if question.verb and question.expected == "count":
        verb = mention.get("verb")
        if same_verb(question.verb, verb):
            pass
        elif any(same_verb(question.verb, w) for w, _, _ in tokens(passage.sentence)):
            fit *= 0.85
        else:
            fit *= 0.5 if verb else 0.7
    return fit


def number_key(mention: dict[str, Any]) -> str:
    """Two mentions with the same key state the same figure."""
    kind = mention.get("kind")
    family = "date" if kind in NUMBER_KINDS["date"] else kind
    if mention.get("iso"):
        return f"{family}:{mention['iso']}"
    value = mention.get("value")
    amount = f"{value:g}" if value is not None else f"{mention.get('low')}-{mention.get('high')}"
    return f"{family}:{amount}:{mention.get('unit') or ''}"


_DATE_MODIFIER = re.compile(r"\b(?:early|mid|late)[\s-]+$", re.IGNORECASE)


def date_span(mention: dict[str, Any], content: str) -> tuple[int, int]:
    """A date's offsets, with the part of the period it names: "early June", "mid-2014", not
    "June", which says a month where the article says its first days."""
    start, end = int(mention["start"]), int(mention["end"])
    if mention.get("kind") in NUMBER_KINDS["date"]:
        before = _DATE_MODIFIER.search(content[max(start - 8, 0) : start])
        if before:
            start -= len(before.group(0))
    return start, end


_NUMBER_WORD_UNIT = re.compile(r"^(?P<n>[\w.,]+)[-\s](?P<unit>[a-z]+)(?:[-\s]long)?$", re.IGNORECASE)


def number_display(mention: dict[str, Any], content: str) -> str:
    """The figure as a reader would say it: "four months" for "four-month-long", "1,130 civilians"."""
    text = str(mention.get("text", ""))
    unit = mention.get("unit")
    if mention.get("kind") in {"duration", "age"} and unit and (match := _NUMBER_WORD_UNIT.match(text)):
        number = match.group("n")
        plural = mention.get("value") != 1
        word = match.group("unit").lower()
        word = word if word.endswith("s") or not plural else f"{word}s"
        return f"{number} {word}" + (" old" if mention.get("kind") == "age" and "old" in text else "")
    counted = mention.get("counted")
    if counted and mention.get("kind") == "count":
        following = re.match(r"\s+([A-Za-z][\w-]*)", content[int(mention["end"]) : int(mention["end"]) + 40])
        if following and stem(following.group(1)) == stem(counted):
            return f"{text} {following.group(1)}"
    return text


def number_normalised(mention: dict[str, Any]) -> str:
    """A canonical string of the value: "1130", "0.87", "4 month", "2014-01"."""
    if mention.get("iso"):
        return str(mention["iso"])
    value = mention.get("value")
    amount = (
        f"{value:g}"
        if value is not None
        else f"{mention.get('low'):g}-{mention.get('high'):g}"
        if (mention.get("low") is not None and mention.get("high") is not None)
        else str(mention.get("text"))
    )
    unit = mention.get("unit")
    return f"{amount} {unit}" if unit and unit != "percent" else amount
