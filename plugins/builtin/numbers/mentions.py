"""Find number mentions in text and read what they say, from the characters alone.

One left-to-right pass per pattern family; a character claimed by an earlier find (identifiers
first, then numbers inside names and match scores, dates, vague amounts, then numbers) is never read
twice; last, the figures that take part in a change are marked (`reading/changes.py`). Every
pattern is anchored and bounded, so the cost stays linear in the length of the article. Grammar
(what is counted, by which verb) is added later from the spaCy parse, in `grammar.py`.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from newsdesk.plugins.builtin.numbers.figures import CORE, read_figure
from newsdesk.plugins.builtin.numbers.reading.changes import mark_changes
from newsdesk.plugins.builtin.numbers.reading.dates import find_dates
from newsdesk.plugins.builtin.numbers.reading.decades import find_decades
from newsdesk.plugins.builtin.numbers.reading.furniture import NOT_QUANTITIES
from newsdesk.plugins.builtin.numbers.reading.measures import find_heights
from newsdesk.plugins.builtin.numbers.reading.names import numbers_in_names
from newsdesk.plugins.builtin.numbers.reading.parse_values import ORDINAL_WORDS, VAGUE_BOUNDS
from newsdesk.plugins.builtin.numbers.reading.qualifiers import alternation, bounded, qualified
from newsdesk.plugins.builtin.numbers.reading.scores import find_scores
from newsdesk.plugins.builtin.numbers.reading.shares import find_shares
from newsdesk.plugins.builtin.numbers.schema import Mention

_VAGUE = re.compile(rf"(?i)\b(?:{alternation(VAGUE_BOUNDS)}|a\s+couple(?=\s+of\b))\b")
# "second hand" (used goods) is no ordinal
_ORDINAL_WORD = re.compile(rf"(?i)\b(?:{alternation(ORDINAL_WORDS)})\b(?!(?<=second)[\s-]hand)")


def find_mentions(text: str, reference: dt.date | None = None) -> list[Mention]:
    """Every number mention in `text`, in text order, without grammar (counted, verb, sentence)."""
    claimed = bytearray(len(text))
    found: list[Mention] = []

    def claim(start: int, end: int) -> bool:
        if any(claimed[start:end]):
            return False
        claimed[start:end] = b"\x01" * (end - start)
        return True

    for match in NOT_QUANTITIES.finditer(text):
        claim(match.start(), match.end())
    for start, end in (*numbers_in_names(text), *find_scores(text)):  # claimed whatever they overlap
        claimed[start:end] = b"\x01" * (end - start)
    found.extend(m for m in find_dates(text, reference) if claim(m.start, m.end))
    for match in _VAGUE.finditer(text):
        mention = _vague(text, match)
        if claim(mention.start, mention.end):
            found.append(mention)
    found.extend(m for m in find_decades(text) if claim(m.start, m.end))
    found.extend(m for m in find_heights(text) if claim(m.start, m.end))
    for start, end, ratio in find_shares(text):
        share = qualified(text, bounded(text, start, end, "percent", ratio, unit="fraction"))
        if claim(share.start, share.end):
            found.append(share)
    for match in CORE.finditer(text):
        if any(claimed[match.start() : match.end()]):
            continue
        number = read_figure(text, match)
        if number is not None and claim(number.start, number.end):
            found.append(number)
    for match in _ORDINAL_WORD.finditer(text):
        if claim(match.start(), match.end()):
            value = float(ORDINAL_WORDS[match.group().lower()])
            found.append(bounded(text, match.start(), match.end(), "ordinal", value))
    return mark_changes(text, sorted((m for m in found if _storable(m)), key=lambda m: m.start))


def _storable(mention: Mention) -> bool:
    """False for a figure too large for a double (it would be inf, which Elasticsearch refuses)."""
    return all(v is None or math.isfinite(v) for v in (mention.value, mention.low, mention.high))


def _vague(text: str, match: re.Match[str]) -> Mention:
    low, high = (float(bound) for bound in VAGUE_BOUNDS.get(" ".join(match.group().lower().split()), (2, 3)))
    return Mention(text=match.group(), start=match.start(), end=match.end(), kind="count",
                   low=low, high=high, qualifier="vague")  # fmt: skip
