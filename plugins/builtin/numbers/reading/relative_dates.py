"""Dates that need the publication date to mean anything: "Tuesday", "yesterday", "in June".

News writes "said on Tuesday" for the Tuesday of the week it reports, so a weekday is the latest
such day on or before publication ("last Tuesday": strictly before; "next Tuesday": strictly
after), and a month without a year is the latest such month not after publication. The grammar
step moves a date into the future when its verb is ("will meet on Tuesday"). Every date resolved
this way is marked `resolved`; without a publication date a month stays partial (`--06`) and a
weekday has no ISO value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator

from newsdesk.plugins.builtin.numbers.schema import Mention

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip

# Capitalised weekdays only, and not inside names: "Super Tuesday", "the Sunday Times"; a time of
# day written with a capital makes a title ("Saturday Night Live"): prose says "Saturday night".
_WEEKDAY = re.compile(
    r"(?<!Super )(?<!Good )(?<!Black )(?<!Bloody )(?<!Easter )(?<!Palm )(?<!Ash )(?<!Cyber )"
    rf"\b(?:(?P<direction>[Ll]ast|[Nn]ext)\s+)?(?P<weekday>{'|'.join(WEEKDAYS)})\b(?!s\b|-)"
    r"(?!\s+(?:Times|Telegraph|Mirror|Express|Herald|Post|Mail|People|Sport|Tribune|Star|Independent)\b)"
    r"(?!\s+(?:Night|Morning|Evening|Afternoon)\b)"
)
_NEXT_DAY = re.compile(r"\b(?P<word>[Yy]esterday|[Tt]omorrow)\b")
# A month alone is a date only after a word that makes it one ("in May", not "Theresa May").
_MONTH_ALONE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|during|of|through|early|late|last|next|this)\s+|\bmid-)"
    rf"(?P<month>{'|'.join(MONTH_NAMES)})\b(?![\s,]*\d)"
)
# A month before a possessive is a date too ("at February's Grand Prix"), but "May's" is a name.
_MONTH_POSSESSIVE = re.compile(rf"\b(?P<month>{'|'.join(m for m in MONTH_NAMES if m != 'May')})(?=['’]s\b)")
_BETWEEN_WEEKDAY_AND_DATE = re.compile(r",?\s+")


def find_relative_dates(
    text: str, reference: dt.date | None, explicit: Iterable[Mention] = ()
) -> Iterator[Mention]:
    """Weekdays, yesterday/tomorrow and lone months; a weekday that heads a full date is skipped."""
    date_starts = {mention.start for mention in explicit}
    for match in _WEEKDAY.finditer(text):
        after = _BETWEEN_WEEKDAY_AND_DATE.match(text, match.end())
        if after is not None and after.end() in date_starts:  # "Sunday, 15 October, 2017"
            continue
        yield _dated(text, match.start(), match.end(), reference)
    for match in _NEXT_DAY.finditer(text):
        yield _dated(text, match.start(), match.end(), reference)
    for pattern in (_MONTH_ALONE, _MONTH_POSSESSIVE):
        for match in pattern.finditer(text):
            yield _dated(text, match.start("month"), match.end("month"), reference)


def resolve(text: str, reference: dt.date | None, *, future: bool = False) -> str | None:
    """The ISO 8601 date a relative expression names, seen from `reference`; None if it names none."""
    try:
        return _resolve(text, reference, future=future)
    except OverflowError:  # "tomorrow" seen from 9999-12-31: no such date
        return None


def _resolve(text: str, reference: dt.date | None, *, future: bool) -> str | None:
    words = text.split()
    last = words[-1].capitalize() if words else ""
    if last in WEEKDAYS:
        if reference is None:
            return None
        direction = words[0].lower() if len(words) > 1 else ("next" if future else "")
        shift = (WEEKDAYS.index(last) - reference.weekday()) % 7
        if direction == "next":
            return (reference + dt.timedelta(days=shift or 7)).isoformat()
        back = (reference.weekday() - WEEKDAYS.index(last)) % 7
        if direction == "last":
            back = back or 7
        return (reference - dt.timedelta(days=back)).isoformat()
    if last in ("Yesterday", "Tomorrow"):
        if reference is None:
            return None
        return (reference + dt.timedelta(days=1 if last == "Tomorrow" else -1)).isoformat()
    if last in MONTH_NAMES:
        month = MONTH_NAMES.index(last) + 1
        if reference is None:
            return f"--{month:02d}"
        year = reference.year
        if future and month < reference.month:
            year += 1
        elif not future and month > reference.month:
            year -= 1
        return f"{year:04d}-{month:02d}"
    return None


def in_future(mention: Mention, reference: dt.date | None) -> Mention:
    """The same relative date resolved forwards ("will meet on Tuesday")."""
    iso = resolve(mention.text, reference, future=True)
    return mention if iso is None else dataclasses.replace(mention, iso=iso)


def _dated(text: str, start: int, end: int, reference: dt.date | None) -> Mention:
    iso = resolve(text[start:end], reference)
    return Mention(text=text[start:end], start=start, end=end, kind="date", iso=iso,
                   resolved=reference is not None and iso is not None)  # fmt: skip
