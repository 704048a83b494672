"""Sentences of an article's clean text, with offsets, for evidence and term proximity."""

from __future__ import annotations

import bisect
import re

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n{2,}")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; paragraphs always end a sentence."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        if text[start:end].strip():
            bounds.append((start, end))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text.rstrip())))
    return bounds


def sentence_at(bounds: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence holding `offset`."""
    starts = [start for start, _ in bounds]
    index = max(bisect.bisect_right(starts, offset) - 1, 0)
    return bounds[index] if bounds else (0, 0)
