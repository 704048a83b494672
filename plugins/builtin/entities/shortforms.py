"""Short forms within one article: the full name a shortened mention stands for.

News introduces a name in full and shortens it afterwards: a person by surname ("Col. Ryan
Dillon" ... "Dillon", "Laura E. Crotty Alexander" ... "Crotty Alexander"), an organisation by
its head words ("Russian Orthodox Church" ... "the Church", "Cincinnati Bengals" ... "Bengals"),
anything by its initials ("Centers for Disease Control ..." ... "CDC"), defined or not, and a
place by its compass word ("North Korea" ... "the North"). Each
function returns the full-name span a mention shortens, or None; ambiguity returns None.
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.entities.names import (
    acronym_matches,
    core_key,
    fold_ascii,
    is_acronym,
    same_spelling,
)
from newsdesk.plugins.builtin.entities.spans import EntitySpan

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Types spaCy gives a surname it does not know ("Sasse" ORG, "Lebed" LOC).
_LOCATIVE = re.compile(r"\b(?:in|at|from|to|near|into|across|outside|inside|of|around|towards?)\s+$", re.I)
COMPASS_WORDS = frozenset({"North", "South", "East", "West"})
_SKIPPED_WORDS = frozenset({"of", "for", "and", "the", "in", "on", "de", "du", "des", "la", "le", "&", "to"})


def _words(span: EntitySpan, label: str) -> list[str]:
    return core_key(span.name, label).split()


def _nearest(mention: EntitySpan, matching: list[EntitySpan]) -> EntitySpan | None:
    """The nearest earlier full name, else the first later one; None when two different names fit."""
    if len({m.name for m in matching}) != 1:
        return None
    earlier = [m for m in matching if m.start < mention.start]
    return earlier[-1] if earlier else matching[0]


def person_short_form(
    content: str, mention: EntitySpan, label: str, people: list[EntitySpan]
) -> EntitySpan | None:
    """The person a mention shortens: its words end a full name ("Dillon", "Crotty Alexander"), or
    it is one of its words ("Kim" for "Kim Jong Un", "Crotty"), a surname spelt a little
    differently included ("Semintelli"). A word typed as a place counts only where no preposition makes it one
    ("in Washington")."""
    before = content[max(0, mention.start - 12) : mention.start]
    if label in PLACE_LABELS and not mention.title and _LOCATIVE.search(before):
        return None
    short = _words(mention, "PERSON")
    if not short:
        return None
    matching = []
    for person in people:
        full = _words(person, "PERSON")
        if len(full) <= len(short) or person.name == mention.name:
            continue
        tail = full[-len(short) :]
        one_word = len(short) == 1 and (short[0] in full or same_spelling(short[0], tail[0]))
        if tail == short or one_word:
            matching.append(person)
    if not matching:
        return None
    # The nearest earlier person, even when another with the same surname appears elsewhere.
    earlier = [p for p in matching if p.start < mention.start]
    return earlier[-1] if earlier else matching[0]


def organisation_short_form(
    mention: EntitySpan, label: str, organisations: list[EntitySpan]
) -> EntitySpan | None:
    """The organisation a mention names by its last words: "Church" for "Russian Orthodox Church",
    "Air Force" for "U.S. Air Force". Only organisations: "Sudan" does not shorten "South Sudan";
    and one word after "of" names a thing of its own ("Timbuktu" in "World Heritage Site of
    Timbuktu", "America" in "Bank of America"), while more may be the body ("Veterans Affairs")."""
    if label != "ORG" or is_acronym(mention.name):
        return None
    short = _words(mention, "ORG")
    matching = [
        org
        for org in organisations
        if len(full := _words(org, "ORG")) > len(short)
        and full[-len(short) :] == short
        and short
        and not (len(short) == 1 and full[-2] in _SKIPPED_WORDS)
    ]
    return _nearest(mention, matching)


def place_short_form(mention: EntitySpan, label: str, places: list[EntitySpan]) -> EntitySpan | None:
    """The place a bare compass word stands for: "the North" for the article's only "North Korea"."""
    if label == "PERSON" or mention.name not in COMPASS_WORDS:
        return None
    return _nearest(mention, [p for p in places if p.name.split()[0] == mention.name and " " in p.name])


def _initials(long_name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", fold_ascii(long_name).casefold()) if w]
    return "".join(w[0] for w in words if w not in _SKIPPED_WORDS)


def implicit_acronym(mention: EntitySpan, names: list[EntitySpan]) -> EntitySpan | None:
    """The name an undefined acronym abbreviates, when the article writes that name too: "CDC"
    for "Centers for Disease Control and Prevention" (the initials may stop short of the end)."""
    if not is_acronym(mention.name):
        return None
    letters = mention.name.replace(".", "").casefold()
    matching = [
        span
        for span in names
        if " " in span.name
        and (
            acronym_matches(mention.name, span.name)
            or (len(letters) >= 3 and _initials(span.name).startswith(letters))
        )
    ]
    return _nearest(mention, matching)
