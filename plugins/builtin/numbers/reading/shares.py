"""Shares of a whole written in words: "two-thirds", "a third of the workforce", "half of all".

Read as ratios, like percents (kind `percent`, unit `fraction`): "two-thirds" -> 0.667. Spaced
forms count only before "of" ("a third of"), since "a third term" is an ordinal; "half" only before
a determiner or "of" ("half the city"), since "the first half" is not a share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

NUMERATORS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9}  # fmt: skip
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip

_NUMERATOR = "|".join(NUMERATORS)
_DENOMINATOR = r"(?:halves|half|(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)s?)"
_SHARE = re.compile(
    rf"(?i)\b(?P<num>{_NUMERATOR})(?:-(?P<den>{_DENOMINATOR})\b|\s+(?P<spaced>{_DENOMINATOR})(?=\s+of\b))"
    rf"|\b(?P<half>half)(?=\s+(?:of|the|all|its|their|his|her|our)\b)"
)


def find_shares(text: str) -> Iterator[tuple[int, int, float]]:
    """(start, end, ratio) of every share written in words."""
    for match in _SHARE.finditer(text):
        if match.group("half"):
            yield match.start(), match.end(), 0.5
            continue
        denominator = (match.group("den") or match.group("spaced")).lower()
        singular = denominator if denominator in DENOMINATORS else denominator[:-1]
        numerator = NUMERATORS[match.group("num").lower()]
        yield match.start(), match.end(), numerator / DENOMINATORS[singular]
