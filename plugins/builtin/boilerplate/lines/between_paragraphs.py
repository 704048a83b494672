"""Lines between the first and the last paragraph that are not paragraphs themselves.

Between paragraphs a flattened page leaves the article's own subheadings, list items and a
running story's update times, but also other stories' headlines. The first are body, the last
are not; the rules here tell them apart by shape and by what surrounds them.
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.boilerplate.language import STOP_WORDS
from newsdesk.plugins.builtin.boilerplate.lines import rules, stamp_rules
from newsdesk.plugins.builtin.boilerplate.lines.line_units import (
    BULLET,
    CLOSERS,
    ends_sentence,
    is_prose,
    is_upper,
)
from newsdesk.plugins.builtin.boilerplate.words import normalise, word_count

_WORD = re.compile(r"[^\W_]{3,}")
# Words that say nothing of a section's topic, in every language the stop lists cover.
_FUNCTION_WORDS = frozenset().union(*STOP_WORDS.values())
_ECHO_SHARE = 0.5
_ECHO_UNITS = 2
# A phrase in quotes, opened after a space and closed before one: 'desperate, maybe on drugs'.
_QUOTED = re.compile(r"(?:^|(?<=\s))['‘\"“]([^'‘’\"“”]{3,}?)['’\"”](?=\W|$)")
_QUOTE_MIN_WORDS = 2
_SUBHEADING_MAX_WORDS = 6
_WIDGET_HEADING_MAX_WORDS = 10
_WIDGET_CONTROL_MAX_WORDS = 4


def _content_words(text: str) -> set[str]:
    return {w for w in map(str.lower, _WORD.findall(text)) if w not in _FUNCTION_WORDS}


def echoed_below(units: list[str], reasons: list[str | None], i: int) -> bool:
    """Whether the paragraphs just below a line repeat at least half of its words.

    A subheading announces what its section says ("Radiocarbon dating of hearth charcoal" over
    a paragraph on hearth charcoal dated by 14C); another story's headline seldom does.
    """
    if i + 1 >= len(units) or reasons[i + 1] is not None:
        return False  # a line right above a caption or a player belongs to it
    words = _content_words(units[i])
    below = [units[j] for j in range(i + 1, len(units)) if reasons[j] is None][:_ECHO_UNITS]
    shared = words & _content_words(" ".join(below))
    return bool(shared) and len(shared) >= _ECHO_SHARE * len(words)


def _quotes_the_article(units: list[str], reasons: list[str | None], i: int) -> bool:
    """Whether a line is mostly a quote the article prints elsewhere: a subheading citing a source.

    Another story's headline may quote a phrase too, but the phrase is a small part of it.
    """
    for phrase in _QUOTED.findall(units[i]):
        key = normalise(phrase)
        if word_count(key) < max(_QUOTE_MIN_WORDS, word_count(units[i]) / 2):
            continue
        if any(key in normalise(units[j]) for j in range(len(units)) if j != i and reasons[j] is None):
            return True
    return False


def mark_stray_headlines(
    units: list[str],
    reasons: list[str | None],
    span: tuple[int, int],
    language: str | None,
    min_words: int,
    drop_capital_labels: bool,
) -> None:
    """Between paragraphs, an unpunctuated headline-length line belongs to another story."""
    first_body, last_body = span
    candidates = []
    in_list = False  # after "These games include:" come the list's items, not other stories
    for i in range(first_body + 1, last_body):
        text = units[i]
        if reasons[i] is None and text.rstrip(CLOSERS).endswith((":", "：")):
            in_list = True
            continue
        if reasons[i] is not None or ends_sentence(text) or is_prose(text, language):
            in_list = in_list and not is_prose(text, language)
            continue
        if in_list or BULLET.match(text) or text.rstrip().endswith(","):
            continue
        if word_count(text) >= min_words:
            reasons[i] = rules.RELATED_HEADLINE
            candidates.append(i)
        elif drop_capital_labels and is_upper(text):
            reasons[i] = rules.SECTION_LABEL
            candidates.append(i)
    # Judged once all are marked, so a headline above another removed line is not taken for a heading.
    keep = [
        i for i in candidates if echoed_below(units, reasons, i) or _quotes_the_article(units, reasons, i)
    ]
    for i in keep:
        reasons[i] = None  # the article's own subheading


def keep_running_story_times(units: list[str], reasons: list[str | None], span: tuple[int, int]) -> None:
    """Between paragraphs, a bare clock time heads an update of a running story: it is body.

    Above the first paragraph a bare time is the page's stamp, unless it follows a kept line that
    ends with a colon: "The Latest on ... (all times local):" announces the updates, newest first.
    """
    first_body, last_body = span
    for i in range(last_body):
        if reasons[i] != rules.PUBLISH_STAMP or not stamp_rules.is_bare_time(units[i]):
            continue
        announced = i > 0 and reasons[i - 1] is None and units[i - 1].rstrip(CLOSERS).endswith(":")
        if i > first_body or announced:
            reasons[i] = None


def count_subheadings(units: list[str], reasons: list[str | None], start: int) -> int:
    """Short kept lines after `start` that the paragraph below takes up: a sectioned document."""
    return sum(
        reasons[i] is None
        and word_count(units[i]) < _SUBHEADING_MAX_WORDS
        and not ends_sentence(units[i])
        and echoed_below(units, reasons, i)
        for i in range(start, len(units))
    )


def mark_credits_after_captions(units: list[str], reasons: list[str | None], end: int) -> None:
    """A lone capitalised word right after a caption is its credit ("AP", "Reuters", "HBO").

    A one-word subheading ("Joyride") is told apart by the paragraph below taking it up.
    """
    for i in range(1, end):
        text = units[i]
        if reasons[i] is not None or reasons[i - 1] != rules.CAPTION:
            continue
        lone_word = word_count(text) == 1 and text[:1].isupper() and not ends_sentence(text)
        if lone_word and not echoed_below(units, reasons, i):
            reasons[i] = rules.CAPTION


def mark_widget_headings(units: list[str], reasons: list[str | None], span: tuple[int, int]) -> None:
    """A short heading repeated in the removed control line below it is that widget's heading.

    "Donald Trump's most controversial quotes" above "18 show all Donald Trump's most
    controversial quotes" and a gallery's captions heads the gallery, not a section.
    """
    first_body, last_body = span
    for i in range(first_body + 1, last_body):
        text, below = units[i], units[i + 1]
        if reasons[i] is not None or reasons[i + 1] is None or ends_sentence(text):
            continue
        key = normalise(text)
        if not key or word_count(text) > _WIDGET_HEADING_MAX_WORDS or key not in normalise(below):
            continue
        if word_count(below) - word_count(text) <= _WIDGET_CONTROL_MAX_WORDS:
            reasons[i] = reasons[i + 1]
