"""Figure filters in a request ("where more than 1,000 people were killed") as `NumberFilter` fields.

"more than / over / at least / as many as / upwards of N" set `min`; "fewer than / less than /
under / at most / up to / no more than N" set `max`; "between A and B" both. The counted noun
and the verb are kept as written: the search lemmatises them as the index did.

Usage:
    [found] = find_figures("floods where more than 10,000 people were displaced")
    found.filter   # {"counted": "people", "verb": "displaced", "min": 10000.0}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

AT_LEAST = r"more than|over|at least|as many as|upwards of|no fewer than|no less than"
AT_MOST = r"fewer than|less than|under|at most|up to|no more than"
_NUMBER = r"\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million|billion))?"
_AUX = r"(?:(?:who|that)\s+)?(?:(?:were|was|have been|had been|are|got)\s+)?"
_VERB = r"[a-z]+ed"
_NOUN = r"[a-z]+"

# "more than 1,000 people were killed", "between 20 and 40 people died"
BEFORE_NOUN = re.compile(
    rf"\b(?:(?P<cmp>{AT_LEAST}|{AT_MOST})\s+(?P<n>{_NUMBER})|between\s+(?P<a>{_NUMBER})\s+and\s+(?P<b>{_NUMBER}))"
    rf"\s+(?P<noun>{_NOUN})\s+{_AUX}(?P<verb>{_VERB})\b",
    re.I,
)
# "fighters who surrendered in Raqqa, more than 300"
AFTER_VERB = re.compile(
    rf"\b(?P<noun>{_NOUN})\s+(?:in\s+\S+\s+)?(?:who|that)\s+(?:were\s+|was\s+)?(?P<verb>{_VERB})"
    rf"(?:\s+in\s+[A-Z][\w-]*)?,\s+(?P<cmp>{AT_LEAST}|{AT_MOST})\s+(?P<n>{_NUMBER})\b",
)
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}


@dataclass(frozen=True)
class FoundFigure:
    filter: dict[str, Any]
    span: tuple[int, int]
    label: str


def number(text: str) -> float:
    digits, _, scale = text.replace(",", "").partition(" ")
    return float(digits) * SCALES.get(scale.strip().lower(), 1.0)


def _bounds(match: re.Match[str]) -> dict[str, float]:
    if match.groupdict().get("a"):
        return {"min": number(match.group("a")), "max": number(match.group("b"))}
    bound = "min" if re.fullmatch(AT_LEAST, match.group("cmp"), re.I) else "max"
    return {bound: number(match.group("n"))}


def find_figures(text: str) -> list[FoundFigure]:
    found = []
    for pattern in (BEFORE_NOUN, AFTER_VERB):
        for match in pattern.finditer(text):
            fields = {"counted": match.group("noun").lower(), "verb": match.group("verb").lower()}
            found.append(FoundFigure({**fields, **_bounds(match)}, match.span(), match.group(0)))
    return found
