"""Read publication metadata out of the boilerplate lines that are about to be removed.

The lines a reader skips (stamps, bylines, copyright footers, the dateline) are where a flattened
page keeps its title, date, publisher and authors; parsing them here means stripping them loses
nothing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

import dateparser

from newsdesk.plugins.builtin.boilerplate.lines import rules, stamp_rules
from newsdesk.plugins.builtin.boilerplate.lines.line_units import judged_part
from newsdesk.plugins.builtin.boilerplate.words import word_count

logger = logging.getLogger(__name__)

_FIELD_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_KEYED_FIELD = re.compile(r"^(?P<key>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2})\s*[:：]\s*(?P<value>.+)$")
_UPDATE_KEY = re.compile(rf"^(?:{stamp_rules.UPDATED_WORDS})\b", re.IGNORECASE)
_AUTHOR_KEYS = ("author", "authors", "by", "writer", "reporter")
_HAS_TIME = re.compile(r"\d{1,2}[:.h]\d\d|\d\s*[ap]\.?m\b", re.IGNORECASE)
_COPYRIGHT_HOLDER = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    # The atomic group takes an initial ("J.") whole and never re-reads it as a letter and a full
    # stop, so a line of "A.A.A..." has one reading instead of 2**n to backtrack through.
    r"(?P<holder>(?>\b[A-Z]\.|[^.,|]|\.(?=\S))+?)(?:\s*+,?\s*+\d{4})?"
    r"\s*+(?:[.,|](?=\s|$)|\ball rights reserved|$)",
    re.IGNORECASE,
)
_VISIT = re.compile(r"^visit\s+(?:the\s+(?=[A-Z]))?(?P<name>.+?)\s+at\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][\w.'’-]*$")
_NOT_A_PERSON = re.compile(
    r"\b(?:staff|correspondent|reporter|editor|writer|bureau|news|press|agency|times|post|desk|"
    r"reuters|afp|ap|xinhua|bloomberg|contributor)\b",
    re.IGNORECASE,
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_CAPS_PLACE = (
    r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,2})?"
)
_TITLE_PLACE = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}(?:,\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2})?"
_AGENCY = r"\((?P<agency>[A-Z][\w.&' -]{1,30})\)"
_DASH = r"\s*(?:--|—|–|-)\s+"
_DATELINES = (
    re.compile(rf"^(?P<place>{_CAPS_PLACE})(?:,\s*{_DAY_DATE})?\s*(?:{_AGENCY})?(?:{_DASH}|:\s+)(?=\S)"),
    re.compile(rf"^(?P<place>{_TITLE_PLACE})(?:,\s*{_DAY_DATE})?\s*{_AGENCY}(?:{_DASH}|\s+)(?=\S)"),
)


@dataclass
class PageFacts:
    """What the removed lines told us; the first value found for each wins."""

    published: list[datetime | str] = field(default_factory=list)
    dated: list[datetime | str] = field(default_factory=list)
    updated: list[datetime | str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    agency: str | None = None

    @property
    def published_at(self) -> str | None:
        # An explicit "Published" beats a bare date, which beats "Updated".
        values = [*self.published, *self.dated, *self.updated]
        if not values:
            return None
        return values[0] if isinstance(values[0], str) else to_iso(values[0])

    @property
    def source(self) -> str | None:
        return self.sources[0] if self.sources else self.agency


def to_iso(value: datetime) -> str:
    """ISO 8601, seconds precision, with the offset only when the page gave a time zone."""
    return value.replace(microsecond=0).isoformat()


def parse_date(text: str) -> datetime | str | None:
    """A date written any common way, in most languages; a date-only value stays a date."""
    text = text.strip(" ,;|-").removeprefix("on ").removeprefix("at ")
    if not text or not any(c.isdigit() for c in text):
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        value = dateparser.parse(text, settings={"PREFER_DATES_FROM": "past", "STRICT_PARSING": False})
    if value is None:
        logger.debug("No date found in stamp %r", text)
        return None
    return value if _HAS_TIME.search(text) else value.date().isoformat()


def read_stamp(line: str, facts: PageFacts) -> None:
    """Fields of a "Published: ... | Updated: ... | Source: ..." line, keyed or not."""
    for part in _FIELD_SEPARATORS.split(line.strip()):
        match = _KEYED_FIELD.match(part)
        key, value = (match.group("key").lower(), match.group("value")) if match else ("", part)
        if not match and (head := stamp_rules.STAMP_KEY.match(part)):
            key, value = head.group("key").lower(), part[head.end() :]
        if key == "source":
            facts.sources.append(value.strip())
        elif key in _AUTHOR_KEYS:
            facts.authors.extend(split_names(value))
        elif _UPDATE_KEY.match(key):
            _append_date(facts.updated, value)
        elif stamp_rules.STAMP_KEY.match(key):
            _append_date(facts.published, value)
        elif not key:
            _append_date(facts.dated, value)


def _append_date(target: list[datetime | str], text: str) -> None:
    value = parse_date(text)
    if value is not None:
        target.append(value)


def read_publisher(line: str, reason: str, facts: PageFacts) -> None:
    """The publisher named by a copyright or "Visit X at" footer."""
    pattern = _COPYRIGHT_HOLDER if reason == rules.COPYRIGHT else _VISIT
    match = pattern.match(line.strip())
    if not match:
        return
    name = match.group("holder" if reason == rules.COPYRIGHT else "name").strip(" .,")
    if 1 <= word_count(name) <= 6 and name[:1].isupper():
        facts.sources.append(name)


def split_names(text: str) -> list[str]:
    """People in a byline: "A, B and C" -> [A, B, C], leaving out desks, agencies and roles."""
    names = []
    for part in re.split(r"\s*(?:,|;|&|\band\b)\s*", text):
        words = part.split()
        is_name = 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words)
        if is_name and not _NOT_A_PERSON.search(part):
            names.append(" ".join(words))
    return names


def split_dateline(text: str) -> tuple[str, str, str | None] | None:
    """("DAMASCUS, Oct. 17 (Xinhua) --", "DAMASCUS", "Xinhua") for a sentence opening with a dateline."""
    for pattern in _DATELINES:
        match = pattern.match(text)
        if match and word_count(text[match.end() :]) >= 3:
            return match.group(0).strip(), match.group("place").strip(" ,"), match.group("agency")
    return None


def collect_facts(removed: list[tuple[str, str]]) -> PageFacts:
    """Everything the removed lines reveal, read in document order."""
    facts = PageFacts()
    for line, reason in removed:
        text = judged_part(line)
        if reason == rules.PUBLISH_STAMP:
            read_stamp(text, facts)
        elif reason in (rules.COPYRIGHT, rules.SYNDICATION):
            read_publisher(text, reason, facts)
        elif reason == rules.BYLINE:
            facts.authors.extend(split_names(stamp_rules.byline_names(text) or ""))
    return facts
