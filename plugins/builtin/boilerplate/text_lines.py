"""Decide, line by line, which parts of a flattened article are body text.

Scrapers flatten a page into lines: headline, labels, stamps, paragraphs, captions, footers,
comments. Single-line rules (`rules.line_reason`) catch what is boilerplate on its own; this module
adds what needs the whole document: where the comment thread starts, which lead line is the
headline, which short unpunctuated lines sit between paragraphs (other stories' headlines), which
lines repeat (captions), and what trails the last paragraph (menus).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from plugins.builtin.boilerplate import media_rules, promo_rules, rules, stamp_rules
from plugins.builtin.boilerplate.language import stop_word_density
from plugins.builtin.boilerplate.metadata import split_dateline
from plugins.builtin.boilerplate.words import normalise, word_count

Strictness = Literal["low", "medium", "high"]
STRICTNESS_LEVELS: tuple[Strictness, ...] = ("low", "medium", "high")

# A line with no sentence punctuation between paragraphs is another story's headline once it has
# this many words; shorter ones are more likely the article's own subheadings.
_STRAY_HEADLINE_MIN_WORDS: dict[Strictness, int] = {"low": 9, "medium": 6, "high": 3}
_FULL_STOPS = (".", "…", "。", "．", "।", "۔")
_TERMINAL = (*_FULL_STOPS, "!", "?", ":", ";", "！", "？", "：", "؟")
_CLOSERS = "\"”’'»)]*」』） "
_BULLET = re.compile(r"^(?:[-•*▪–]|\d{1,2}[.)])\s")
_TITLE_MIN_WORDS = 4
# Longer lead lines are standfirsts: headlines seldom run past twenty words.
_TITLE_MAX_WORDS = 20
_PULL_QUOTE_MIN_WORDS = 8
_TITLE_SEARCH_UNITS = 3
_PROSE_MIN_WORDS = 8
_LONG_LINE_WORDS = 30
_MIN_WRAPPED_LINES = 8
_MAX_WRAP_WIDTH = 120
_MAX_REPEATED_WORDS = 40


@dataclass(frozen=True)
class LineVerdicts:
    """The units of a text and, for each, why it is removed (None: it is body text)."""

    units: list[str]
    reasons: list[str | None]


def split_units(text: str) -> list[str]:
    """Non-empty lines, whitespace-normalised; a hard-wrapped sentence is joined back together.

    A line continues the previous one when that one stops mid-sentence and either this one starts
    in lower case or the previous one reaches the wrap width of a hard-wrapped text.
    """
    lines = [" ".join(raw.split()) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    wrap_width = _wrap_width(lines)
    units: list[str] = []
    previous = ""
    for line in lines:
        if line and previous and not _ends_sentence(previous):
            wrapped = wrap_width is not None and len(previous) >= wrap_width
            if line[0].islower() or wrapped:
                units[-1] = f"{units[-1]} {line}"
                previous = line
                continue
        if line:
            units.append(line)
        previous = line
    return units


def _wrap_width(lines: list[str]) -> int | None:
    """The width at which a hard-wrapped text breaks its lines, or None if it is not wrapped.

    Wrapped text has many lines of nearly the same length, most not ending a sentence.
    """
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < _MIN_WRAPPED_LINES:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    near = [line for line in lines if line and len(line) >= 0.75 * width]
    open_ended = sum(not _ends_sentence(line) for line in near)
    if width > _MAX_WRAP_WIDTH or len(near) < len(lengths) / 2 or open_ended < len(near) / 2:
        return None
    return int(0.75 * width)


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_TERMINAL)


def _ends_with_period(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_FULL_STOPS)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.9


def _is_prose(text: str, language: str | None) -> bool:
    """Running text: a sentence of some length, or a long line that reads like one."""
    n_words = word_count(text)
    if n_words >= _PROSE_MIN_WORDS and _ends_sentence(text):
        return True
    density = stop_word_density(text, language)
    return n_words >= _LONG_LINE_WORDS and (density is None or density >= 0.15)


def _is_last_paragraph(text: str, language: str | None) -> bool:
    """Could end an article: prose, or a short sentence ("He did not elaborate."), not a pointer."""
    if promo_rules.is_reader_imperative(text):
        return False
    return _is_prose(text, language) or (word_count(text) >= 3 and _ends_sentence(text))


def _opens_body(text: str, language: str | None) -> bool:
    """The first paragraph: prose ending in a full stop (headlines end in ?, ! or nothing)."""
    n_words = word_count(text)
    return (n_words >= _PROSE_MIN_WORDS and _ends_with_period(text)) or (
        n_words >= _LONG_LINE_WORDS and _is_prose(text, language)
    )


def same_title(a: str, b: str) -> bool:
    """Whether two headlines are the same up to case, punctuation and a site-name suffix."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return False
    if na == nb or fuzz.ratio(na, nb) >= 90:
        return True
    shorter, longer = sorted((na, nb), key=len)
    return len(shorter) >= 20 and shorter in longer and len(longer) <= 1.6 * len(shorter)


