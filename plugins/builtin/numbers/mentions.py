"""Find number mentions in text and read what they say, from the characters alone.

One left-to-right pass per pattern family; a character claimed by an earlier find (identifiers
first, then dates, vague amounts, then numbers) is never read twice. Every pattern is anchored
and bounded, so the cost stays linear in the length of the article. Grammar (what is counted, by
which verb) is added later from the spaCy parse, in `grammar.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from plugins.builtin.numbers.dates import find_dates
from plugins.builtin.numbers.parse_values import (
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    MULTIPLIERS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    QUANTITY_UNITS,
    VAGUE_BOUNDS,
    duration_unit,
    multiplier,
    parse_digits,
    parse_words,
    quantity_unit,
)
from plugins.builtin.numbers.schema import Kind, Mention, Qualifier


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so 'seventeen' wins over 'seven'; spaces match any run of whitespace."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# Things that contain digits but are not quantities: links, e-mail, phone numbers, tracking
# numbers, list markers, and model or code names such as F-16, A380, H5N1 or COVID-19 ("mid-2014" is a year).
_IDENTIFIERS = re.compile(
    r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.]+"  # lookbehinds: one try per run
    r"|(?<![\w.-])(?:[\w-]++\.)++(?:com|org|net|gov|edu|info|io|co|uk)\b(?:/\S*)?"
    r"|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}"
    r"|\(\d{2,4}\)\s?\d{3,4}[-.\s]\d{3,5}"
    r"|(?<![\w-])\d{2,5}[-.]\d{3,4}[-.]\d{3,5}(?![\w-])"
    r"|(?m:^[ \t]*\d{1,3}[.)](?=\s))"  # list markers of comment threads: "1. There you go"
    r"|(?<![\d,.])\d{8,}"
    r"|(?<![\d,.:-])0\d+(?![:\d])"
    r"|(?<![\w-])(?!(?:mid|pre|post|early|late)-)[A-Za-z]+[-/]?\d[\w/-]*"
)

# "and" joins number words only after a scale word: "one hundred and twenty", not "two and three".
_AND_AFTER_SCALE = (
    "(?:" + "|".join(f"(?<={w})" for w in ("hundred", "thousand", "million", "billion")) + r")\s+and\s+"
)
_WORD_NUMBER = rf"(?:{_alternation([*NUMBER_WORDS, 'dozen'])})\b"
_CORE = re.compile(
    r"(?<![\w.,#/\\@])(?:"
    r"(?P<digits>\d{1,3}(?:,\d{3})++(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>[A-Za-z]+)?(?![\w]|\.\d)"
    rf"|(?P<words>(?i:(?:\ba\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"\b{_WORD_NUMBER}(?:(?:{_AND_AFTER_SCALE}|\s+|-){_WORD_NUMBER})*+))"
    r")"
)
_VAGUE = re.compile(rf"(?i)\b(?:{_alternation(VAGUE_BOUNDS)})\b")
_ORDINAL_WORD = re.compile(rf"(?i)\b(?:{_alternation(ORDINAL_WORDS)})\b")

_QUALIFIERS: dict[str, Qualifier] = {
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
_QUALIFIER_BEFORE = re.compile(rf"(?i)(?<![\w])(?:{_alternation(_QUALIFIERS)})\s+$")
_AGED_BEFORE = re.compile(r"(?i)\baged\s+$")
_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")

_MULTIPLIER_AFTER = re.compile(rf"\s?(?P<word>{_alternation(MULTIPLIERS)})\b")
_RANGE_AFTER = re.compile(r"\s?(?:-|–|—)\s?|\s+to\s+")
_DASH_AFTER = re.compile(r"\s?(?:-|–|—)\s?")  # after "from", "to" marks a change: "rose from 300 to 400"
_AND_AFTER = re.compile(r"\s+and\s+")
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s?cent\b|pc\b)", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(rf"\s+(?:US\s+)?(?P<word>{_alternation(CURRENCY_WORDS)})\b", re.IGNORECASE)
_AGE_AFTER = re.compile(r"(?:-|\s)years?(?:-|\s)old\b", re.IGNORECASE)
_DURATION_AFTER = re.compile(
    r"(?:\s?-\s?|\s)(?P<unit>(?:second|minute|hour|day|week|month|year|decade)s?|century|centuries)\b"
    r"(?:-long\b|\s+long\b)?",
    re.IGNORECASE,
)
_QUANTITY_AFTER = re.compile(rf"\s?(?P<unit>{_alternation(QUANTITY_UNITS)})\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(rf"(?:{_alternation(CURRENCY_SIGNS)})\s?$")


def find_mentions(text: str, reference: dt.date | None = None) -> list[Mention]:
    """Every number mention in `text`, in text order, without grammar (counted, verb, sentence)."""
    claimed = bytearray(len(text))
    found: list[Mention] = []

    def claim(start: int, end: int) -> bool:
        if any(claimed[start:end]):
            return False
        claimed[start:end] = b"\x01" * (end - start)
        return True

    for match in _IDENTIFIERS.finditer(text):
        claim(match.start(), match.end())
    found.extend(m for m in find_dates(text, reference) if claim(m.start, m.end))
    for match in _VAGUE.finditer(text):
        mention = _vague(text, match)
        if claim(mention.start, mention.end):
            found.append(mention)
    for match in _CORE.finditer(text):
        if any(claimed[match.start() : match.end()]):
            continue
        number = _number_expression(text, match)
        if number is not None and claim(number.start, number.end):
            found.append(number)
    for match in _ORDINAL_WORD.finditer(text):
        if claim(match.start(), match.end()):
            value = float(ORDINAL_WORDS[match.group().lower()])
            found.append(_mention(text, match.start(), match.end(), "ordinal", value))
    return sorted(found, key=lambda m: m.start)


def _mention(
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


def _vague(text: str, match: re.Match[str]) -> Mention:
    low, high = (float(bound) for bound in VAGUE_BOUNDS[" ".join(match.group().lower().split())])
    return Mention(text=match.group(), start=match.start(), end=match.end(), kind="count",
                   low=low, high=high, qualifier="vague")  # fmt: skip


def _core_value(match: re.Match[str]) -> float | None:
    if match.group("digits"):
        return parse_digits(match.group("digits"))
    words = match.group("words")
    if words.lower().split()[-1] == "dozen":
        rest = words.rsplit(None, 1)[0] if " " in words.strip() else "one"
        base = parse_words(rest)
        return None if base is None else base * 12
    return parse_words(words)


def _scaled(
    text: str, match: re.Match[str], *, currency: bool
) -> tuple[float | None, int, str | None, float]:
    """A core with its scale word ("1.5 million", "2bn"): value, end, unread suffix, factor applied."""
    value = _core_value(match)
    end = match.end()
    suffix = (match.group("suffix") or "").lower() if match.group("digits") else ""
    if value is None:
        return None, end, suffix or None, 1.0
    if suffix:
        factor = multiplier(suffix, currency=currency)
        if factor is None:
            return value, end, suffix, 1.0
        return value * factor, end, None, factor
    if match.group("digits") and (scale := _MULTIPLIER_AFTER.match(text, end)):
        factor = multiplier(scale.group("word"), currency=currency)
        if factor is not None:
            return value * factor, scale.end(), None, factor
    return value, end, None, 1.0


def _number_expression(text: str, core: re.Match[str]) -> Mention | None:
    """Read a number outwards from its digits or words: currency, qualifier, range, unit."""
    start = core.start()
    sign = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
    currency = CURRENCY_SIGNS[sign.group().strip()] if sign else None
    if sign:
        start = sign.start()
    value, end, suffix, factor = _scaled(text, core, currency=currency is not None)
    if value is None:
        return None
    qualifier_match = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
    qualifier: Qualifier = "exact"
    if qualifier_match:
        qualifier = _QUALIFIERS[" ".join(qualifier_match.group().lower().split())]
        start = qualifier_match.start()

    if suffix is not None:
        return _suffixed(text, core, start, qualifier, value, suffix)

    joint = _AND_AFTER if qualifier == "range" else None
    if joint is None and _FROM_BEFORE.search(text, max(0, start - 8), start):
        joint = _DASH_AFTER
    low, high, end = _range(text, end, value, joint=joint, currency=currency is not None, scaled=factor != 1)
    if high is None and qualifier == "range":  # "between" without "and": not a range after all
        qualifier, start = "exact", core.start() if not sign else sign.start()
    if high is not None:
        qualifier = "range"
    kind, unit, end = _kind_and_unit(text, end, currency)
    if kind is None and _AGED_BEFORE.search(text, max(0, start - 8), start):
        kind, unit = "age", "year"
    if kind is None:
        kind = "year" if _looks_like_year(core, value, low, high, qualifier) else "count"
    if kind == "percent":
        value, low, high = (None if x is None else x / 100 for x in (value, low, high))
    if qualifier == "range":
        return Mention(text=text[start:end], start=start, end=end, kind=kind, low=low, high=high,
                       qualifier="range", unit=unit)  # fmt: skip
    return _mention(text, start, end, kind, value, qualifier, unit=unit)


def _suffixed(
    text: str, core: re.Match[str], start: int, qualifier: Qualifier, value: float, suffix: str
) -> Mention | None:
    """Digits with letters attached: ordinals (17th), decades (1990s), units (5km); else a code."""
    end = core.end()
    digits = core.group("digits")
    if suffix in ("st", "nd", "rd", "th") and digits.isdigit():
        return _mention(text, core.start(), end, "ordinal", value)
    if suffix == "s" and len(digits) == 4 and digits.endswith("0"):
        return Mention(text=text[core.start() : end], start=core.start(), end=end, kind="year",
                       low=value, high=value + 9, qualifier="range")  # fmt: skip
    if (unit := quantity_unit(suffix)) is not None:
        return _mention(text, start, end, "quantity", value, qualifier, unit=unit)
    return None


def _range(
    text: str, end: int, low: float, *, joint: re.Pattern[str] | None, currency: bool, scaled: bool
) -> tuple[float | None, float | None, int]:
    """A second number after a dash or 'to' (or `joint`): (low, high, end), or no high if none."""
    joined = (joint or _RANGE_AFTER).match(text, end)
    if joined is None:
        return None, None, end
    second = _CORE.match(text, joined.end())
    if second is None:
        return None, None, end
    high, high_end, suffix, factor = _scaled(text, second, currency=currency)
    if high is None or suffix is not None:
        return None, None, end
    digits = second.group("digits") or ""
    if 1800 <= low <= 2099 and len(digits) == 2 and not scaled:  # "2015-16"
        high += low // 100 * 100
    if factor != 1 and not scaled:  # "$2-3bn", "300 to 400 million": the scale word serves both
        low *= factor
    if not low < high:
        return None, None, end
    return low, high, high_end


def _kind_and_unit(text: str, end: int, currency: str | None) -> tuple[Kind | None, str | None, int]:
    """What follows the number decides its kind: percent, currency word, age, duration, unit."""
    if currency is not None:
        return "money", currency, end
    if match := _PERCENT_AFTER.match(text, end):
        return "percent", "percent", match.end()
    if match := _CURRENCY_AFTER.match(text, end):
        return "money", CURRENCY_WORDS[match.group("word").lower()], match.end()
    if match := _AGE_AFTER.match(text, end):
        return "age", "year", match.end()
    if match := _DURATION_AFTER.match(text, end):
        return "duration", duration_unit(match.group("unit")), match.end()
    if match := _QUANTITY_AFTER.match(text, end):
        return "quantity", quantity_unit(match.group("unit")), match.end()
    return None, None, end


def _looks_like_year(
    core: re.Match[str], value: float, low: float | None, high: float | None, qualifier: Qualifier
) -> bool:
    """Four bare digits from 1800 to 2099 ("2014", "2015-2016"); grammar may still make it a count."""
    digits = core.group("digits") or ""
    if not (len(digits) == 4 and digits.isdigit() and 1800 <= value <= 2099):
        return False
    if qualifier == "range":
        return high is not None and high <= 2099 and low is not None
    return qualifier == "exact"
