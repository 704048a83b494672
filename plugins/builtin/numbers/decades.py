"""Decades written in words or as "'80s": "the eighties" is a span of years, "her sixties" an age.

A decade word needs "the" (a span of years, taken as the 1900s: "the eighties" -> 1980-1989) or a
possessive (an age: "in his sixties" -> 60-69); alone, "sixties" could be anything. Four-digit
decades ("the 1990s") are read with the other digits, in `mentions.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from plugins.builtin.numbers.schema import Mention

DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
           "eighties": 80, "nineties": 90}  # fmt: skip
_DECADE = re.compile(
    r"(?i)\b(?:(?P<the>the)|(?P<owner>his|her|their|my|your|our))\s+(?:(?:early|mid|late)[\s-]+)?"
    rf"(?P<decade>{'|'.join(DECADES)}|'(?P<digits>[2-9]0)s)\b"
)


def find_decades(text: str) -> Iterator[Mention]:
    """Every decade in words: kind year (1980-1989) after "the", kind age (60-69) after a possessive."""
    for match in _DECADE.finditer(text):
        digits = match.group("digits")
        tens = int(digits) if digits else DECADES[match.group("decade").lower()]
        start, end = match.start("decade"), match.end("decade")
        if match.group("the"):
            yield Mention(text=text[start:end], start=start, end=end, kind="year", low=1900.0 + tens,
                          high=1909.0 + tens, qualifier="range")  # fmt: skip
        else:
            yield Mention(text=text[start:end], start=start, end=end, kind="age", low=float(tens),
                          high=tens + 9.0, qualifier="range", unit="year")  # fmt: skip
