"""Requests in words compile to the search they mean: names, dates, figures, and the words left."""

from __future__ import annotations

from datetime import date

import pytest

from newsdesk.search_api.ask.compiler import compile_request
from newsdesk.search_api.ask.vocabulary import KnownEntity, StaticVocabulary

pytestmark = pytest.mark.unit

TODAY = date(2018, 3, 14)  # a Wednesday
VOCABULARY = StaticVocabulary(
    ["Xinhua", "BBC News", "The Guardian"],
    [
        KnownEntity("Theresa May", "PERSON"),
        KnownEntity("Islamic State", "ORG", ("IS", "ISIS")),
        KnownEntity("United States", "GPE", ("US",)),
        KnownEntity("Aleppo", "GPE"),
        KnownEntity("Kurds", "NORP"),
    ],
)


@pytest.mark.parametrize(
    ("ask", "filters", "dates", "numbers", "query"),
    [
        ("Theresa May in May", {"people": ["Theresa May"]}, ("2017-05-01", "2017-05-31"), [], ""),
        ("what is the US doing about IS", {"places": ["United States"], "organizations": ["Islamic State"]},
         (None, None), [], ""),
        ("tell us about isis", {"organizations": ["Islamic State"]}, (None, None), [], "tell"),
        ("The Guardian and BBC News on Aleppo sieges since February",
         {"source": ["The Guardian", "BBC News"], "places": ["Aleppo"]}, ("2018-02-01", None), [], "sieges"),
        ("Kurds where no fewer than 2 million people were displaced, the past 2 weeks", {"groups": ["Kurds"]},
         ("2018-03-01", "2018-03-14"), [{"counted": "people", "verb": "displaced", "min": 2e6}], ""),
        ("shelling with up to 12 children wounded before 2018", {}, (None, "2017-12-31"),
         [{"counted": "children", "verb": "wounded", "max": 12.0}], "shelling"),
        ("bread prices", {}, (None, None), [], "bread prices"),
    ],
)  # fmt: skip
def test_a_request_compiles_to_its_filters(
    ask: str, filters: dict, dates: tuple, numbers: list, query: str
) -> None:
    compiled = compile_request(ask, VOCABULARY, TODAY)

    assert compiled.filters == filters
    assert tuple(d.isoformat() if d else None for d in (compiled.date_from, compiled.date_to)) == dates
    assert [n.model_dump(exclude_none=True) for n in compiled.numbers] == numbers
    assert compiled.query == query


def test_each_part_is_a_chip_in_the_requests_order() -> None:
    compiled = compile_request(
        "Xinhua on Aleppo last week where over 100 people were killed", VOCABULARY, TODAY
    )

    assert [(chip.kind, chip.label) for chip in compiled.chips] == [
        ("filter", "Xinhua"),
        ("filter", "Aleppo"),
        ("date", "last week"),
        ("figure", "over 100 people were killed"),
    ]
    assert compiled.chips[1].facet == "places"
