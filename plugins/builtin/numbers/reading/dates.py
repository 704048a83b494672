"""Calendar dates and clock times written in prose ("Oct. 17", "15 October, 2017", "9:37pm").

Found before plain numbers so their digits are not read as counts. A date without a year takes the
year of the article's publication (the previous year if that would put it more than a week after
publication) and is marked `resolved`; with no publication date it stays a partial ISO 8601 date
such as `--10-17`. Weekdays, "yesterday" and lone months are in `relative_dates.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from newsdesk.plugins.builtin.numbers.reading.relative_dates import find_relative_dates
from newsdesk.plugins.builtin.numbers.schema import Mention, Qualifier

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Capitalised only: "may" and "march" are also ordinary words.
_MONTH = "(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\b\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?!\d|,\d)"

_ISO_DATE = re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w-])")
_DAY_MONTH = re.compile(rf"(?<![\w.,])\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}(?![\d]|,\d)(?:,?\s+{_YEAR})?")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}")
_CLOCK = re.compile(
    r"(?<![\w:.])(?P<hour>\d{1,2}):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
    r"(?:\s?(?P<ampm>[ap])\.?m\b\.?)?(?![\w:])",
    re.IGNORECASE,
)
# A four-digit clock needs its time zone or "hours" ("1700 GMT"); bare, "1700" is a count or a year.
_CLOCK_24 = re.compile(
    r"(?<![\w.,:])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s?"
    r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|ET|hrs|hours|local\s+time)\b"
)
_HOUR_AMPM = re.compile(r"(?<![\w:.,])(?P<hour>\d{1,2})\s?(?P<ampm>[ap])(?:\.m\.|m\b)", re.IGNORECASE)

_DATE_PATTERNS = (_ISO_DATE, _DAY_MONTH, _MONTH_DAY, _MONTH_YEAR)
_ABOUT_BEFORE = re.compile(r"(?i)\b(?:about|around|approximately|roughly|circa)\s+$")


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower()]


def _iso_date(year: int | None, month: int, day: int | None, reference: dt.date | None) -> str | None:
    """ISO 8601 for what the text states, filling a missing year from the publication date."""
    if day is None:
        return f"{year:04d}-{month:02d}" if year is not None else None
    if year is None and reference is not None:
        year = reference.year
        try:
            if dt.date(year, month, day) > reference + dt.timedelta(days=7):
                year -= 1
        except ValueError:
            return None
    try:
        dt.date(year if year is not None else 2000, month, day)  # 2000: a leap year accepts 29 Feb
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"--{month:02d}-{day:02d}"


def find_dates(text: str, reference: dt.date | None = None) -> Iterator[Mention]:
    """Yield every date, every time, then every relative date; the caller drops overlapping finds."""
    explicit = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            year = int(groups["year"]) if groups.get("year") else None
            day = int(groups["day"]) if groups.get("day") else None
            iso = _iso_date(year, _month_number(groups["month"]), day, reference)
            if iso is not None:
                explicit.append(
                    Mention(
                        text=match.group(),
                        start=match.start(),
                        end=match.end(),
                        kind="date",
                        iso=iso,
                        resolved=year is None and reference is not None,
                    )
                )
    yield from explicit
    for pattern in (_CLOCK, _HOUR_AMPM, _CLOCK_24):
        for match in pattern.finditer(text):
            iso = _iso_time(match.groupdict())
            if iso is not None:
                start = match.start()
                qualifier: Qualifier = "exact"
                if about := _ABOUT_BEFORE.search(text, max(0, start - 16), start):
                    start, qualifier = about.start(), "about"
                yield Mention(text=text[start : match.end()], start=start, end=match.end(), kind="time",
                              iso=iso, qualifier=qualifier)  # fmt: skip
    yield from find_relative_dates(text, reference, explicit)


def _iso_time(groups: dict[str, str | None]) -> str | None:
    hour = int(groups["hour"] or 0)
    minute = int(groups.get("minute") or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm and not 1 <= hour <= 12:
        return None
    if ampm == "p" and hour != 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    second = groups.get("second")
    return f"{hour:02d}:{minute:02d}" + (f":{second}" if second else "")


def reference_date(published_at: object) -> dt.date | None:
    """The publication date from `meta["published_at"]` (a date, datetime or ISO string), if any."""
    if isinstance(published_at, dt.datetime):
        return published_at.date()
    if isinstance(published_at, dt.date):
        return published_at
    if isinstance(published_at, str):
        try:
            return dt.date.fromisoformat(published_at[:10])
        except ValueError:
            return None
    return None
