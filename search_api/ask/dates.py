"""Dates in a request ("last month", "in October 2017", "since March", "before 2016") as a range.

Relative dates are read against `today`; a month named without a year is the latest such month
not after today. "last week" is the previous Monday to Sunday; "this week/month/year" run from
their start to today; "the past N days" hold N days ending today; "since X" and "after X" set only
the start (X's first day), "before X" only the end (the day before X starts).

Usage:
    found = find_dates("Reuters on Trump last week", today=date(2017, 10, 20))
    found.date_from, found.date_to, found.span   # 2017-10-09, 2017-10-15, (17, 26)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d\d"
# One point in time: "17 October 2017", "October 17, 2017", "October 2017", "October", "2017".
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WHEN = rf"(?:{_DAY} {_MONTH},? {_YEAR}|{_MONTH} {_DAY},? {_YEAR}|{_MONTH},? {_YEAR}|{_MONTH}|{_YEAR})"
_LEAD = r"(?:(?:published|posted|dated|written)\s+)?(?:(?:in|on|from|during|of)\s+)?(?:the\s+)?"

_SPAN = r"(?:past|last) (?P<n>\d+) (?P<unit>days?|weeks?|months?)"
RELATIVE = re.compile(
    rf"\b{_LEAD}(?P<rel>today|yesterday|(?:this|last|past) (?:week|month|year)|{_SPAN})\b", re.I
)
BETWEEN = re.compile(rf"\b{_LEAD}between (?P<a>{_MONTH}) and (?P<b>{_MONTH}),? (?P<year>{_YEAR})\b", re.I)
OPEN_ENDED = re.compile(rf"\b(?:published\s+)?(?P<op>since|after|before|until) (?P<when>{_WHEN})\b", re.I)
WITHIN = re.compile(rf"\b(?:published\s+)?(?P<prep>in|on|from|during) (?P<when>{_WHEN})\b", re.I)


@dataclass(frozen=True)
class FoundDates:
    date_from: date | None
    date_to: date | None
    span: tuple[int, int]
    label: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _latest_month(month: int, today: date) -> int:
    return today.year if month <= today.month else today.year - 1


def period(text: str, today: date) -> tuple[date, date] | None:
    """The first and last day of a point in time: a day, a month or a year."""
    words = text.strip().rstrip(".").replace(",", "")
    if re.fullmatch(_YEAR, words):
        return date(int(words), 1, 1), date(int(words), 12, 31)
    if words.lower().rstrip(".") in MONTHS:
        month = MONTHS[words.lower().rstrip(".")]
        year = _latest_month(month, today)
        return date(year, month, 1), _month_end(year, month)
    month_year = re.fullmatch(rf"({_MONTH}) ({_YEAR})", words, re.I)
    if month_year:
        month, year = MONTHS[month_year.group(1).lower().rstrip(".")], int(month_year.group(2))
        return date(year, month, 1), _month_end(year, month)
    day = dateparser.parse(words, languages=["en"], settings={"STRICT_PARSING": True})
    return (day.date(), day.date()) if day else None


def _relative(match: re.Match[str], today: date) -> tuple[date, date]:
    phrase = match.group("rel").lower()
    if phrase == "today":
        return today, today
    if phrase == "yesterday":
        return today - timedelta(days=1), today - timedelta(days=1)
    if match.group("n"):
        count, unit = int(match.group("n")), match.group("unit").lower().rstrip("s")
        days = {"day": count, "week": 7 * count, "month": 30 * count}[unit]
        return today - timedelta(days=days - 1), today
    which, unit = phrase.split()
    monday = today - timedelta(days=today.weekday())
    if unit == "week":
        return (
            (monday, today) if which == "this" else (monday - timedelta(days=7), monday - timedelta(days=1))
        )
    if unit == "month":
        if which == "this":
            return today.replace(day=1), today
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if which == "this":
        return date(today.year, 1, 1), today
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


def find_dates(text: str, today: date) -> FoundDates | None:
    """The date range a request names, and where it says so; None when it names none."""
    match = RELATIVE.search(text)
    if match:
        start, end = _relative(match, today)
        return FoundDates(start, end, match.span(), match.group(0).strip())
    match = BETWEEN.search(text)
    if match:
        year = int(match.group("year"))
        first, final = (MONTHS[match.group(g).lower().rstrip(".")] for g in ("a", "b"))
        return FoundDates(date(year, first, 1), _month_end(year, final), match.span(), match.group(0).strip())
    for pattern in (OPEN_ENDED, WITHIN):
        for match in pattern.finditer(text):
            found = period(match.group("when"), today)
            if found is None:
                continue
            start, end = found
            op = match.groupdict().get("op", "").lower()
            if op in {"since", "after"}:
                return FoundDates(start, None, match.span(), match.group(0).strip())
            if op in {"before", "until"}:
                last = start - timedelta(days=1) if op == "before" else end
                return FoundDates(None, last, match.span(), match.group(0).strip())
            return FoundDates(start, end, match.span(), match.group(0).strip())
    return None