def classify_lines(
    text: str,
    *,
    strictness: Strictness = "medium",
    language: str | None = None,
    known_title: str | None = None,
    guess_title: bool = True,
    layout_rules: bool = True,
) -> LineVerdicts:
    """Label every unit of `text` with a removal reason, or None when it is article body."""
    units = split_units(text)
    reasons: list[str | None] = [None] * len(units)
    end = _cut_comment_thread(units, reasons, language)
    for i in range(end):
        reasons[i] = rules.line_reason(units[i])
    if not layout_rules:
        # Repeated short lines in extracted HTML are lists and tables, not captions printed twice.
        _mark_known_title(units, reasons, end, known_title)
        return LineVerdicts(units=units, reasons=reasons)
    _mark_tweet_texts(units, reasons, end)
    _mark_repeats(units, reasons, end)
    _mark_pull_quotes(units, reasons, end)
    first_body = next(
        (
            i
            for i in range(end)
            if reasons[i] is None
            and _opens_body(units[i], language)
            and not (known_title and same_title(units[i], known_title))
        ),
        end,
    )
    _mark_lead(units, reasons, first_body, known_title, guess_title)
    last_body = max(
        (i for i in range(first_body, end) if reasons[i] is None and _is_last_paragraph(units[i], language)),
        default=first_body - 1,
    )
    _mark_tail(units, reasons, last_body + 1, end)
    _mark_stray_headlines(units, reasons, first_body, last_body, language, strictness)
    _keep_running_story_times(units, reasons, first_body, last_body)
    return LineVerdicts(units=units, reasons=reasons)


def _cut_comment_thread(units: list[str], reasons: list[str | None], language: str | None) -> int:
    """Mark everything from the reader-comment heading on; return where the article may end."""
    seen_prose = False
    for i, unit in enumerate(units):
        if seen_prose and promo_rules.is_comment_thread_start(unit):
            for j in range(i, len(units)):
                reasons[j] = rules.COMMENT_THREAD
            return i
        seen_prose = seen_prose or _is_prose(unit, language)
    return len(units)


def _mark_known_title(units: list[str], reasons: list[str | None], end: int, known_title: str | None) -> None:
    """The headline repeated above the first paragraph."""
    if not known_title:
        return
    for i in range(min(end, _TITLE_SEARCH_UNITS)):
        if reasons[i] is None and same_title(units[i], known_title):
            reasons[i] = rules.TITLE
            return


def _mark_pull_quotes(units: list[str], reasons: list[str | None], end: int) -> None:
    """A sentence printed on its own and again inside a paragraph is a pull quote: drop the copy."""
    keys = [normalise(units[i]) for i in range(end)]
    exact = Counter(keys)
    joined = "\n".join(keys)
    for i in range(end):
        key = keys[i]
        if reasons[i] is not None or word_count(units[i]) < _PULL_QUOTE_MIN_WORDS:
            continue
        if exact[key] == 1 and joined.count(key) > 1 and _ends_sentence(units[i]):
            reasons[i] = rules.DUPLICATE


def _keep_running_story_times(
    units: list[str], reasons: list[str | None], first_body: int, last_body: int
) -> None:
    """Between paragraphs, a bare clock time heads an update of a running story: it is body.

    Above the first paragraph a bare time is the page's stamp, unless it follows a kept line that
    ends with a colon: "The Latest on ... (all times local):" announces the updates, newest first.
    """
    for i in range(last_body):
        if reasons[i] != rules.PUBLISH_STAMP or not stamp_rules.is_bare_time(units[i]):
            continue
        announced = i > 0 and reasons[i - 1] is None and units[i - 1].rstrip(_CLOSERS).endswith(":")
        if i > first_body or announced:
            reasons[i] = None


