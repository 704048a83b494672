"""Decide, line by line, which parts of a flattened article are body text.

Scrapers flatten a page into lines: headline, labels, stamps, paragraphs, captions, footers,
comments. Single-line rules (`rules.line_reason`) catch what is boilerplate on its own; this module
adds what needs the whole document: where the comment thread starts, which lead line is the
headline, which lines repeat (captions), and what trails the last paragraph (menus); the lines
between paragraphs are judged in `between_paragraphs`, units are cut in `line_units`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from newsdesk.plugins.builtin.boilerplate.lines import media_rules, promo_rules, rules
from newsdesk.plugins.builtin.boilerplate.lines.between_paragraphs import (
    count_subheadings,
    echoed_below,
    keep_running_story_times,
    mark_credits_after_captions,
    mark_stray_headlines,
    mark_widget_headings,
)
from newsdesk.plugins.builtin.boilerplate.lines.line_units import (
    BULLET,
    PROSE_MIN_WORDS,
    ends_sentence,
    ends_with_colon,
    ends_with_period,
    is_prose,
    is_upper,
    judged_part,
    opens_body,
    split_units,
)
from newsdesk.plugins.builtin.boilerplate.metadata import split_dateline
from newsdesk.plugins.builtin.boilerplate.words import normalise, word_count
from newsdesk.plugins.chain.deadline import check_deadline

Strictness = Literal["low", "medium", "high"]
STRICTNESS_LEVELS: tuple[Strictness, ...] = ("low", "medium", "high")

# A line with no sentence punctuation between paragraphs is another story's headline once it has
# this many words; shorter ones are more likely the article's own subheadings.
_STRAY_HEADLINE_MIN_WORDS: dict[Strictness, int] = {"low": 9, "medium": 6, "high": 3}
_TITLE_MIN_WORDS = 4
# Longer lead lines are standfirsts: headlines seldom run past twenty words.
_TITLE_MAX_WORDS = 20
_PULL_QUOTE_MIN_WORDS = 8
_TITLE_SEARCH_UNITS = 3
_MAX_REPEATED_WORDS = 40
_LINK_MAX_WORDS = 25
_MIN_SECTIONS = 2


@dataclass(frozen=True)
class LineVerdicts:
    """The units of a text and, for each, why it is removed (None: it is body text)."""

    units: list[str]
    reasons: list[str | None]


def _is_last_paragraph(text: str, language: str | None) -> bool:
    """Could end an article: prose, or a short sentence ("He did not elaborate."), not a pointer."""
    if promo_rules.is_reader_imperative(text) or (ends_with_colon(text) and word_count(text) <= 5):
        return False  # "More from CBC Manitoba:" announces links the scrape lost, not more article
    return is_prose(text, language) or (word_count(text) >= 3 and ends_sentence(text))


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
    shown = split_units(text)
    units = [judged_part(unit) for unit in shown]  # the rules never see more than a bounded part
    reasons: list[str | None] = [None] * len(units)
    end = _cut_comment_thread(units, reasons, language)
    for i in range(end):
        check_deadline()
        reasons[i] = rules.line_reason(units[i])
    if not layout_rules:
        # Repeated short lines in extracted HTML are lists and tables, not captions printed twice.
        _mark_known_title(units, reasons, end, known_title)
        return LineVerdicts(units=shown, reasons=reasons)
    _mark_tweet_texts(units, reasons, end)
    _mark_repeats(units, reasons, end)
    _mark_pull_quotes(units, reasons, end)
    mark_credits_after_captions(units, reasons, end)
    first_body = next(
        (
            i
            for i in range(end)
            if reasons[i] is None
            and opens_body(units[i], language)
            and not (known_title and same_title(units[i], known_title))
        ),
        end,
    )
    _mark_lead(units, reasons, first_body, known_title, guess_title)
    end = _cut_link_list(units, reasons, first_body, end)
    last_body = max(
        (i for i in range(first_body, end) if reasons[i] is None and _is_last_paragraph(units[i], language)),
        default=first_body - 1,
    )
    _mark_tail(units, reasons, last_body + 1, end)
    span = (first_body, last_body)
    min_words = _STRAY_HEADLINE_MIN_WORDS[strictness]
    mark_stray_headlines(units, reasons, span, language, min_words, drop_capital_labels=strictness == "high")
    mark_widget_headings(units, reasons, span)
    keep_running_story_times(units, reasons, span)
    return LineVerdicts(units=shown, reasons=reasons)


def _cut_comment_thread(units: list[str], reasons: list[str | None], language: str | None) -> int:
    """Mark everything from the reader-comment heading on; return where the article may end."""
    seen_prose = False
    for i, unit in enumerate(units):
        if seen_prose and promo_rules.is_comment_thread_start(unit):
            for j in range(i, len(units)):
                reasons[j] = rules.COMMENT_THREAD
            return i
        seen_prose = seen_prose or is_prose(unit, language)
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
        if exact[key] == 1 and joined.count(key) > 1 and ends_sentence(units[i]):
            reasons[i] = rules.DUPLICATE


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
        if not ends_sentence(units[i]):
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
            and not BULLET.match(units[i])
            and split_dateline(units[i]) is None
        ]
        unstopped = [i for i in fitting if not ends_with_period(units[i])]
        title_at = next((i for i in unstopped if word_count(units[i]) >= _TITLE_MIN_WORDS), None)
        if title_at is None and unstopped and not _opens_a_section(units, reasons, unstopped[0], first_body):
            title_at = unstopped[0]
    if title_at is None:
        return
    reasons[title_at] = rules.TITLE
    if first_body == len(units):
        return  # no paragraph recognised: leave the rest rather than risk dropping the article
    for i in candidates:
        n_words = word_count(units[i])
        if i < title_at:
            reasons[i] = rules.SECTION_LABEL if n_words <= 5 else rules.RELATED_HEADLINE
        elif i > title_at and n_words < PROSE_MIN_WORDS:
            # A standfirst below the headline is kept; a short line there is a label or name.
            reasons[i] = rules.SECTION_LABEL


def _cut_link_list(units: list[str], reasons: list[str | None], first_body: int, end: int) -> int:
    """A "Read more:" heading followed only by headline-length lines: links to other stories.

    Their headlines may end in full stops ("Lions are raised to be killed. And hunters love it."),
    so they would pass for closing sentences. Returns where the article may end.
    """
    for i in range(first_body + 1, end):
        if not promo_rules.is_link_list_heading(units[i]):
            continue
        links = [j for j in range(i + 1, end) if reasons[j] is None]
        if links and all(word_count(units[j]) <= _LINK_MAX_WORDS for j in links):
            for j in links:
                reasons[j] = rules.RELATED_HEADLINE
            return i
    return end


def _opens_a_section(units: list[str], reasons: list[str | None], i: int, first_body: int) -> bool:
    """A short lead line is a section's heading, not a title, when the page is cut into sections.

    A scrape that starts mid-paper ("Excavation methods" over the methods) has more headings
    like it below, each taken up by the paragraph under it.
    """
    sectioned = count_subheadings(units, reasons, first_body + 1) >= _MIN_SECTIONS
    return sectioned and echoed_below(units, reasons, i)


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
        if is_upper(text) or word_count(text) <= 5:
            reasons[i] = rules.NAVIGATION
        elif promo_rules.is_reader_imperative(text):
            reasons[i] = rules.PROMO
        elif in_footer:
            reasons[i] = rules.FOOTER
        elif not ends_sentence(text):
            reasons[i] = rules.RELATED_HEADLINE
