"""Qualifiers written before a figure ("more than", "as many as", "nearly") and the bounds they give.

A mention's `low`/`high` follow from its qualifier: both for exact and approximate figures, `low`
for "more than", `high` for "up to" (see `schema.Mention`). Every reader of figures builds its
mentions through `bounded`, so that rule lives in one place.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from newsdesk.plugins.builtin.numbers.schema import Kind, Mention, Qualifier


def alternation(words: Iterable[str]) -> str:
    """Longest first, so 'seventeen' wins over 'seven'; spaces match any run of whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


QUALIFIERS: dict[str, Qualifier] = {
    "as many as": "up_to", "as much as": "up_to", "up to": "up_to",
    "more than": "at_least", "over": "at_least", "at least": "at_least", "upwards of": "at_least",
    "in excess of": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "just over": "at_least", "exceeding": "at_least",
    "fewer than": "at_most", "less than": "at_most", "under": "at_most", "at most": "at_most",
    "no more than": "at_most", "nearly": "at_most", "almost": "at_most", "just under": "at_most",
    "close to": "at_most",
    "about": "about", "around": "about", "some": "about", "roughly": "about", "approximately": "about",
    "an estimated": "about", "estimated": "about", "circa": "about", "more or less": "about",
    "between": "range",
}  # fmt: skip
_QUALIFIER_BEFORE = re.compile(rf"(?i)(?<![\w])(?:{alternation(QUALIFIERS)})\s+$")
# Words that qualify a figure but are prepositions before a year or a span of time:
# "about 2005", "over three days" (during them); grammar restores them for "about 2000 people".
PREPOSITION_QUALIFIERS = frozenset({"about", "around", "over", "under", "some"})
# "over" as the particle of a phrasal verb qualifies nothing: "knocked over six stores".
_PHRASAL_OVER = re.compile(
    r"(?i)\b(?:knock|hand|turn|tip|kick|push|pull|blow|blew|keel|fell|fall|bowl|roll|topple|flip|run|ran)"
    r"(?:s|ed|ing|ped|ping|led|ling|ned|ning)?\s+over\s+$"
)


def bounded(
    text: str,
    start: int,
    end: int,
    kind: Kind,
    value: float | None,
    qualifier: Qualifier = "exact",
    **fields: object,
) -> Mention:
    """A mention whose low/high follow from its qualifier (see `Mention`)."""
    low = high = None
    if qualifier in ("exact", "about"):
        low = high = value
    elif qualifier == "at_least":
        low = value
    elif qualifier in ("at_most", "up_to"):
        high = value
    return Mention(text=text[start:end], start=start, end=end, kind=kind, value=value,
                   low=low, high=high, qualifier=qualifier, **fields)  # type: ignore[arg-type]  # fmt: skip


def qualifier_before(text: str, start: int) -> re.Match[str] | None:
    """The qualifier written just before `start`, unless it is a verb's particle ("knocked over")."""
    before = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    if before is not None and _PHRASAL_OVER.search(text, max(0, start - 24), start):
        return None
    return before


def qualified(text: str, mention: Mention) -> Mention:
    """The mention widened to the qualifier written before it ("more than half"), if any."""
    before = qualifier_before(text, mention.start)
    if before is None or mention.value is None:
        return mention
    qualifier = QUALIFIERS[" ".join(before.group().lower().split())]
    if qualifier == "range":
        return mention
    widened = bounded(text, before.start(), mention.end, mention.kind, mention.value, qualifier)
    return dataclasses.replace(widened, unit=mention.unit, counted=mention.counted, verb=mention.verb)
