"""What a question asks for: the kind of answer, the counted thing, the verb, the key terms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plugins.builtin.spacy_parse import parse

# Expected answer kind -> number kinds or entity labels that can answer it.
NUMBER_KINDS = {
    "count": {"count"},
    "money": {"money"},
    "percent": {"percent"},
    "duration": {"duration"},
    "age": {"age"},
    "date": {"date", "year", "time"},
}
ENTITY_LABELS = {
    "person": {"PERSON"},
    "organization": {"ORG"},
    "place": {"GPE", "LOC", "FAC"},
}

_PATTERNS = (
    (
        r"^\s*how\s+much\s+(money|did\s+\w+\s+cost)|\bhow\s+much\s+.*\b(cost|pay|paid|spend|spent|worth)\b",
        "money",
    ),
    (r"^\s*how\s+(many|much)\b", "count"),
    (r"^\s*how\s+long\b", "duration"),
    (r"^\s*how\s+old\b", "age"),
    (r"\b(what|which)\s+(percent|percentage|proportion|share)\b|\bhow\s+many\s+percent\b", "percent"),
    (r"^\s*when\b|\b(what|which)\s+(year|date|day|month)\b", "date"),
    (r"^\s*who\b|\b(what|which)\s+(person|spokesman|spokeswoman|spokesperson|official|leader)\b", "person"),
    (
        r"\b(what|which)\s+(organi[sz]ation|group|agency|monitor|militia|force|forces|party|company)\b",
        "organization",
    ),
    (r"^\s*where\b|\b(what|which)\s+(city|town|country|province|place|region)\b", "place"),
)
_QUESTION_WORDS = {
    "how",
    "many",
    "much",
    "long",
    "old",
    "what",
    "which",
    "who",
    "whom",
    "when",
    "where",
    "why",
}


@dataclass(frozen=True)
class QuestionAnalysis:
    text: str
    expected: str  # a key of NUMBER_KINDS or ENTITY_LABELS, or "unknown"
    counted: str | None  # lemma of the thing counted ("civilian")
    verb: str | None  # lemma of the main verb ("kill")
    terms: tuple[str, ...]  # lowercased lemmas of the content words
    names: tuple[str, ...]  # entity names the question mentions

    @property
    def wants_number(self) -> bool:
        return self.expected in NUMBER_KINDS


def expected_kind(question: str) -> str:
    lowered = question.lower()
    for pattern, kind in _PATTERNS:
        if re.search(pattern, lowered):
            return kind
    return "unknown"


def analyse(question: str, model: str) -> QuestionAnalysis:
    doc = parse([question], model)[0]
    expected = expected_kind(question)
    counted = None
    for token in doc:
        if token.lower_ in {"many", "much"} and token.head.pos_ in {"NOUN", "PROPN"} and token.head != token:
            counted = token.head.lemma_.lower()
            break
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in {"be", "have", "do"}]
    verb = verbs[0].lemma_.lower() if verbs else None
    terms = tuple(
        t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop and t.lower_ not in _QUESTION_WORDS
    )
    names = tuple(ent.text for ent in doc.ents)
    return QuestionAnalysis(question, expected, counted, verb, terms, names)
