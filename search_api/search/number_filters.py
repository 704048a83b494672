"""Filters on the numbers of an article ("people killed, at least 1,000") as nested Elasticsearch clauses.

Each mention of `meta["numbers"]` is a nested object (`newsdesk.plugins.annotations.NumberMention`); a
`NumberFilter` matches an article when one mention satisfies all of its fields, and the filters of
a request are ANDed. What the bounds mean, for an analyst asking "at least 1,000 people killed":

- a single figure is compared by the figure the text states, whatever hedges it: "3,250",
  "about 3,250", "more than 1,000" (the toll is at least that) and "as many as 3,250" (the source's
  own figure for the toll) all satisfy `min` when the figure does;
- "fewer than 1,000" and "nearly 1,000" say the number is below the figure, so they satisfy
  `min` only when the figure is above it (`min < value`), and `max` when the figure is at most it;
- a range ("300-400") or a vague amount ("hundreds": 200-999) matches when its interval overlaps
  `[min, max]`: "hundreds" could be at least 500, it cannot be at least 1,000.

Without `kind`, bounds apply to quantities only, not to years, dates, times or ordinals. Percents
are ratios: 87 percent is 0.87. `counted` and `verb` are lemmatised as at index time ("people
killed" finds counted `people`, verb `kill`), by the same spaCy pipeline; the word as typed is
accepted too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsdesk.plugins.annotations import (
    NUMBERS_KEY,
    Change,
    Direction,
    Kind,
    NumberMention,
    Qualifier,
    fields_of,
)
from newsdesk.search_api.http.text_safety import SafeText

PATH = NUMBERS_KEY
INNER_HITS_PREFIX = "numbers_"
MAX_MATCHES_SHOWN = 5
SINGLE_FIGURES: tuple[Qualifier, ...] = ("exact", "about", "at_least", "up_to")
INTERVALS: tuple[Qualifier, ...] = ("range", "vague")
NOT_QUANTITIES: tuple[Kind, ...] = ("year", "date", "time", "ordinal")
MATCH_FIELDS = fields_of(NumberMention)

PartOfSpeech = Literal["noun", "verb"]
_FIELDS = ("counted", "verb", "kind", "change", "direction", "min", "max")
Lemmatiser = Callable[[str, PartOfSpeech], str]


class NumberFilter(BaseModel):
    """One condition on a number mention; every field given must hold for the same mention."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"counted": "people", "verb": "killed", "min": 1000}]},
    )

    counted: SafeText | None = Field(
        None, min_length=1, max_length=100, description='What is counted: "people".'
    )
    verb: SafeText | None = Field(None, min_length=1, max_length=100, description='The verb: "killed".')
    kind: Kind | None = Field(None, description="count, percent, money, duration, age, ...")
    change: Change | None = Field(None, description='Its part in a change: "from", "to", "by" (the amount).')
    direction: Direction | None = Field(None, description='The direction of that change: "up" or "down".')
    # NaN and infinities are not bounds (JSON has no such numbers, though Python's parser reads them).
    min: float | None = Field(
        None, allow_inf_nan=False, description="Lowest value; percents as ratios (0.5)."
    )
    max: float | None = Field(None, allow_inf_nan=False, description="Highest value.")

    @model_validator(mode="after")
    def says_something(self) -> NumberFilter:
        if all(getattr(self, name) is None for name in _FIELDS):
            msg = f"a number filter needs at least one of {', '.join(_FIELDS)}"
            raise ValueError(msg)
        if self.min is not None and self.max is not None and self.min > self.max:
            msg = f"min ({self.min}) is greater than max ({self.max})"
            raise ValueError(msg)
        return self


NumberMatch = NumberMention
"""A mention that satisfied a number filter, as a search hit shows it: the stored mention itself."""


_TEMPLATES: dict[PartOfSpeech, str] = {"noun": "There were 5 {}.", "verb": "They {} them."}
_TEMPLATE_OFFSET: dict[PartOfSpeech, int] = {"noun": 3, "verb": 1}


