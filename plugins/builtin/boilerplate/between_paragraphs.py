"""Lines between the first and the last paragraph that are not paragraphs themselves.

Between paragraphs a flattened page leaves the article's own subheadings, list items and a
running story's update times, but also other stories' headlines. The first are body, the last
are not; the rules here tell them apart by shape and by what surrounds them.
"""

from __future__ import annotations

from plugins.builtin.boilerplate import rules, stamp_rules
from plugins.builtin.boilerplate.line_units import BULLET, CLOSERS, ends_sentence, is_prose, is_upper
from plugins.builtin.boilerplate.words import word_count


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
        elif drop_capital_labels and is_upper(text):
            reasons[i] = rules.SECTION_LABEL


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
