"""Properties of the number normaliser on any input: it never crashes, every offset it returns
points at the text it quotes, and sentence bounds hold the mention."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest
from haystack import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.plugins.builtin.numbers import NumberNormaliser
from newsdesk.plugins.builtin.numbers.mentions import find_mentions

pytestmark = pytest.mark.unit

FIGURES = st.sampled_from(
    [
        "3,250", "five-month", "more than 1,000 people", "as many as 3,250 civilians", "87 percent",
        "$2.5 billion", "£40m", "one hundred and twenty", "a dozen", "between 10 and 20", "1.5 million",
        "on Tuesday", "Oct. 17", "2017-10-18", "12:30 p.m.", "aged 34", "the 3rd", "F-16", "COVID-19",
        "(800) 222-8477", "www.example.com/2017/10", "½", "٣٤", "1e308", "-0", "0.000001", "10%", "nan",
        "1,000,000,000,000,000,000", ".", ",", "\n", "\n\n", "(", ")", "--",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(FIGURES, st.text(max_size=15)), max_size=40).map(" ".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def normaliser() -> Iterator[NumberNormaliser]:
    normaliser = NumberNormaliser()
    normaliser.warm_up()
    yield normaliser


def check_mention(text: str, mention: dict) -> None:
    start, end = mention["start"], mention["end"]
    assert 0 <= start < end <= len(text)
    assert text[start:end] == mention["text"]
    if mention["sentence_start"] is not None:
        assert 0 <= mention["sentence_start"] <= start
        assert end <= mention["sentence_end"] <= len(text)


@SETTINGS
@given(text=TEXTS)
def test_character_pass_offsets_point_into_the_text(text: str) -> None:
    for mention in find_mentions(text, None):
        check_mention(text, mention.as_dict())


@SETTINGS
@given(
    text=TEXTS,
    published=st.sampled_from([None, "2017-10-18T01:40:26", "not a date", "0002-01-01", "9998-12-31"]),
)
def test_with_the_parse_offsets_point_into_the_text(
    normaliser: NumberNormaliser, text: str, published: str | None
) -> None:
    meta = {"published_at": published} if published else {}
    doc = normaliser.run([Document(content=text, meta=meta)])["documents"][0]
    for mention in doc.meta["numbers"]:
        check_mention(text, mention)
        for bound in ("value", "low", "high"):
            assert mention[bound] is None or math.isfinite(mention[bound])


def test_a_figure_too_large_for_a_double_is_not_infinite() -> None:
    text = "The debt reached 1" + ",000" * 120 + " dollars."
    for mention in find_mentions(text, None):
        assert all(v is None or math.isfinite(v) for v in (mention.value, mention.low, mention.high))


@pytest.mark.parametrize(("published", "text"), [("0001-01-01", "on Tuesday"), ("9999-12-31", "tomorrow")])
def test_relative_dates_at_the_ends_of_the_calendar_do_not_crash(
    normaliser: NumberNormaliser, published: str, text: str
) -> None:
    doc = normaliser.run([Document(content=f"It happened {text}.", meta={"published_at": published})])
    assert doc["documents"][0].meta["numbers"] is not None
