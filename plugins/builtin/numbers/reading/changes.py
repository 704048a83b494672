"""Changes the text reports: "rose 5% to 120", "fell from 11.2% to 9.6%", "up from £4.85".

A figure takes part in a change when a word of change governs its clause and a preposition says
which part it is: `by` (the amount: "rose by 5%", or right after the word, "rose 5%", "a 20 percent
increase"), `to` (the new level: "to $47.10", or "£5.05 an hour, up from £4.85") and `from` (the old
one). The direction is the word's: "rose", "up", "increase" go up; "fell", "cut", "down" go down.
A currency conversion in brackets right after a figure restates it and takes the same part
("rose 1% to £933m ($1.78bn)"). Without a word of change, "from X to Y" is a range (`figures.py`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from newsdesk.plugins.annotations import Direction
from newsdesk.plugins.builtin.numbers.schema import Mention

_UP = (
    r"ris(?:e[sn]?|ing)|rose|increas(?:e[sd]?|ing)|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|gr[eo]wn?|grows|growing"
    r"|gain(?:s|ed|ing)?|soar(?:s|ed|ing)?|surg(?:e[sd]?|ing)|rall(?:y|ied|ies)|advanc(?:e[sd]?|ing)"
    r"|add(?:s|ed|ing)?|boost(?:s|ed|ing)?|rais(?:e[sd]?|ing)|lift(?:s|ed|ing)?|hik(?:e[sd]?|ing)"
    r"|doubl(?:e[sd]?|ing)|up|higher"
)
_DOWN = (
    r"fall(?:s|en|ing)?|fell|dropp?(?:s|ed|ing)?|declin(?:e[sd]?|ing)|decreas(?:e[sd]?|ing)|slipp?(?:s|ed|ing)?"
    r"|slid(?:e|es|ing)?|shed(?:s|ding)?|cut(?:s|ting)?|slash(?:es|ed|ing)?|reduc(?:e[sd]?|ing)|lower(?:s|ed|ing)?"
    r"|plung(?:e[sd]?|ing)|plummet(?:s|ed|ing)?|tumbl(?:e[sd]?|ing)|slump(?:s|ed|ing)?|s[aiu]nk|sinks"
    r"|dipp?(?:s|ed|ing)?|eas(?:e[sd]|ing)|trimm?(?:s|ed|ing)?|halv(?:e[sd]?|ing)|down|lost|los(?:e|es|ing)"
)
_CHANGE_WORD = re.compile(rf"(?i)\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b")
# Where a clause ends, looking back from a figure: a sentence end, a semicolon, "while" or "but".
_CLAUSE_END = re.compile(r"[.!?]\s|;|\bwhile\b|\bbut\b|\bwhereas\b")
_LOOK_BACK = 90
# The preposition written just before a figure ("to ", "from its normal ", "by as much as " is in the span).
_ROLE_BEFORE = re.compile(
    r"(?i)\b(?P<role>to|from|by)\s+(?:(?:its|their|the|a|an)\s+)?(?:normal\s+|previous\s+)?$"
)
# Right after a word of change, the figure is its amount: "rose 5%", "closed up $2.80", "down 3%".
_AMOUNT_AFTER_WORD = re.compile(
    rf"(?i)\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\s+(?:(?:only|just|a\s+further)\s+)?$"
)
# A word of change right after a figure: "a 20 percent increase", "a 52% rise", "1% higher".
_WORD_AFTER = re.compile(
    r"(?i)\s+(?:pay\s+)?(?:(?P<up>increase|rise|jump|gain|hike|higher|up)|(?P<down>decrease|fall|drop|cut|decline|lower|down))\b"
    r"(?!\s+(?:to|from)\b)"
)
_UP_FROM_AFTER = re.compile(r"(?i)(?:\s+(?:a|an|per)\s+\w+)?,?\s+(?:(?P<up>up)|(?P<down>down))\s+from\b")
_TO_FIGURE = re.compile(r"\s+to\s+\S?\d")  # "rose 32,000 to 1.41 million": the count is the amount
_CONVERSION = re.compile(r"\s*\($")  # a figure right after "(": "£933m ($1.78bn)"
_AMOUNT_KINDS = frozenset({"percent", "money"})  # "fell 30ft" is a fall, "fell 3%" a change
_CHANGING_KINDS = frozenset({"count", "percent", "money", "quantity", "rate", "age"})


def _direction(match: re.Match[str]) -> Direction:
    return "up" if match.group("up") else "down"


def change_word_before(text: str, start: int) -> re.Match[str] | None:
    """The nearest word of change in the clause before `start`, if any."""
    window_start = max(0, start - _LOOK_BACK)
    window = text[window_start:start]
    ends = list(_CLAUSE_END.finditer(window))
    offset = window_start + (ends[-1].end() if ends else 0)
    last = None
    for last in _CHANGE_WORD.finditer(text, offset, start):  # noqa: B007  # the nearest is the last
        pass
    return last


def mark_changes(text: str, mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions, those that take part in a change with `change` and `direction` set."""
    out: list[Mention] = []
    for mention in mentions:
        marked = _marked(text, mention) if mention.kind in _CHANGING_KINDS else None
        if (
            marked is None
            and out
            and out[-1].change
            and _CONVERSION.fullmatch(text, out[-1].end, mention.start)
        ):
            marked = dataclasses.replace(mention, change=out[-1].change, direction=out[-1].direction)
        out.append(marked or mention)
    return out


def _marked(text: str, mention: Mention) -> Mention | None:
    before = text[max(0, mention.start - 40) : mention.start]
    if (role := _ROLE_BEFORE.search(before)) and (word := change_word_before(text, mention.start)):
        return dataclasses.replace(mention, change=role.group("role").lower(), direction=_direction(word))  # type: ignore[arg-type]
    if (follows := _UP_FROM_AFTER.match(text, mention.end)) is not None:
        return dataclasses.replace(mention, change="to", direction=_direction(follows))
    if mention.kind in _AMOUNT_KINDS or _TO_FIGURE.match(text, mention.end):
        if (word := _AMOUNT_AFTER_WORD.search(before)) is not None:
            return dataclasses.replace(mention, change="by", direction=_direction(word))
        if (after := _WORD_AFTER.match(text, mention.end)) is not None:
            return dataclasses.replace(mention, change="by", direction=_direction(after))
    return None