def _mark_tweet_texts(units: list[str], reasons: list[str | None], end: int) -> None:
    """The lines just above an embedded tweet's signature that read like a tweet are its text."""
    for i in range(end):
        if reasons[i] != rules.EMBED:
            continue
        j = i - 1
        while j >= 0 and reasons[j] is None and media_rules.is_tweet_text(units[j]):
            reasons[j] = rules.EMBED
            j -= 1


def _mark_repeats(units: list[str], reasons: list[str | None], end: int) -> None:
    """A short line printed twice is a photo caption (drop all copies); a repeated sentence, later copies."""
    counts = Counter(normalise(units[i]) for i in range(end) if reasons[i] is None)
    seen: set[str] = set()
    for i in range(end):
        key = normalise(units[i])
        if reasons[i] is not None or counts[key] < 2 or word_count(units[i]) > _MAX_REPEATED_WORDS:
            continue
        if not _ends_sentence(units[i]):
            reasons[i] = rules.CAPTION_REPEAT
        elif key in seen:
            reasons[i] = rules.DUPLICATE
        seen.add(key)


def _mark_lead(
    units: list[str], reasons: list[str | None], first_body: int, known_title: str | None, guess_title: bool
) -> None:
    """Before the first paragraph: the headline, labels above it, and any short lines below it."""
    candidates = [i for i in range(first_body) if reasons[i] is None]
    title_at = next((i for i in candidates if known_title and same_title(units[i], known_title)), None)
    if title_at is None and guess_title and candidates:
        # Headlines rarely end with a full stop; kickers above them are shorter.
        # A line that ends with a full stop is a short first paragraph, not a headline; a bulleted
        # line is a summary point; a line that opens with a dateline starts the story.
        fitting = [
            i
            for i in candidates
            if word_count(units[i]) <= _TITLE_MAX_WORDS
            and not _BULLET.match(units[i])
            and split_dateline(units[i]) is None
        ]
        unstopped = [i for i in fitting if not _ends_with_period(units[i])]
        title_at = next(
            (i for i in unstopped if word_count(units[i]) >= _TITLE_MIN_WORDS),
            unstopped[0] if unstopped else None,
        )
    if title_at is None:
        return
    reasons[title_at] = rules.TITLE
    if first_body == len(units):
        return  # no paragraph recognised: leave the rest rather than risk dropping the article
    for i in candidates:
        n_words = word_count(units[i])
        if i < title_at:
            reasons[i] = rules.SECTION_LABEL if n_words <= 5 else rules.RELATED_HEADLINE
        elif i > title_at and n_words < _PROSE_MIN_WORDS:
            # A standfirst below the headline is kept; a short line there is a label or name.
            reasons[i] = rules.SECTION_LABEL


def _mark_tail(units: list[str], reasons: list[str | None], start: int, end: int) -> None:
    """After the last paragraph, lines that are not sentences are menus and teasers.

    Once a footer line (credits, copyright, menus) has appeared, whatever follows is footer too.
    """
    in_footer = False
    for i in range(start, end):
        if reasons[i] is not None:
            in_footer = in_footer or reasons[i] in rules.FOOTER_REASONS
            continue
        text = units[i]
        if _is_upper(text) or word_count(text) <= 5:
            reasons[i] = rules.NAVIGATION
        elif promo_rules.is_reader_imperative(text):
            reasons[i] = rules.PROMO
        elif in_footer:
            reasons[i] = rules.FOOTER
        elif not _ends_sentence(text):
            reasons[i] = rules.RELATED_HEADLINE


def _mark_stray_headlines(
    units: list[str],
    reasons: list[str | None],
    first_body: int,
    last_body: int,
    language: str | None,
    strictness: Strictness,
) -> None:
    """Between paragraphs, an unpunctuated headline-length line belongs to another story."""
    min_words = _STRAY_HEADLINE_MIN_WORDS[strictness]
    in_list = False  # after "These games include:" come the list's items, not other stories
    for i in range(first_body + 1, last_body):
        text = units[i]
        if reasons[i] is None and text.rstrip(_CLOSERS).endswith((":", "：")):
            in_list = True
            continue
        if reasons[i] is not None or _ends_sentence(text) or _is_prose(text, language):
            in_list = in_list and not _is_prose(text, language)
            continue
        if in_list or _BULLET.match(text) or text.rstrip().endswith(","):
            continue
        if word_count(text) >= min_words:
            reasons[i] = rules.RELATED_HEADLINE
        elif strictness == "high" and _is_upper(text):
            reasons[i] = rules.SECTION_LABEL
