"""The shapes of the annotations the built-in processors store: `meta["numbers"]`, `meta["entities"]`.

Declared once, here, and read everywhere else: the processors write these dicts, their Elasticsearch
mappings are derived from the fields (`nested_mapping`), the number filters of `/search` and the QA
extractor read them, and the tables in docs/plugins.md are generated from them (`shape_table`; a
test checks the doc). A plugin reading another's annotations imports these, not the other plugin.

Entity names are compared through `name_key`, the one key the entity registry, the QA engine and
every extractor agree on.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, Literal, Protocol

Kind = Literal[
    "count", "percent", "money", "duration", "age", "ordinal", "year", "date", "time", "rate", "quantity"
]
Qualifier = Literal["exact", "about", "at_least", "at_most", "up_to", "range", "vague"]
Change = Literal["from", "to", "by"]
Direction = Literal["up", "down"]

NUMBERS_KEY = "numbers"
ENTITIES_KEY = "entities"


def _es(mapping: dict[str, Any], doc: str) -> dict[str, Any]:
    """A field's metadata: its Elasticsearch mapping and a one-line description."""
    return {"es": mapping, "doc": doc}


_KEYWORD = {"type": "keyword"}
_STORED = {"type": "keyword", "index": False}
_INT = {"type": "integer"}
_DOUBLE = {"type": "double"}


@dataclass(frozen=True)
class NumberMention:
    """A number as written in the text, and what it means: one entry of `meta["numbers"]`.

    `value` is the stated number (a ratio for percents: 87 percent -> 0.87); it is None for dates,
    times, ranges and vague amounts, whose meaning is in `iso` or `low`/`high`. `low`/`high` are the
    bounds the text states: both equal `value` for exact and approximate figures, one of them for
    "more than" (low) and "up to"/"fewer than" (high), both for ranges and vague words.
    `change` and `direction` say what a figure is in a change the text reports: "rose 5% to 120"
    gives `by`/`up` and `to`/`up`, "fell from 11.2% to 9.6%" `from`/`down` and `to`/`down`.
    `resolved` says that `iso` was completed from the publication date: "Tuesday", "yesterday",
    "in June" or "Oct. 17" name no year (or no day); without a publication date they stay partial
    (`--06`, `--10-17`) or, for weekdays, have no `iso` at all.
    """

    text: str = field(metadata=_es(_STORED, "the figure as written"))
    start: int = field(metadata=_es(_INT, "offset of the figure in the article text"))
    end: int = field(metadata=_es(_INT, "offset just past it"))
    kind: Kind = field(metadata=_es(_KEYWORD, "count, percent, money, age, year, date, time, ..."))
    value: float | None = field(default=None, metadata=_es(_DOUBLE, "the stated number; percents as ratios"))
    low: float | None = field(default=None, metadata=_es(_DOUBLE, "lowest value the text allows"))
    high: float | None = field(default=None, metadata=_es(_DOUBLE, "highest value the text allows"))
    qualifier: Qualifier = field(
        default="exact", metadata=_es(_KEYWORD, "exact, about, at_least, at_most, up_to, range, vague")
    )
    unit: str | None = field(default=None, metadata=_es(_KEYWORD, 'currency or unit: "USD", "km"'))
    counted: str | None = field(
        default=None, metadata=_es(_KEYWORD, 'lemma of the thing counted: "civilian"')
    )
    verb: str | None = field(default=None, metadata=_es(_KEYWORD, 'lemma of the verb it goes with: "kill"'))
    change: Change | None = field(
        default=None, metadata=_es(_KEYWORD, 'its part in a change: "from", "to", or "by" (the amount)')
    )
    direction: Direction | None = field(default=None, metadata=_es(_KEYWORD, 'of that change: "up", "down"'))
    sentence_start: int | None = field(default=None, metadata=_es(_INT, "offset of its sentence"))
    sentence_end: int | None = field(default=None, metadata=_es(_INT, "end of its sentence"))
    # a keyword, not a date: it may be partial ("--06")
    iso: str | None = field(
        default=None, metadata=_es(_KEYWORD, 'ISO 8601 date or time, maybe partial ("--06")')
    )
    resolved: bool = field(
        default=False, metadata=_es({"type": "boolean"}, "iso completed from the publication date")
    )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EntityMention:
    """A named entity mention: one entry of `meta["entities"]`.

    The tagger writes `text` to `form` (and `title` when a title came with a person's name); the
    resolver adds `canonical`, `entity_id` and moves the label it found in the article to
    `article_label` when the registry knows the entity by another type.
    """

    text: str = field(metadata=_es(_STORED, "the mention as written"))
    name: str = field(metadata=_es(_KEYWORD, "the cleaned name (titles, possessives dropped)"))
    label: str = field(metadata=_es(_KEYWORD, "PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, ..."))
    start: int = field(metadata=_es({"type": "integer", "index": False}, "offset in the article text"))
    end: int = field(metadata=_es({"type": "integer", "index": False}, "offset just past it"))
    form: str | None = field(
        default=None, metadata=_es(_STORED, 'the full name it stands for in this article ("SDF" -> ...)')
    )
    title: str | None = field(
        default=None, metadata=_es(_STORED, 'a title before a person\'s name ("President")')
    )
    article_label: str | None = field(
        default=None, metadata=_es(_STORED, "the label the article gave, when the registry's differs")
    )
    canonical: str | None = field(
        default=None, metadata=_es(_KEYWORD, "the canonical name of the entity (resolver)")
    )
    entity_id: str | None = field(
        default=None, metadata=_es(_KEYWORD, 'the canonical entity id, e.g. "gpe:raqqa" (resolver)')
    )


