"""Rules of the second tuning round (from the first blind batch): each case with a near miss.

Numbers inside names and titles are not figures; a capital at the start of a sentence is not a
name. Ages after names, race distances, compound currencies, possessive months, ranks in a
sequence and nouns counted past a superlative.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.plugins.builtin.numbers import NumberNormaliser
from tests.plugins.builtin.conftest import numbers_in

pytestmark = pytest.mark.unit


def numbers_by_text(normaliser: NumberNormaliser, text: str) -> dict[str, dict[str, Any]]:
    return {m["text"]: m for m in numbers_in(normaliser, text)}


@pytest.mark.parametrize(
    ("text", "not_read"),
    [
        ("Ocean's Twelve took $5.4m, beating Ocean's Eleven.", {"Twelve", "Eleven"}),
        ("He died at the 52-story Four Seasons Hotel in Manhattan.", {"Four"}),
        ("He starred in One Flew Over the Cuckoo's Nest in London.", {"One"}),
        ("Police lined up on 1st Street near 57th Street.", {"1st", "57th"}),
        ("MCI emerged from Chapter 11 bankruptcy protection in April.", {"11"}),
        ("24/7 Wall St. compiled a list of the worst.", {"24", "24/7"}),
        ("He sat down with Saturday Night Live cast member Pete Davidson.", {"Saturday"}),
    ],
)
def test_numbers_inside_names_and_titles_are_not_figures(
    normaliser: NumberNormaliser, text: str, not_read: set[str]
) -> None:
    assert not (set(numbers_by_text(normaliser, text)) & not_read)


@pytest.mark.parametrize(
    ("text", "read", "kind"),
    [
        ("Twelve people died. Police said: Four were children.", "Twelve", "count"),
        ("Twelve people died. Police said: Four were children.", "Four", "count"),
        ('"Two men were held," he said.', "Two", "count"),
        ("BOSTON (CBS) – Two people were killed.", "Two", "count"),
        ("The hotel is open in all four seasons.", "four", "count"),
        ("He scored in the 57th minute.", "57th", "ordinal"),
        ("He flew home on Saturday night.", "Saturday", "date"),
    ],
)
def test_capitals_at_a_sentence_start_and_plain_prose_are_still_read(
    normaliser: NumberNormaliser, text: str, read: str, kind: str
) -> None:
    assert numbers_by_text(normaliser, text)[read]["kind"] == kind


def test_a_number_after_a_sequence_noun_is_its_rank(normaliser: NumberNormaliser) -> None:
    found = numbers_by_text(normaliser, "Season 42 of the show premieres in October; stage 3 follows.")
    assert (found["42"]["kind"], found["42"]["value"]) == ("ordinal", 42)
    assert found["3"]["kind"] == "ordinal"
    assert numbers_by_text(normaliser, "This week 20 people died.")["20"]["kind"] == "count"


def test_a_figure_between_commas_after_a_name_is_an_age(normaliser: NumberNormaliser) -> None:
    found = numbers_by_text(normaliser, "Police believe Connor Cummings, 20, and a friend were there.")
    assert (found["20"]["kind"], found["20"]["value"], found["20"]["unit"]) == ("age", 20, "year")
    near_miss = numbers_by_text(normaliser, "In Paris, 20 people died.")["20"]
    assert (near_miss["kind"], near_miss["counted"]) == ("count", "people")


def test_over_before_a_race_distance_is_a_preposition(normaliser: NumberNormaliser) -> None:
    race = numbers_by_text(normaliser, "He set the record over 3000m in Boston.")
    assert (race["3000m"]["qualifier"], race["3000m"]["low"]) == ("exact", 3000)
    more_than = numbers_by_text(normaliser, "The spill covered over 300 miles of coast.")["over 300 miles"]
    assert (more_than["qualifier"], more_than["low"], more_than["high"]) == ("at_least", 300, None)


def test_a_time_with_a_leading_zero_is_a_duration_not_a_code(normaliser: NumberNormaliser) -> None:
    found = numbers_by_text(normaliser, "The record stands at eight minutes, 04.69 seconds.")
    assert (found["04.69 seconds"]["kind"], found["04.69 seconds"]["value"]) == ("duration", 4.69)
    assert numbers_by_text(normaliser, "The door code 0451 opened it.") == {}


def test_a_compound_currency_word_makes_money(normaliser: NumberNormaliser) -> None:
    found = numbers_by_text(normaliser, "It would be the fifth billion-dollar telecoms deal since October.")
    deal = found["billion-dollar"]
    assert (deal["kind"], deal["value"], deal["unit"], deal["counted"]) == ("money", 1e9, "USD", None)
    assert numbers_by_text(normaliser, "He was a 250-pound man.")["250"]["kind"] != "money"


def test_a_month_before_a_possessive_is_a_date(normaliser: NumberNormaliser) -> None:
    found = numbers_by_text(normaliser, "He aims for a record at February's Grand Prix.")
    assert found["February"]["iso"] == "--02"
    assert "May" not in numbers_by_text(normaliser, "Theresa May's speech was praised.")


def test_the_noun_after_a_superlative_is_counted(normaliser: NumberNormaliser) -> None:
    found = numbers_by_text(normaliser, "Click here to see the 50 least powerful people in the world.")
    assert found["50"]["counted"] == "people"
    assert numbers_by_text(normaliser, "Caihong was a two-legged predator.")["two"]["counted"] is None
