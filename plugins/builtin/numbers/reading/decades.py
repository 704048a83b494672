"""Decades written in words or as "'80s": "the eighties" is a span of years, "her sixties" an age.

A decade word needs "the" (a span of years, taken as the 1900s: "the eighties" -> 1980-1989) or a
possessive (an age: "in his sixties" -> 60-69, "in her 20s"); alone, "sixties" could be anything.
A second decade joined by "or"/"to" shares the first one's reading ("in her 20s or 30s"). Four-digit
decades ("the 1990s") are read with the other digits, in `mentions.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.plugins.builtin.numbers.schema import Mention

DECADES = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
           "eighties": 80, "nineties": 90}  # fmt: skip
_ONE_DECADE = rf"(?:(?:early|mid|late)[\s-]+)?(?:{'|'.join(DECADES)}|'[2-9]0s|(?<!')(?<=\s)[1-9]0s)\b"
_DECADE = re.compile(
    r"(?i)\b(?:(?P<the>the)|(?P<owner>his|her|their|my|your|our))\s+"
    rf"(?P<decades>{_ONE_DECADE}(?:\s+(?:or|to|and)\s+{_ONE_DECADE})?)"
)
_EACH = re.compile(rf"(?i)(?:{'|'.join(DECADES)})|'?(?P<digits>[1-9]0)s")


def find_decades(text: str) -> Iterator[Mention]:
    """Every decade in words: kind year (1980-1989) after "the", kind age (60-69) after a possessive."""
    for match in _DECADE.finditer(text):
        for each in _EACH.finditer(text, match.start("decades"), match.end("decades")):
            digits = each.group("digits")
            if match.group("the") and digits and not each.group().startswith("'"):
                continue  # "the 20s" could be a temperature: only "'20s" is a span of years
            tens = int(digits) if digits else DECADES[each.group().lower()]
            start, end = each.start(), each.end()
            if match.group("the"):
                yield Mention(text=text[start:end], start=start, end=end, kind="year", low=1900.0 + tens,
                              high=1909.0 + tens, qualifier="range")  # fmt: skip
            else:
                yield Mention(text=text[start:end], start=start, end=end, kind="age", low=float(tens),
                              high=tens + 9.0, qualifier="range", unit="year")  # fmt: skip
