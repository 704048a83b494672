"""Dates that need the publication date, and weekdays, months and ordinals that are not dates."""

from __future__ import annotations

import pytest

from newsdesk.plugins.builtin.numbers import NumberNormaliser
from tests.plugins.builtin.conftest import mention, numbers_in

pytestmark = pytest.mark.unit


# published on Wednesday 18 October 2017
PUBLISHED = "2017-10-18"


@pytest.mark.parametrize(
    ("text", "mention_text", "iso"),
    [
        ("The SDF said on Tuesday that the city had fallen.", "Tuesday", "2017-10-17"),
        ("The council met on Wednesday.", "Wednesday", "2017-10-18"),
        ("They launched the assault yesterday.", "yesterday", "2017-10-17"),
        ("The talks began last Wednesday.", "last Wednesday", "2017-10-11"),
        ("Ministers will meet on Friday to decide.", "Friday", "2017-10-20"),
        ("Talks resume next Monday.", "next Monday", "2017-10-23"),
        ("The battle began in June.", "June", "2017-06"),
        ("The offensive began in November.", "November", "2016-11"),
        ("Elections will be held in November.", "November", "2017-11"),
    ],
)
def test_relative_dates_are_resolved_against_publication_and_marked(
    normaliser: NumberNormaliser, text: str, mention_text: str, iso: str
) -> None:
    found = mention(numbers_in(normaliser, text, published_at=PUBLISHED), mention_text)
    assert (found["kind"], found["iso"], found["resolved"]) == ("date", iso, True)


def test_relative_dates_without_publication_date_stay_unresolved(normaliser: NumberNormaliser) -> None:
    found = numbers_in(normaliser, "The SDF said on Tuesday that fighting began in June.")
    assert [(m["text"], m["iso"], m["resolved"]) for m in found] == [
        ("Tuesday", None, False),
        ("June", "--06", False),
    ]


def test_explicit_dates_are_not_marked_resolved_unless_the_year_was_filled(
    normaliser: NumberNormaliser,
) -> None:
    found = numbers_in(
        normaliser, "It fell on 15 October, 2017, after Oct. 17 talks.", published_at=PUBLISHED
    )
    assert [(m["text"], m["resolved"]) for m in found] == [("15 October, 2017", False), ("Oct. 17", True)]


@pytest.mark.parametrize(
    "text",
    [
        "PUBLISHED : Sunday, 15 October, 2017, 9:37pm",  # the weekday belongs to the date
        "Candidates campaigned before Super Tuesday, the Sunday Times said.",
        "Theresa May spoke.",
        "ISIS first rose to prominence.",
    ],
)
def test_weekdays_months_and_ordinals_inside_names_or_dates_are_not_read(
    normaliser: NumberNormaliser, text: str
) -> None:
    found = numbers_in(normaliser, text)
    assert not [m for m in found if m["text"] in ("Sunday", "Tuesday", "May", "first")]
