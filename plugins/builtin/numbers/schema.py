"""The shape of one number mention, as stored in `meta["numbers"]` and indexed as a nested object.

One module holds the schema so the component, the mapping and the docs cannot drift apart.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Kind = Literal[
    "count", "percent", "money", "duration", "age", "ordinal", "year", "date", "time", "rate", "quantity"
]
Qualifier = Literal["exact", "about", "at_least", "at_most", "up_to", "range", "vague"]


@dataclass(frozen=True)
class Mention:
    """A number as written in the text, and what it means.

    `value` is the stated number (a ratio for percents: 87 percent -> 0.87); it is None for dates,
    times, ranges and vague amounts, whose meaning is in `iso` or `low`/`high`. `low`/`high` are the
    bounds the text states: both equal `value` for exact and approximate figures, one of them for
    "more than" (low) and "up to"/"fewer than" (high), both for ranges and vague words.
    `resolved` says that `iso` was completed from the publication date: "Tuesday", "yesterday",
    "in June" or "Oct. 17" name no year (or no day); without a publication date they stay partial
    (`--06`, `--10-17`) or, for weekdays, have no `iso` at all.
    """

    text: str
    start: int
    end: int
    kind: Kind
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    counted: str | None = None
    verb: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    iso: str | None = None
    resolved: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Elasticsearch mapping of one entry of `meta["numbers"]`; `iso` is a keyword because it may be partial.
MAPPING: dict[str, Any] = {
    "type": "nested",
    "properties": {
        "text": {"type": "keyword", "index": False},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "kind": {"type": "keyword"},
        "value": {"type": "double"},
        "low": {"type": "double"},
        "high": {"type": "double"},
        "qualifier": {"type": "keyword"},
        "unit": {"type": "keyword"},
        "counted": {"type": "keyword"},
        "verb": {"type": "keyword"},
        "sentence_start": {"type": "integer"},
        "sentence_end": {"type": "integer"},
        "iso": {"type": "keyword"},
        "resolved": {"type": "boolean"},
    },
}
