"""Measures the digit scanner would split or misread: heights ("5-foot-8"), pounds of weight, metres.

"5-foot-8" is one height, five feet eight inches (5.667 ft), not a 5 and an 8. "Pounds" is a
currency in Britain and a weight in America; after a bare figure it is read as a weight when the
words around it speak of weight or size ("6 feet and 250 pounds", "body weight ... 3.8 pounds"),
and as money otherwise ("£" and "sterling" always mean money). An "m" written against digits is a
million ("1.4m workers", "35m of its devices", "1.2m tons") unless the words around it speak of a
distance or a race ("the 100m hurdles", "10,000m hope", "clear the bar at 5.45m").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.plugins.builtin.numbers.schema import Mention

_HEIGHT = re.compile(
    r"(?i)(?<![\w.,-])(?P<feet>[1-9])(?:[\s-]?(?:foot|feet|ft)\b[\s-]?|'\s?)(?P<inches>1[01]|[0-9])"
    r"(?:[\s-]?(?:inch(?:es)?\b|in\b|\")|(?![\w.,]))"
)
_WEIGHT_WORDS = re.compile(
    r"(?i)\b(?:weigh\w*|weight\w*|heav(?:y|ier|iest)|feet|foot|ft|inches|tall|height|lbs?|kg|kilos?"
    r"|kilograms?|stones?|obese|overweight|body)\b|\b\d-foot\b"
)
_MONEY_WORDS = re.compile(r"(?i)£|\bsterling\b")
_WINDOW = 80
_DISTANCE_WORDS = re.compile(
    r"(?i)\b(?:metres?|meters?|tall|high|height|long|length|deep|depth|wide|width|vault\w*|jump\w*|throw\w*"
    r"|hurdles?|sprint\w*|rac(?:e|es|ing)|athlet\w*|olympic\w*|swim\w*|track|marathon|relay|pole|bar"
    r"|freestyle|backstroke|breaststroke|butterfly|medley|steeplechase|runners?|sprinters?|title|final|heats?"
    r"|medal\w*|record|champion\w*|indoors?|outdoors?|ft|feet|foot|inch(?:es)?|km|miles?|kilomet\w*)\b"
    r"|\b\d+x\d+m\b|\d\s?(?:ft|km)\b"  # a relay ("4x100m"), a length beside it ("30ft (9m)")
)


def find_heights(text: str) -> Iterator[Mention]:
    """Every height written in feet and inches, as one quantity in feet."""
    for match in _HEIGHT.finditer(text):
        feet = int(match.group("feet")) + int(match.group("inches")) / 12
        yield Mention(text=match.group(), start=match.start(), end=match.end(), kind="quantity",
                      value=feet, low=feet, high=feet, unit="ft")  # fmt: skip


def pounds_of_weight(text: str, start: int, end: int) -> bool:
    """Whether 'pounds' at text[start:end] weighs rather than pays, from the words around it."""
    window = text[max(0, start - _WINDOW) : end + _WINDOW]
    return _WEIGHT_WORDS.search(window) is not None and _MONEY_WORDS.search(window) is None


def metres_not_millions(text: str, start: int, end: int, value: float) -> bool:
    """Whether the 'm' of text[start:end] ("100m", "1.4m") is metres rather than a million."""
    window = text[max(0, start - _WINDOW) : end + _WINDOW]
    return _DISTANCE_WORDS.search(window) is not None
