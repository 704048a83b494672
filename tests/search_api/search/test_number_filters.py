"""Number filters: the nested clauses built from them, and the matches read back from hits."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from newsdesk.plugins.specs import Facet
from newsdesk.search_api.search.facets import CORE_FACETS, FacetRegistry
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.number_filters import (
    NumberFilter,
    bounds_clause,
    lemmatise,
    matched_numbers,
    number_clause,
    number_clauses,
)
from newsdesk.search_api.search.query import build_search_body, read_hit

pytestmark = pytest.mark.unit

LEMMAS = {("people", "noun"): "people", ("civilians", "noun"): "civilian", ("killed", "verb"): "kill"}


def fake_lemma(word: str, pos: str) -> str:
    return LEMMAS.get((word, pos), word)


def single(query: dict[str, Any]) -> list[dict[str, Any]]:
    return query["bool"]["should"][0]["bool"]["filter"]


@pytest.mark.parametrize(
    ("low", "high", "figure", "at_most", "interval"),
    [
        (
            1000, None,
            {"range": {"numbers.value": {"gte": 1000}}},
            {"range": {"numbers.value": {"gt": 1000}}},
            [{"range": {"numbers.high": {"gte": 1000}}}],
        ),
        (
            None, 999,
            {"range": {"numbers.value": {"lte": 999}}},
            {"range": {"numbers.value": {"lte": 999}}},
            [{"range": {"numbers.low": {"lte": 999}}}],
        ),
        (
            10, 20,
            {"range": {"numbers.value": {"gte": 10, "lte": 20}}},
            {"range": {"numbers.value": {"gt": 10, "lte": 20}}},
            [{"range": {"numbers.high": {"gte": 10}}}, {"range": {"numbers.low": {"lte": 20}}}],
        ),
    ],
)  # fmt: skip
def test_bounds_compare_stated_figures_and_overlap_intervals(
    low: float | None, high: float | None, figure: dict, at_most: dict, interval: list
) -> None:
    clause = bounds_clause(low, high)
    assert clause is not None
    should = clause["bool"]["should"]
    assert should[0]["bool"]["filter"] == [
        {"terms": {"numbers.qualifier": ["exact", "about", "at_least", "up_to"]}},
        figure,
    ]
    assert should[1]["bool"]["filter"] == [{"term": {"numbers.qualifier": "at_most"}}, at_most]
    assert should[2]["bool"]["filter"] == [{"terms": {"numbers.qualifier": ["range", "vague"]}}, *interval]
    assert clause["bool"]["minimum_should_match"] == 1


def test_no_bounds_no_clause() -> None:
    assert bounds_clause(None, None) is None


def test_filter_becomes_one_nested_query_with_lemmas_and_inner_hits() -> None:
    number = NumberFilter(counted="People", verb="killed", min=1000)
    clause = number_clause(number, "numbers_0", fake_lemma)["nested"]

    assert clause["path"] == "numbers"
    conditions = clause["query"]["bool"]["filter"]
    assert conditions[0] == {"terms": {"numbers.counted": ["people"]}}
    assert conditions[1] == {"terms": {"numbers.verb": ["kill", "killed"]}}
    assert conditions[2] == bounds_clause(1000, None)
    # bounds without a kind leave years, dates, times and ordinals out
    assert clause["query"]["bool"]["must_not"] == [
        {"terms": {"numbers.kind": ["year", "date", "time", "ordinal"]}}
    ]
    assert clause["inner_hits"]["name"] == "numbers_0"
    assert clause["inner_hits"]["sort"] == [{"numbers.start": "asc"}]


def test_kind_filter_without_bounds_keeps_every_kind_it_names() -> None:
    clause = number_clause(NumberFilter(kind="year"), "numbers_0", fake_lemma)["nested"]
    assert clause["query"] == {"bool": {"filter": [{"term": {"numbers.kind": "year"}}]}}


def test_a_change_filter_asks_for_the_part_and_direction_of_a_reported_change() -> None:
    """ "fell by at least 5%": the amount of a change downwards, a percent of 0.05 or more."""
    number = NumberFilter(kind="percent", change="by", direction="down", min=0.05)
    conditions = number_clause(number, "numbers_0", fake_lemma)["nested"]["query"]["bool"]["filter"]
    assert conditions[:3] == [
        {"term": {"numbers.kind": "percent"}},
        {"term": {"numbers.change": "by"}},
        {"term": {"numbers.direction": "down"}},
    ]
    assert conditions[3] == bounds_clause(0.05, None)


def test_several_filters_are_anded_in_the_query_filter() -> None:
    request = SearchRequest(numbers=[NumberFilter(counted="people", min=1000), NumberFilter(kind="money")])
    body = build_search_body(request, FacetRegistry(list(CORE_FACETS)))
    nested = [clause["nested"] for clause in body["query"]["bool"]["filter"] if "nested" in clause]
    assert [clause["inner_hits"]["name"] for clause in nested] == ["numbers_0", "numbers_1"]
    assert "post_filter" not in body  # number filters narrow the facet counts too


def test_number_clauses_name_inner_hits_in_order() -> None:
    clauses = number_clauses([NumberFilter(kind="count"), NumberFilter(kind="percent")], fake_lemma)
    assert [c["nested"]["inner_hits"]["name"] for c in clauses] == ["numbers_0", "numbers_1"]


@pytest.mark.parametrize(
    "fields",
    [{}, {"min": 10, "max": 1}, {"kind": "weight"}, {"counted": ""}, {"value": 3}, {"direction": "sideways"}],
)
def test_filters_that_say_nothing_or_contradict_themselves_are_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        NumberFilter(**fields)


def mention(text: str, start: int, **fields: Any) -> dict[str, Any]:
    return {"_source": {"text": text, "start": start, "end": start + len(text), "kind": "count", **fields}}


def test_matches_are_read_from_every_number_filter_once_in_text_order() -> None:
    hit = {
        "_id": "a",
        "_source": {"title": "T"},
        "inner_hits": {
            "numbers_1": {"hits": {"hits": [mention("1,130", 90, counted="civilian")]}},
            "numbers_0": {
                "hits": {"hits": [mention("as many as 3,250", 40, value=3250.0), mention("1,130", 90)]}
            },
            "similar": {"hits": {"hits": [mention("ignored", 0)]}},
        },
    }
    found = matched_numbers(hit)
    assert [(m["text"], m["start"]) for m in found] == [("as many as 3,250", 40), ("1,130", 90)]
    assert found[0]["value"] == 3250.0 and found[0]["verb"] is None
    assert read_hit(hit)["numbers"] == found


def test_hits_without_number_filters_show_no_numbers() -> None:
    assert matched_numbers({"_id": "a", "_source": {}}) == []


@pytest.mark.parametrize(
    ("word", "pos", "lemma"),
    [
        ("people", "noun", "people"),
        ("Civilians", "noun", "civilian"),
        ("police officers", "noun", "officer"),
        ("killed", "verb", "kill"),
        ("were killed", "verb", "kill"),
        ("fled", "verb", "flee"),
        ("displaced", "verb", "displace"),
    ],
)
def test_typed_words_are_lemmatised_as_the_indexer_does(word: str, pos: Any, lemma: str) -> None:
    assert lemmatise(word, pos) == lemma


def test_counted_facet_is_registered_by_the_numbers_plugin() -> None:
    from newsdesk.plugins.builtin import numbers

    facets: list[Facet] = []
    numbers.newsdesk_register_facets(register=facets.append)
    assert [(f.name, f.field, f.path) for f in facets] == [("counted", "numbers.counted", "numbers")]


def test_the_search_example_in_the_numbers_guide_is_a_valid_request() -> None:
    from pathlib import Path

    guide = (Path(__file__).resolve().parents[3] / "docs" / "numbers.md").read_text(encoding="utf-8")
    examples = [block.split("```", 1)[0] for block in guide.split("```json")[1:]]
    assert examples
    for example in examples:
        request = SearchRequest.model_validate_json(example)
        assert request.numbers and request.numbers[0].counted == "people"
