"""Tokens, stems and sentences for matching questions to passages."""

from __future__ import annotations

import pytest

from newsdesk.plugins.text import same_verb, sentence_bounds, stem

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("a", "b"),
    [("killed", "kill"), ("killing", "kills"), ("battles", "battle"), ("civilians", "civilian"),
     ("cities", "city"), ("stopped", "stop"), ("SDF's", "sdf")],
)  # fmt: skip
def test_word_forms_meet_at_one_stem(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_verbs_reporting_the_same_event_match() -> None:
    assert same_verb("kill", "died") and same_verb("capture", "seized")
    assert not same_verb("kill", "flee")


def test_sentences_do_not_end_at_abbreviations() -> None:
    text = "Col. Ryan Dillon spoke in Baghdad. U.S. forces left. The end\nA new line"
    sentences = [text[a:b] for a, b in sentence_bounds(text)]
    assert sentences == ["Col. Ryan Dillon spoke in Baghdad.", "U.S. forces left.", "The end", "A new line"]
