"""What the line classifier sees of a unit: its shape, its neighbours' shape, its words, the rules' verdict.

Two parts per unit: dense features (`DENSE_NAMES`, in that order) and hashed word cues (bucket
numbers of its lower-cased words, its first and its last word), so cue words such as "cookie",
"abonnieren" or "newsletter" are learned from the labelled lines instead of listed by hand.
Stop-word density is measured in every language newsdesk knows, so prose in German, French,
Spanish or Portuguese does not read as a menu.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass

import numpy as np

from newsdesk.plugins.builtin.boilerplate.language import STOP_WORDS, stop_word_density, words_of
from newsdesk.plugins.builtin.boilerplate.learned.cues import CUE_FAMILIES, cue_families
from newsdesk.plugins.builtin.boilerplate.lines import rules
from newsdesk.plugins.builtin.boilerplate.lines.line_units import (
    BULLET,
    ends_sentence,
    ends_with_colon,
    ends_with_period,
    is_prose,
    is_upper,
    opens_body,
)
from newsdesk.plugins.builtin.boilerplate.words import normalise, word_count

HASH_BUCKETS = 4096
RULE_REASONS = (
    rules.PROMO, rules.NAVIGATION, rules.ADVERTISEMENT, rules.COMMENT_THREAD, rules.COPYRIGHT,
    rules.SYNDICATION, rules.TRACKING_ID, rules.PUBLISH_STAMP, rules.CAPTION, rules.CAPTION_REPEAT,
    rules.DUPLICATE, rules.RELATED_HEADLINE, rules.SECTION_LABEL, rules.BYLINE, rules.CONTRIBUTORS,
    rules.TITLE, rules.FOOTER, rules.EMBED, rules.DISCLAIMER, rules.INFO_BOX, rules.SEPARATOR,
    rules.CONTACT, rules.CITATION,
)  # fmt: skip
_OWN = (
    "log_words", "log_chars", "ends_period", "ends_sentence", "ends_colon", "starts_upper",
    "title_case_share", "all_caps", "digit_share", "punct_share", "has_url", "has_handle",
    "has_email", "has_separator_bar", "has_copyright", "stop_density", "max_stop_density",
    "prose", "opens_body", "bullet", "quoted", "words_le_3", "words_le_6", "rules_removed",
)  # fmt: skip
_NEIGHBOUR = ("exists", "log_words", "ends_sentence", "prose", "rules_removed")
_PLACE = (
    "position", "first_unit", "last_unit", "before_first_body", "after_last_prose",
    "log_units", "repeated", "prose_share_around", "log_distance_to_prose",
)  # fmt: skip
DENSE_NAMES: tuple[str, ...] = (
    *_OWN,
    *(f"prev_{n}" for n in _NEIGHBOUR),
    *(f"next_{n}" for n in _NEIGHBOUR),
    *_PLACE,
    *(f"rule_{r}" for r in RULE_REASONS),
    *(f"cue_{family}" for family in CUE_FAMILIES),
)
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk|ly)\b", re.IGNORECASE)
_HANDLE = re.compile(r"(?:^|\s)[@#]\w")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_BARS = re.compile(r"[|»›•·]")
_QUOTES = re.compile(r"[\"“”«»]")
_AROUND = 3


@dataclass(frozen=True)
class UnitFeatures:
    """Dense features (units × `DENSE_NAMES`) and each unit's hashed word buckets."""

    dense: np.ndarray
    buckets: list[list[int]]
    cues: list[list[str]]


def bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % HASH_BUCKETS


def _cues(text: str) -> list[str]:
    words = [w for w in words_of(text) if len(w) > 1]
    if not words:
        return []
    return list(dict.fromkeys([f"w:{w}" for w in words] + [f"first:{words[0]}", f"last:{words[-1]}"]))


def _own(text: str, language: str | None, removed: bool) -> list[float]:
    n_words = word_count(text)
    chars = max(len(text), 1)
    tokens = text.split()
    capitalised = sum(t[:1].isupper() for t in tokens) / max(len(tokens), 1)
    words = words_of(text)
    max_density = max((sum(w in s for w in words) for s in STOP_WORDS.values()), default=0) / max(
        len(words), 1
    )
    density = stop_word_density(text, language)
    return [
        math.log1p(n_words),
        math.log1p(len(text)),
        float(ends_with_period(text)),
        float(ends_sentence(text)),
        float(ends_with_colon(text)),
        float(text[:1].isupper()),
        capitalised,
        float(is_upper(text)),
        sum(map(str.isdigit, text)) / chars,
        (len(text) - sum(map(str.isalnum, text)) - sum(map(str.isspace, text))) / chars,
        float(bool(_URL.search(text))),
        float(bool(_HANDLE.search(text))),
        float(bool(_EMAIL.search(text))),
        float(bool(_BARS.search(text))),
        float("©" in text or "copyright" in text.lower()),
        max_density if density is None else density,
        max_density,
        float(is_prose(text, language)),
        float(opens_body(text, language)),
        float(bool(BULLET.match(text))),
        float(bool(_QUOTES.search(text))),
        float(n_words <= 3),
        float(n_words <= 6),
        float(removed),
    ]


def unit_features(units: list[str], reasons: list[str | None], language: str | None) -> UnitFeatures:
    """Features of every unit of one document, given the rules' verdicts on them."""
    n = len(units)
    own = [_own(u, language, r is not None) for u, r in zip(units, reasons, strict=True)]
    prose = [row[_OWN.index("prose")] > 0 for row in own]
    prose_at = [i for i, p in enumerate(prose) if p]
    first_body = next((i for i, row in enumerate(own) if row[_OWN.index("opens_body")] > 0), n)
    last_prose = prose_at[-1] if prose_at else -1
    counts = Counter(normalise(u) for u in units)
    rows = []
    for i in range(n):
        around = prose[max(0, i - _AROUND) : i] + prose[i + 1 : i + 1 + _AROUND]
        distance = min((abs(i - j) for j in prose_at), default=n)
        place = [
            i / max(n - 1, 1),
            float(i == 0),
            float(i == n - 1),
            float(i < first_body),
            float(i > last_prose),
            math.log1p(n),
            float(counts[normalise(units[i])] > 1),
            sum(around) / len(around) if around else 0.0,
            math.log1p(distance),
        ]
        one_hot = [float(reasons[i] == r) for r in RULE_REASONS]
        families = cue_families(words_of(units[i]))
        rows.append([*own[i], *_neighbour(own, i - 1), *_neighbour(own, i + 1), *place, *one_hot, *families])
    cues = [_cues(u) for u in units]
    dense = np.asarray(rows, dtype=np.float64).reshape(n, len(DENSE_NAMES))
    return UnitFeatures(dense, [[bucket(c) for c in unit_cues] for unit_cues in cues], cues)


def _neighbour(own: list[list[float]], j: int) -> list[float]:
    if not 0 <= j < len(own):
        return [0.0] * len(_NEIGHBOUR)
    row = own[j]
    return [
        1.0,
        row[_OWN.index("log_words")],
        row[_OWN.index("ends_sentence")],
        row[_OWN.index("prose")],
        row[_OWN.index("rules_removed")],
    ]
