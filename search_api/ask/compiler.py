"""A request in words compiled into a search: words, facet filters, a date range, figure filters.

The compiled search comes with chips, one per part, which a front end shows and lets the user
remove. Names are matched longest first against the outlets and the entity registry (a short
name in capitals, "US", "IS", must be written so: "us" is a word); what no rule claims, and is
not a function word, is searched as words.

Usage:
    compiled = compile_request("articles from Xinhua in October 2017 where more than 1,000 people "
                               "were killed", vocabulary, today=date(2017, 10, 20))
    compiled.filters   # {"source": ["Xinhua"]}
    compiled.numbers   # [NumberFilter(counted="people", verb="killed", min=1000)]
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field
from spacy.lang.en.stop_words import STOP_WORDS

from newsdesk.search_api.ask.dates import find_dates
from newsdesk.search_api.ask.figures import find_figures
from newsdesk.search_api.ask.vocabulary import KnownEntity, Vocabulary
from newsdesk.search_api.search.number_filters import NumberFilter

FACET_OF_TYPE = {
    "PERSON": "people",
    "ORG": "organizations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
    "NORP": "groups",
}
# Words that say "find me news", not what the news is about.
REQUEST_WORDS = frozenset(
    [
        "articles",
        "article",
        "stories",
        "story",
        "news",
        "pieces",
        "piece",
        "show",
        "find",
        "everything",
        "published",
        "mentioning",
        "mention",
        "mentioned",
        "happened",
        "write",
        "wrote",
        "written",
    ]
)
MAX_NAME_WORDS = 6
SHORT_CAPITALS = 3  # "US", "IS", "UN" are words in lower case; "ISIS", "NATO" are not
TOKEN = re.compile(r"\w[\w'’-]*(?:\.\w[\w'’-]*)*\.?")


class Chip(BaseModel):
    kind: Literal["words", "filter", "date", "figure"]
    label: str = Field(description="What to show on the chip.")
    facet: str | None = None
    value: str | None = None


class CompiledSearch(BaseModel):
    ask: str
    query: str = Field(description="The words left to search for.")
    filters: dict[str, list[str]]
    date_from: date | None = None
    date_to: date | None = None
    numbers: list[NumberFilter] = Field(default_factory=list)
    chips: list[Chip] = Field(description="One per part of the compiled search, in the request's order.")


def _is_free(claimed: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return all(span[1] <= start or span[0] >= end for start, end in claimed)


def _matches(candidate: str, name: str) -> bool:
    letters = name.replace(".", "")
    if letters.isupper() and len(letters) <= SHORT_CAPITALS:  # "US", "IS", "U.N.": only in capitals
        return candidate.rstrip(".") == name.rstrip(".")
    return candidate.lower().rstrip(".") == name.lower().rstrip(".")


def _windows(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every sequence of up to MAX_NAME_WORDS tokens, longest first, with its span."""
    tokens = [m.span() for m in TOKEN.finditer(text)]
    found = []
    for size in range(min(MAX_NAME_WORDS, len(tokens)), 0, -1):
        for i in range(len(tokens) - size + 1):
            span = (tokens[i][0], tokens[i + size - 1][1])
            words = text[span[0] : span[1]]
            if all(w.lower().rstrip(".") in STOP_WORDS for w in words.split()) and not words.isupper():
                continue
            found.append((words, span))
    return found


def _names(text: str, vocabulary: Vocabulary) -> list[tuple[tuple[int, int], str, str]]:
    """(span, facet, value) for each outlet and entity named, longest names first."""
    windows = _windows(text)
    candidates = {w for w, _ in windows} | {w.rstrip(".") for w, _ in windows}
    sources = vocabulary.sources()
    entities: list[KnownEntity] = vocabulary.entities_named(candidates)
    named: list[tuple[tuple[int, int], str, str]] = []
    claimed: list[tuple[int, int]] = []
    for words, span in windows:
        if not _is_free(claimed, span):
            continue
        source = next((s for s in sources if _matches(words, s)), None)
        entity = next(
            (e for e in entities if e.type in FACET_OF_TYPE and any(_matches(words, n) for n in e.names)),
            None,
        )
        if source is not None:
            named.append((span, "source", source))
        elif entity is not None:
            named.append((span, FACET_OF_TYPE[entity.type], entity.name))
        else:
            continue
        claimed.append(span)
    return named


def compile_request(ask: str, vocabulary: Vocabulary, today: date) -> CompiledSearch:
    claimed: list[tuple[int, int]] = []
    parts: list[tuple[int, Chip]] = []
    dates = find_dates(ask, today)
    if dates is not None:
        claimed.append(dates.span)
        parts.append((dates.span[0], Chip(kind="date", label=dates.label)))
    numbers = []
    for figure in find_figures(ask):
        if _is_free(claimed, figure.span):
            claimed.append(figure.span)
            numbers.append(NumberFilter(**figure.filter))
            parts.append((figure.span[0], Chip(kind="figure", label=figure.label.strip())))
    filters: dict[str, list[str]] = {}
    # A figure's phrase may name a place ("fighters who surrendered in Raqqa, more than 300"): only
    # the date is hidden from the names ("May" is a month there, not Theresa May).
    date_spans = [dates.span] if dates else []
    masked = "".join(" " if not _is_free(date_spans, (i, i + 1)) else ch for i, ch in enumerate(ask))
    for span, facet, value in _names(masked, vocabulary):
        claimed.append(span)
        if value not in filters.setdefault(facet, []):
            filters[facet].append(value)
            parts.append((span[0], Chip(kind="filter", label=value, facet=facet, value=value)))
    words = [
        m.group(0).rstrip(".").lower()
        for m in TOKEN.finditer(ask)
        if _is_free(claimed, m.span()) and m.group(0).rstrip(".").lower() not in STOP_WORDS | REQUEST_WORDS
    ]
    query = " ".join(words)
    if query:
        parts.append((len(ask), Chip(kind="words", label=query)))
    return CompiledSearch(
        ask=ask,
        query=query,
        filters=filters,
        date_from=dates.date_from if dates else None,
        date_to=dates.date_to if dates else None,
        numbers=numbers,
        chips=[chip for _, chip in sorted(parts, key=lambda part: part[0])],
    )