@lru_cache(maxsize=1024)
def lemmatise(word: str, pos: PartOfSpeech) -> str:
    """The lemma the indexer would store for `word` ("civilians" -> "civilian", "killed" -> "kill").

    The word is parsed in a short frame ("There were 5 civilians.") by the configured pipeline, so
    the tagger sees it in the role it has in articles; a phrase gives the lemma of its last word.
    """
    from newsdesk.plugins.nlp import parse
    from newsdesk.search_api.settings import get_settings

    phrase = " ".join(word.lower().split())
    doc = parse([_TEMPLATES[pos].format(phrase)], get_settings().spacy_model)[0]
    words = len(phrase.split())
    tokens = [t for t in doc[_TEMPLATE_OFFSET[pos] : _TEMPLATE_OFFSET[pos] + words] if not t.is_punct]
    return tokens[-1].lemma_.lower() if tokens else phrase


def _spellings(word: str, pos: PartOfSpeech, lemma: Lemmatiser) -> list[str]:
    typed = " ".join(word.lower().split())
    return sorted({typed, lemma(typed, pos)})


def bounds_clause(low: float | None, high: float | None) -> dict[str, Any] | None:
    """Mentions whose stated figure or interval satisfies `low <= x <= high` (see the module doc)."""
    if low is None and high is None:
        return None

    def between(field: str, gt: bool = False) -> dict[str, Any]:
        bounds = {key: v for key, v in (("gt" if gt else "gte", low), ("lte", high)) if v is not None}
        return {"range": {f"{PATH}.{field}": bounds}}

    overlap = [{"range": {f"{PATH}.high": {"gte": low}}}] if low is not None else []
    overlap += [{"range": {f"{PATH}.low": {"lte": high}}}] if high is not None else []
    return {
        "bool": {
            "should": [
                {
                    "bool": {
                        "filter": [{"terms": {f"{PATH}.qualifier": list(SINGLE_FIGURES)}}, between("value")]
                    }
                },
                {"bool": {"filter": [{"term": {f"{PATH}.qualifier": "at_most"}}, between("value", gt=True)]}},
                {"bool": {"filter": [{"terms": {f"{PATH}.qualifier": list(INTERVALS)}}, *overlap]}},
            ],
            "minimum_should_match": 1,
        }
    }


def number_clause(number: NumberFilter, name: str, lemma: Lemmatiser = lemmatise) -> dict[str, Any]:
    """A nested query for one filter, with `inner_hits` named `name` to show what matched."""
    conditions: list[dict[str, Any]] = []
    if number.counted is not None:
        conditions.append({"terms": {f"{PATH}.counted": _spellings(number.counted, "noun", lemma)}})
    if number.verb is not None:
        conditions.append({"terms": {f"{PATH}.verb": _spellings(number.verb, "verb", lemma)}})
    for field in ("kind", "change", "direction"):
        if (wanted := getattr(number, field)) is not None:
            conditions.append({"term": {f"{PATH}.{field}": wanted}})
    if (bounds := bounds_clause(number.min, number.max)) is not None:
        conditions.append(bounds)
    query: dict[str, Any] = {"bool": {"filter": conditions}}
    if number.kind is None and bounds is not None:
        query["bool"]["must_not"] = [{"terms": {f"{PATH}.kind": list(NOT_QUANTITIES)}}]
    return {
        "nested": {
            "path": PATH,
            "query": query,
            "inner_hits": {
                "name": name,
                "size": MAX_MATCHES_SHOWN,
                "_source": [f"{PATH}.{field}" for field in MATCH_FIELDS],
                "sort": [{f"{PATH}.start": "asc"}],
            },
        }
    }


def number_clauses(numbers: list[NumberFilter], lemma: Lemmatiser = lemmatise) -> list[dict[str, Any]]:
    """One nested clause per filter (AND across them), inner hits named numbers_0, numbers_1, ..."""
    return [number_clause(number, f"{INNER_HITS_PREFIX}{i}", lemma) for i, number in enumerate(numbers)]


def matched_numbers(hit: dict[str, Any]) -> list[dict[str, Any]]:
    """The mentions that satisfied the request's number filters, in text order, each once."""
    found: dict[tuple[Any, Any], dict[str, Any]] = {}
    for name, inner in (hit.get("inner_hits") or {}).items():
        if not name.startswith(INNER_HITS_PREFIX):
            continue
        for nested in inner["hits"]["hits"]:
            source = nested.get("_source") or {}
            mention = {field: source.get(field) for field in MATCH_FIELDS}
            found.setdefault((mention["start"], mention["end"]), mention)
    return [found[key] for key in sorted(found)]
