"""Match results are not figures: "a 2-1 win", "lost the first set 6-1", "6-7 (2-7) 7-6", "won 94-90".

A pair of small numbers joined by a dash whose first is not below its second is a score: a range is
written low to high ("300-400"), a result winner first. A pair next to a score (a tennis set lost,
"6-7", or its tie-break in brackets) is part of the same result. Four-digit years ("2003-04") and
pairs followed by a percent sign or a unit are left to the figure reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_PAIR = re.compile(
    r"(?<![\w.,$£€%-])\(?(?P<first>\d{1,3})-(?P<second>\d{1,3})\)?(?![\w%-]|\.\d|\s?(?:%|per\s?cent))"
)
_LARGEST_SCORE = 200
_BETWEEN_SETS = re.compile(r"\s{1,2}")


def find_scores(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of every score: winner-first pairs and the pairs written next to them."""
    pairs = list(_PAIR.finditer(text))
    is_score = [_winner_first(pair) for pair in pairs]
    spreading = True
    while spreading:  # a set lost between sets won: "6-3 6-7 (2-7) 7-6", from either side
        spreading = False
        for i in range(len(pairs)):
            if not is_score[i] and any(
                is_score[j] and _adjacent(text, pairs[min(i, j)], pairs[max(i, j)])
                for j in (i - 1, i + 1)
                if 0 <= j < len(pairs)
            ):
                is_score[i] = spreading = True
    for pair, score in zip(pairs, is_score, strict=True):
        if score:
            yield pair.start(), pair.end()


def _winner_first(pair: re.Match[str]) -> bool:
    first, second = int(pair.group("first")), int(pair.group("second"))
    return second <= first <= _LARGEST_SCORE


def _adjacent(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    return _BETWEEN_SETS.fullmatch(text, left.end(), right.start()) is not None
