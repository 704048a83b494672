"""Turn the words of a number ("3,250", "1.5 million", "one hundred and twenty", "$2bn") into values.

Pure functions and tables, no spaCy: the lexical half of number normalisation, easy to test alone.
"""

from __future__ import annotations

import re

from text_to_num import text2num

NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion",
)  # fmt: skip

MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
# "m" and "b" mean million/billion only after a currency sign ("$2m"); alone, "5m" is five metres.
CURRENCY_ONLY_MULTIPLIERS = frozenset({"m", "b"})

CURRENCY_SIGNS: dict[str, str] = {"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "yuan": "CNY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "lira": "TRY",
    "liras": "TRY",
    "yen": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "swiss francs": "CHF",
    "francs": "CHF",
    "krone": "DKK",  # Danish most often in English news; the others are named below
    "kroner": "DKK",
    "danish kroner": "DKK",
    "norwegian kroner": "NOK",
    "swedish kronor": "SEK",
    "kronor": "SEK",
    "australian dollars": "AUD",
    "canadian dollars": "CAD",
    "hong kong dollars": "HKD",
    "naira": "NGN",
    "pesos": "MXN",
    "shekels": "ILS",
    "baht": "THB",
    "ringgit": "MYR",
    "dinars": "DZD",
    "riyals": "SAR",
    "dirhams": "AED",
    "zloty": "PLN",
    "forint": "HUF",
}
# Hundredths, read as such: "40 euro cents" -> 0.40 EUR, "50 pence" -> 0.50 GBP.
CURRENCY_SUBUNITS: dict[str, str] = {"cent": "USD", "cents": "USD", "pence": "GBP"}

DURATION_UNITS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")

QUANTITY_UNITS: dict[str, str] = {
    "km": "km",
    "kilometre": "km",
    "kilometer": "km",
    "kilometres": "km",
    "kilometers": "km",
    "mile": "mile",
    "miles": "mile",
    "metre": "m",
    "meter": "m",
    "metres": "m",
    "meters": "m",
    "m": "m",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "tonne": "tonne",
    "tonnes": "tonne",
    "ton": "tonne",
    "tons": "tonne",
    "litre": "litre",
    "litres": "litre",
    "liter": "litre",
    "liters": "litre",
    "barrel": "barrel",
    "barrels": "barrel",
    "hectare": "hectare",
    "hectares": "hectare",
    "acre": "acre",
    "acres": "acre",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "square km": "km2",
    "sq km": "km2",
    "square kilometres": "km2",
    "square kilometers": "km2",
    "square miles": "mile2",
    "degrees": "degree",
    "megawatts": "MW",
    "mw": "MW",
    "gigawatts": "GW",
    "gw": "GW",
    "kilowatts": "kW",
    "kw": "kW",
}
# Data sizes, rates and frequencies: "256GB", "1.5 TB", "10 Mbps", "3.2GHz" keep the unit written.
DATA_UNITS: dict[str, str] = {
    "kb": "KB", "kilobyte": "KB", "kilobytes": "KB",
    "mb": "MB", "megabyte": "MB", "megabytes": "MB",
    "gb": "GB", "gig": "GB", "gigs": "GB", "gigabyte": "GB", "gigabytes": "GB",
    "tb": "TB", "terabyte": "TB", "terabytes": "TB",
    "pb": "PB", "petabyte": "PB", "petabytes": "PB",
    "kbps": "kbps", "kbit/s": "kbps", "kilobits per second": "kbps",
    "mbps": "Mbps", "mbit/s": "Mbps", "megabits per second": "Mbps", "megabit": "Mbit", "megabits": "Mbit",
    "gbps": "Gbps", "gbit/s": "Gbps", "gigabits per second": "Gbps", "gigabit": "Gbit", "gigabits": "Gbit",
    "khz": "kHz", "mhz": "MHz", "ghz": "GHz", "megahertz": "MHz", "gigahertz": "GHz",
}  # fmt: skip
QUANTITY_UNITS.update(DATA_UNITS)

# Vague amounts read literally: at least two of the named unit, fewer than the next named order of
# magnitude ("hundreds" stops at 999 because writers say "thousands" beyond; "thousands" stops at
# 9,999 because "tens of thousands" exists).
VAGUE_BOUNDS: dict[str, tuple[float, float]] = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2e6, 9_999_999),
    "tens of millions": (2e7, 99_999_999),
    "hundreds of millions": (2e8, 999_999_999),
    "billions": (2e9, 9_999_999_999),
    "a handful": (2, 9),
    "several hundred": (200, 999),
    "several thousand": (2_000, 9_999),
    "a few hundred": (200, 999),
    "a few thousand": (2_000, 9_999),
    "several dozen": (24, 99),
    "a few dozen": (24, 99),
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "hundredth": 100,
}

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def parse_digits(text: str) -> float | None:
    """'3,250' -> 3250.0, '1.5' -> 1.5; None if the text is not a plain digit number."""
    if not _DIGITS.fullmatch(text):
        return None
    return float(text.replace(",", ""))


def parse_words(text: str) -> float | None:
    """'one hundred and twenty' -> 120.0, 'a hundred' -> 100.0; None if text2num cannot read it."""
    words = text.lower().replace("-", " ").split()
    if words[:1] == ["a"]:
        words[0] = "one"
    phrase = " ".join(words)
    try:
        return float(text2num(phrase, "en"))
    except ValueError:
        return None


def multiplier(word: str, *, currency: bool) -> float | None:
    """The factor of a scale word or suffix ('bn' -> 1e9); 'm' counts as million only for money."""
    word = word.lower()
    if word in CURRENCY_ONLY_MULTIPLIERS and not currency:
        return None
    return MULTIPLIERS.get(word)


def duration_unit(word: str) -> str | None:
    """'months' -> 'month', 'centuries' -> 'century'; None for anything else."""
    word = word.lower()
    if word == "centuries":
        return "century"
    singular = word[:-1] if word.endswith("s") else word
    return singular if singular in DURATION_UNITS else None


def quantity_unit(words: str) -> str | None:
    """'kilometres' -> 'km', 'square miles' -> 'mile2'; None for anything else."""
    return QUANTITY_UNITS.get(" ".join(words.lower().split()))