def fields_of(shape: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(shape))


def nested_mapping(shape: type) -> dict[str, Any]:
    """The Elasticsearch mapping of a list of `shape` entries, as a nested object."""
    return {
        "type": "nested",
        "properties": {f.name: dict(f.metadata["es"]) for f in dataclasses.fields(shape)},
    }


def shape_table(shape: type) -> str:
    """A Markdown table of the fields of `shape`: what docs/plugins.md shows."""
    rows = ["| field | type | indexed as | meaning |", "| --- | --- | --- | --- |"]
    for f in dataclasses.fields(shape):
        es = f.metadata["es"]
        indexed = es["type"] if es.get("index", True) else f"{es['type']} (stored, not searchable)"
        kind = str(f.type).replace("|", "or")
        rows.append(f"| `{f.name}` | `{kind}` | {indexed} | {f.metadata['doc']} |")
    return "\n".join(rows)


# How entity names meet: the entity plugin, the registry and the QA engine all use this key.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-", "‐": "-"})
_POSSESSIVE = re.compile(r"'s?$")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def fold_ascii(text: str) -> str:
    """Drop diacritics ("Mosul" for "Mösul"), unify quotes and dashes."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Case-, accent- and punctuation-blind key: "The U.S." -> "us", "SDF's" -> "sdf"."""
    text = fold_ascii(name).casefold().strip()
    text = _POSSESSIVE.sub("", text)
    text = re.sub(r"^the\s+", "", text)
    text = text.replace(".", "")  # "U.S." and "US" are one name, "St. Louis" and "St Louis" too
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def display_name(mention: dict[str, Any]) -> str:
    """The most specific name a mention has: canonical, else its full form, else as written."""
    return str(
        mention.get("canonical") or mention.get("form") or mention.get("name") or mention.get("text") or ""
    )


def entity_key(mention: dict[str, Any]) -> str:
    """What makes two mentions one entity: its id, else its canonical name, else its full name."""
    if mention.get("entity_id"):
        return f"id:{mention['entity_id']}"
    return name_key(display_name(mention))


def names_of(mention: dict[str, Any]) -> set[str]:
    """Every name a mention is known by."""
    return {str(mention[k]) for k in ("canonical", "form", "name", "text") if mention.get(k)}


def mentions_question_name(mention: dict[str, Any], question_keys: set[str]) -> bool:
    """Is this mention one of the names the question itself gives? (It cannot be the answer.)"""
    if entity_key(mention) in question_keys:
        return True
    return any(name_key(n) in question_keys for n in names_of(mention))


class Bounded(Protocol):
    """A figure with the bounds its text states: `value`, or `low`..`high` ("more than 1,000": low 1000)."""

    @property
    def value(self) -> float | None: ...
    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def qualifier(self) -> str | None: ...


PRECISE_QUALIFIERS = frozenset({"exact", "about", None})
"""Qualifiers of figures precise enough to contradict another ("hundreds" contradicts nothing)."""


def figure_bounds(figure: Bounded) -> tuple[float, float]:
    """The interval a figure allows: 'as many as 3,250' is (-inf, 3250], 'more than 1,000' [1000, inf)."""
    low = figure.low if figure.low is not None else figure.value
    high = figure.high if figure.high is not None else figure.value
    return (low if low is not None else float("-inf"), high if high is not None else float("inf"))


def bounds_disjoint(a: Bounded, b: Bounded) -> bool:
    """Can two figures not both be true? Only precise ones are held to it: 'hundreds' never is."""
    if a.qualifier not in PRECISE_QUALIFIERS or b.qualifier not in PRECISE_QUALIFIERS:
        return False
    (a_low, a_high), (b_low, b_high) = figure_bounds(a), figure_bounds(b)
    return a_high < b_low or b_high < a_low
