"""Numbers that are part of a name or a title, not figures: "Ocean's Twelve", "57th Street", "24/7".

Claimed right after page furniture, before any figure is read. A number word written with a
capital in the middle of a sentence is part of a name: prose writes "four seasons", a name "the
Four Seasons Hotel", a title "Ocean's Eleven", "One Flew Over the Cuckoo's Nest". At the start of
a sentence, a line or a quotation the capital is only the sentence's ("Two men were held").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdesk.plugins.builtin.numbers.reading.parse_values import NUMBER_WORDS, ORDINAL_WORDS
from newsdesk.plugins.builtin.numbers.reading.qualifiers import alternation

_CAPITAL_WORD = rf"(?:{alternation(word.capitalize() for word in (*NUMBER_WORDS, *ORDINAL_WORDS))})\b"
_CAPITALISED_NUMBER = re.compile(rf"\b{_CAPITAL_WORD}(?:[ -]{_CAPITAL_WORD})*+")  # "Twenty-Two" as one
# What may stand between a sentence's end and its first word: spaces, opening quotes and brackets;
# a dash ends a dateline ("BOSTON (CBS) – Two people were killed").
_OPENING = " \t\"'“‘(["
_SENTENCE_END = frozenset(".!?:;\n-–—")
_LOOK_BACK = 12
# Ordinal streets and avenues ("1st Street", "57th Street"); US bankruptcy law's chapters, named by
# number ("emerged from Chapter 11 bankruptcy protection"); and digits joined by a slash that no
# date pattern took: "24/7", "9/11".
_NUMBERED_NAMES = re.compile(
    r"\b\d{1,3}(?:st|nd|rd|th)\s+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Precinct|Ward)\b"
    r"|\bChapter\s+\d{1,2}\b(?=\s+(?:bankruptcy|protection|filing)\b)"
    r"|(?<![\w/.,])\d{1,2}/\d{1,2}(?![\w/])"
)


def numbers_in_names(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of numbers that belong to names, titles and numbered places."""
    for match in _NUMBERED_NAMES.finditer(text):
        yield match.start(), match.end()
    for match in _CAPITALISED_NUMBER.finditer(text):
        if not _starts_sentence(text, match.start()):
            yield match.start(), match.end()


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - _LOOK_BACK) : start].rstrip(_OPENING)
    if not before:
        return True
    return before[-1] in _SENTENCE_END
