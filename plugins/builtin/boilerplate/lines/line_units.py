"""The units the line classifier judges, and what each unit looks like on its own.

A unit is a non-empty line with its whitespace normalised, or several lines of a hard-wrapped
paragraph joined back together. The shape tests here (does it end a sentence, is it running
prose, is it in capitals) are shared by the rules that look at a unit's neighbours.
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.boilerplate.language import stop_word_density
from newsdesk.plugins.builtin.boilerplate.words import word_count

_FULL_STOPS = (".", "…", "。", "．", "।", "۔")
_TERMINAL = (*_FULL_STOPS, "!", "?", ":", ";", "！", "？", "：", "؟")
CLOSERS = "\"”’'»)]*」』） "
BULLET = re.compile(r"^(?:[-•*▪–]|\d{1,2}[.)])\s")
PROSE_MIN_WORDS = 8
_LONG_LINE_WORDS = 30
_MIN_WRAPPED_LINES = 8
_MAX_WRAP_WIDTH = 120
# Boilerplate lines are short; a longer unit is judged on its opening and its close, so no rule
# ever runs on (or backtracks through) a 200,000-character line.
MAX_JUDGED_CHARS = 2000


def split_units(text: str) -> list[str]:
    """Non-empty lines, whitespace-normalised; a hard-wrapped sentence is joined back together.

    A line continues the previous one when that one stops mid-sentence and either this one starts
    in lower case or the previous one reaches the wrap width of a hard-wrapped text.
    """
    lines = [" ".join(raw.split()) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    wrap_width = _wrap_width(lines)
    units: list[str] = []
    previous = ""
    for line in lines:
        if line and previous and not ends_sentence(previous):
            wrapped = wrap_width is not None and len(previous) >= wrap_width
            if line[0].islower() or wrapped:
                units[-1] = f"{units[-1]} {line}"
                previous = line
                continue
        if line:
            units.append(line)
        previous = line
    return units


def judged_part(unit: str) -> str:
    """What the rules look at: the unit itself, or the head and tail of a very long one."""
    if len(unit) <= MAX_JUDGED_CHARS:
        return unit
    half = MAX_JUDGED_CHARS // 2
    return f"{unit[:half]} {unit[-half:]}"


def _wrap_width(lines: list[str]) -> int | None:
    """The width at which a hard-wrapped text breaks its lines, or None if it is not wrapped.

    Wrapped text has many lines of nearly the same length, most not ending a sentence.
    """
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = [line for line in lines if line and len(line) >= 0.75 * width]
    open_ended = sum(not ends_sentence(line) for line in near)
    if width > _MAX_WRAP_WIDTH or len(near) < len(lengths) / 2 or open_ended < len(near) / 2:
        return None
    return int(0.75 * width)


def ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(_TERMINAL)


def ends_with_period(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(_FULL_STOPS)


def ends_with_colon(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith((":", "："))


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.9


def is_prose(text: str, language: str | None) -> bool:
    """Running text: a sentence of some length, or a long line that reads like one."""
    n_words = word_count(text)
    if n_words >= PROSE_MIN_WORDS and ends_sentence(text):
        return True
    density = stop_word_density(text, language)
    return n_words >= _LONG_LINE_WORDS and (density is None or density >= 0.15)


def opens_body(text: str, language: str | None) -> bool:
    """The first paragraph: prose ending in a full stop (headlines end in ?, ! or nothing)."""
    n_words = word_count(text)
    return (n_words >= PROSE_MIN_WORDS and ends_with_period(text)) or (
        n_words >= _LONG_LINE_WORDS and is_prose(text, language)
    )
