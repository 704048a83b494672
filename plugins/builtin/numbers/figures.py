"""Read one figure outwards from its digits or words: currency, scale, qualifier, range, kind, unit.

`CORE` finds the digits ("1,130", "2.5bn") or number words ("one hundred and twenty"); `read_figure`
then looks around them: a currency sign before, a qualifier before ("more than"), a second number
after ("300-400", "between 300 and 400"), and the word after that decides the kind (percent,
currency word, age, duration, measure, "per day"). Every pattern is anchored at the figure, so the
cost stays linear in the length of the article.
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.numbers.reading.changes import change_word_before
from newsdesk.plugins.builtin.numbers.reading.measures import metres_not_millions, pounds_of_weight
from newsdesk.plugins.builtin.numbers.reading.parse_values import (
    CURRENCY_SIGNS,
    CURRENCY_SUBUNITS,
    CURRENCY_WORDS,
    MULTIPLIERS,
    NUMBER_WORDS,
    QUANTITY_UNITS,
    duration_unit,
    multiplier,
    parse_digits,
    parse_words,
    quantity_unit,
)
from newsdesk.plugins.builtin.numbers.reading.qualifiers import (
    PREPOSITION_QUALIFIERS,
    QUALIFIERS,
    alternation,
    bounded,
    qualifier_before,
)
from newsdesk.plugins.builtin.numbers.schema import Kind, Mention, Qualifier

# "and" joins number words only after a scale word: "one hundred and twenty", not "two and three".
_AND_AFTER_SCALE = (
    "(?:" + "|".join(f"(?<={w})" for w in ("hundred", "thousand", "million", "billion")) + r")\s+and\s+"
)
_WORD_NUMBER = rf"(?:{alternation([*NUMBER_WORDS, 'dozen'])})\b"
CORE = re.compile(
    r"(?<![\w.,#/\\@])(?:"
    r"(?P<digits>\d{1,3}(?:,\d{3})++(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>[A-Za-z]+)?(?![\w]|\.\d)"
    rf"|(?P<words>(?i:(?:\ba\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?"
    rf"\b{_WORD_NUMBER}(?:(?:{_AND_AFTER_SCALE}|\s+|-){_WORD_NUMBER})*+))"
    r")"
)
_AGED_BEFORE = re.compile(r"(?i)\b(?:aged|age\s+(?:of|to|at))\s+$")  # "aged 12", "the age of 25"
# "at number six", "Season 42", "stage 3": a place in a sequence, a rank
_RANK_BEFORE = re.compile(r"(?i:\b(?:number|season|episode|chapter|round|stage|phase)\s+$)|\bNo\.\s+$")
# "Connor Cummings, 20, and a friend": a figure set off by commas after a name is the person's age
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z][\w'’.-]*,\s$")
_COMMA_AFTER = re.compile(r",(?!\d)")
# "over 3000m" in a race is its distance (a preposition), not "more than"
_RACE_DISTANCE = re.compile(r"\d{1,2},?\d{3}m\b|\d{2,3}m\b")
_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")
# A year before 1800 needs a preposition that only years take after it: "set up in 1337".
_OLD_YEAR_BEFORE = re.compile(r"(?i)\b(?:in|since|circa|c\.|AD)\s+$")

# "8 B people", "4 M users": a capital letter alone before a word is a scale, never a unit
_MULTIPLIER_AFTER = re.compile(rf"\s?(?P<word>{alternation(MULTIPLIERS)})\b|\s(?P<letter>[MBK])(?=\s+[a-z])")
_RANGE_AFTER = re.compile(r"\s?(?:-|–|—)\s?|\s+(?:to|through)\s+")
_DASH_AFTER = re.compile(r"\s?(?:-|–|—)\s?")  # after "from", "to" marks a change: "rose from 300 to 400"
_BETWEEN_JOINT = re.compile(r"\s+and\s+|\s?[-–—]\s?")  # "between 300 and 400", "between $4.0-$5.0"
_SECOND_SIGN = re.compile(rf"(?:{alternation(CURRENCY_SIGNS)})\s?")
_CLOSE_ENOUGH = 2.0  # after a word of change, "X to Y" is a range only when Y is at most twice X
_PER_TIME_AFTER = re.compile(r"\s+(?:a|an|per|each|every)\s+(?P<unit>hour|day|week|month|year)\b", re.I)
_BPD_AFTER = re.compile(r"\s?(?:bpd|b/d)\b")  # barrels per day
_PERCENT_AFTER = re.compile(r"\s?(?:%|percent\b|per\s?cent\b|pc\b)(?!\s+points?\b)", re.IGNORECASE)
_POINTS_AFTER = re.compile(r"\s?(?:%|percent|per\s?cent|percentage)\s+points?\b", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(rf"\s+(?:US\s+)?(?P<word>{alternation(CURRENCY_WORDS)})\b", re.IGNORECASE)
# "a billion-dollar deal": money; "a 250-pound man" may be a weight, so pounds are left to the words
_CURRENCY_COMPOUND = re.compile(
    rf"-(?P<word>{alternation(w for w in CURRENCY_WORDS if not w.startswith('pound'))})\b", re.IGNORECASE
)
_SUBUNIT_AFTER = re.compile(rf"\s+(?P<word>{alternation(CURRENCY_SUBUNITS)})\b", re.IGNORECASE)
_AGE_AFTER = re.compile(r"(?:-|\s)years?(?:-|\s)old\b", re.IGNORECASE)
_DURATION_AFTER = re.compile(  # "six second hand airplanes" are not six seconds
    r"(?:\s?-\s?|\s)(?P<unit>(?:second(?![\s-]hand)|minute|hour|day|week|month|year|decade)s?|century|centuries)\b"
    r"(?:-long\b|\s+long\b)?",
    re.IGNORECASE,
)
_QUANTITY_AFTER = re.compile(rf"(?:\s?|-)(?P<unit>{alternation(QUANTITY_UNITS)})\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(rf"(?:{alternation(CURRENCY_SIGNS)})\s?$")


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
        if factor is None and _magnitude_letter(text, match, value):
            factor = MULTIPLIERS[suffix]
        if factor is None:
            return value, end, suffix, 1.0
        return value * factor, end, None, factor
    if match.group("digits") and (scale := _MULTIPLIER_AFTER.match(text, end)):
        factor = MULTIPLIERS[scale.group("letter").lower()] if scale.group("letter") else None
        factor = factor or multiplier(scale.group("word"), currency=currency)
        if factor is not None:
            return value * factor, scale.end(), None, factor
    return value, end, None, 1.0


def _magnitude_letter(text: str, match: re.Match[str], value: float) -> bool:
    """'4.3M', '8B': a capital M or B is a scale; a small 'm' is one unless it measures a distance."""
    written = match.group("suffix") or ""
    if written in ("M", "B"):
        return True
    return written == "m" and not metres_not_millions(text, match.start(), match.end(), value)


def read_figure(text: str, core: re.Match[str]) -> Mention | None:
    """Read a number outwards from its digits or words: currency, qualifier, range, unit."""
    start = core.start()
    sign = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
    currency = CURRENCY_SIGNS[sign.group().strip()] if sign else None
    if sign:
        start = sign.start()
    figure_start = start
    money_word = _CURRENCY_AFTER.match(text, core.end())  # "537m euros": m is a million here
    value, end, suffix, factor = _scaled(text, core, currency=currency is not None or money_word is not None)
    if value is None:
        return None
    qualifier_match = qualifier_before(text, start)
    qualifier: Qualifier = "exact"
    qualifier_word = ""
    if qualifier_match:
        qualifier_word = " ".join(qualifier_match.group().lower().split())
        qualifier = QUALIFIERS[qualifier_word]
        start = qualifier_match.start()
    if qualifier_word in PREPOSITION_QUALIFIERS and (
        _looks_like_year(core, value, None, None, "exact")
        or _DURATION_AFTER.match(text, end) is not None
        or (qualifier_word == "over" and _RACE_DISTANCE.match(text, core.start()) is not None)
    ):
        qualifier, start = "exact", figure_start

    if suffix is not None:
        return _suffixed(text, core, start, qualifier, value, suffix)

    joint = _BETWEEN_JOINT if qualifier == "range" else None
    # After a word of change, "from 300 to 400" is a change (two figures), "rose 1.64 to 47.10" too,
    # unless the two are close enough to be one uncertain amount ("cut by $3.8m to $4.9m").
    changing = qualifier != "range" and change_word_before(text, start) is not None
    if joint is None and changing and _FROM_BEFORE.search(text, max(0, start - 8), start):
        joint = _DASH_AFTER
    # "5% to 10%", "between 5% and 6%": the sign on both ends, one range
    percent_between = _PERCENT_AFTER.match(text, end)
    low, high, range_end = _range(
        text, percent_between.end() if percent_between else end, value, joint=joint,
        currency=currency is not None, scaled=factor != 1, percent=percent_between is not None,
        widest=_CLOSE_ENOUGH if changing else None,
    )  # fmt: skip
    if high is not None:
        end = range_end
    if high is None and qualifier == "range":  # "between" without "and": not a range after all
        qualifier, start = "exact", core.start() if not sign else sign.start()
    if high is not None:
        qualifier = "range"
    number_end = end
    kind, unit, end = _kind_and_unit(text, end, currency)
    if kind == "quantity" and (per := _PER_TIME_AFTER.match(text, end)):  # "100,000 barrels per day"
        kind, unit, end = "rate", f"per {per.group('unit').lower()}", number_end
    elif kind is None and _BPD_AFTER.match(text, end):
        kind, unit = "rate", "per day"
    if kind == "money" and (subunit := _SUBUNIT_AFTER.match(text, end)):  # "40 euro cents"
        end, value = subunit.end(), value / 100
        low, high = (None if x is None else x / 100 for x in (low, high))
    if kind is None and _AGED_BEFORE.search(text, max(0, start - 12), start):
        kind, unit = "age", "year"
    if kind is None and _RANK_BEFORE.search(text, max(0, start - 9), start):
        kind = "ordinal"
    if kind is None and qualifier == "exact" and _is_age_after_name(text, start, end, value):
        kind, unit = "age", "year"
    if kind is None:
        old_year = _looks_like_old_year(text, core, start, qualifier)
        kind = "year" if old_year or _looks_like_year(core, value, low, high, qualifier) else "count"
    if kind == "percent":
        value, low, high = (None if x is None else x / 100 for x in (value, low, high))
    if qualifier == "range":
        return Mention(text=text[start:end], start=start, end=end, kind=kind, low=low, high=high,
                       qualifier="range", unit=unit)  # fmt: skip
    return bounded(text, start, end, kind, value, qualifier, unit=unit)


def _suffixed(
    text: str, core: re.Match[str], start: int, qualifier: Qualifier, value: float, suffix: str
) -> Mention | None:
    """Digits with letters attached: ordinals (17th), decades (1990s), units (5km); else a code."""
    end = core.end()
    digits = core.group("digits")
    if suffix in ("st", "nd", "rd", "th") and digits.isdigit():
        return bounded(text, core.start(), end, "ordinal", value)
    if suffix == "p":  # "97p": pence
        return bounded(text, start, end, "money", value / 100, qualifier, unit="GBP")
    if suffix == "s" and len(digits) == 4 and digits.endswith("0"):
        return Mention(text=text[core.start() : end], start=core.start(), end=end, kind="year",
                       low=value, high=value + 9, qualifier="range")  # fmt: skip
    if (unit := quantity_unit(suffix)) is not None:
        return bounded(text, start, end, "quantity", value, qualifier, unit=unit)
    return None


def _range(
    text: str,
    end: int,
    low: float,
    *,
    joint: re.Pattern[str] | None,
    currency: bool,
    scaled: bool,
    percent: bool = False,
    widest: float | None = None,
) -> tuple[float | None, float | None, int]:
    """A second number after a dash or 'to' (or `joint`): (low, high, end), or no high if none.

    The second may repeat the first's currency sign ("$2-$3") or percent sign ("5% to 10%": `percent`,
    and then it must); `widest` caps high/low ("rose 1.64 to 47.10" is a change, not a range).
    """
    joined = (joint or _RANGE_AFTER).match(text, end)
    if joined is None:
        return None, None, end
    second_start = joined.end()
    sign = _SECOND_SIGN.match(text, second_start) if currency else None
    signed = sign is not None
    if sign is not None:
        second_start = sign.end()
    second = CORE.match(text, second_start)
    if second is None:
        return None, None, end
    high, high_end, suffix, factor = _scaled(text, second, currency=currency)
    if high is None or suffix is not None:
        return None, None, end
    if percent and _PERCENT_AFTER.match(text, high_end) is None:
        return None, None, end
    digits = second.group("digits") or ""
    if 1800 <= low <= 2099 and len(digits) in (1, 2) and not scaled:  # "2015-16", "2003-4"
        high += low // 10 ** len(digits) * 10 ** len(digits)
    if factor != 1 and not scaled and not signed and low < 1000:  # "$2-3bn", "300 to 400 million"
        low *= factor  # the scale word serves both; not in "$800,000 to $1.3 million"
    if not low < high or (widest is not None and high > widest * low):
        return None, None, end
    return low, high, high_end


def _kind_and_unit(text: str, end: int, currency: str | None) -> tuple[Kind | None, str | None, int]:
    """What follows the number decides its kind: percent, currency word, age, duration, unit."""
    if currency is not None:
        return "money", currency, end
    if match := _PERCENT_AFTER.match(text, end):
        return "percent", "percent", match.end()
    if match := _POINTS_AFTER.match(text, end):  # "four percentage points": a difference of percents
        return "percent", "percentage point", match.end()
    if match := _CURRENCY_AFTER.match(text, end):
        if match.group("word").lower() in ("pound", "pounds") and pounds_of_weight(text, end, match.end()):
            return "quantity", "lb", match.end()
        return "money", CURRENCY_WORDS[" ".join(match.group("word").lower().split())], match.end()
    if match := _CURRENCY_COMPOUND.match(text, end):
        return "money", CURRENCY_WORDS[" ".join(match.group("word").lower().split())], match.end()
    if match := _SUBUNIT_AFTER.match(text, end):  # "50 cents", "20 pence"
        return "money", CURRENCY_SUBUNITS[match.group("word").lower()], end
    if match := _AGE_AFTER.match(text, end):
        return "age", "year", match.end()
    if match := _DURATION_AFTER.match(text, end):
        return "duration", duration_unit(match.group("unit")), match.end()
    if match := _QUANTITY_AFTER.match(text, end):
        return "quantity", quantity_unit(match.group("unit")), match.end()
    return None, None, end


def _is_age_after_name(text: str, start: int, end: int, value: float) -> bool:
    """'Connor Cummings, 20,': a whole number under 120 between commas, right after a capitalised word."""
    return (
        value.is_integer()
        and 0 < value < 120
        and _COMMA_AFTER.match(text, end) is not None
        and _NAME_BEFORE.search(text, max(0, start - 40), start) is not None
    )


def _looks_like_old_year(text: str, core: re.Match[str], start: int, qualifier: Qualifier) -> bool:
    """A year before 1800 after a preposition years take ("in 1337"); grammar may make it a count."""
    digits = core.group("digits") or ""
    return (
        qualifier == "exact"
        and digits.isdigit()
        and len(digits) in (3, 4)
        and not digits.startswith("0")
        and _OLD_YEAR_BEFORE.search(text, max(0, start - 8), start) is not None
    )


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
