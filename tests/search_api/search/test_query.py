"""The Elasticsearch bodies built from search requests, checked as input -> expected shape."""

from __future__ import annotations

import json

import pytest

from newsdesk.plugins.specs import Facet
from newsdesk.search_api.search.facets import CORE_FACETS, FacetRegistry, UnknownFacetError
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.query import (
    CORE_TEXT_FIELDS,
    InvalidSearchError,
    build_search_body,
    text_query,
)
from newsdesk.search_api.search.query_language import parse_query

pytestmark = pytest.mark.unit

PEOPLE = Facet(name="people", field="entities.name", path="entities", where={"entities.label": ["PERSON"]})
REGISTRY = FacetRegistry([*CORE_FACETS, PEOPLE])


def query_for(text: str) -> dict:
    return text_query(parse_query(text))


def test_empty_query_matches_everything() -> None:
    assert query_for("  ") == {"bool": {"must": [{"match_all": {}}]}}


def test_words_must_all_match_and_a_phrase_of_them_ranks_higher() -> None:
    query = query_for("raqqa stadium")["bool"]
    assert [m["multi_match"]["query"] for m in query["must"]] == ["raqqa", "stadium"]
    assert all(m["multi_match"]["operator"] == "and" for m in query["must"])
    assert query["should"][0] == {
        "match_phrase": {"content": {"query": "raqqa stadium", "slop": 3, "boost": 2}}
    }


def test_phrase_exclusion_and_fields_become_their_own_clauses() -> None:
    query = query_for('"Syrian Democratic Forces" -Mosul source:xinhua title:raqqa')["bool"]
    assert query["must"] == [
        {
            "multi_match": {
                "query": "Syrian Democratic Forces",
                "fields": list(CORE_TEXT_FIELDS),
                "type": "phrase",
            }
        },
        {"term": {"source": {"value": "xinhua", "case_insensitive": True}}},
        {"match": {"title": {"query": "raqqa", "operator": "and"}}},
    ]
    assert query["must_not"] == [
        {
            "multi_match": {
                "query": "Mosul",
                "fields": list(CORE_TEXT_FIELDS),
                "type": "best_fields",
                "operator": "and",
            }
        }
    ]


def test_or_groups_become_a_should() -> None:
    [group] = query_for("isis OR daesh")["bool"]["must"]
    assert [m["multi_match"]["query"] for m in group["bool"]["should"]] == ["isis", "daesh"]
    assert group["bool"]["minimum_should_match"] == 1


def test_user_text_never_becomes_query_syntax() -> None:
    body = json.dumps(query_for('{"script": {"source": "1"}} *:* content:/.*/'))
    assert "query_string" not in body and '"script":' not in body and "regexp" not in body


def test_selections_filter_hits_but_each_facet_counts_under_the_others_only() -> None:
    request = SearchRequest(query="Raqqa", filters={"source": ["Xinhua", "SCMP"], "people": ["Ryan Dillon"]})
    body = build_search_body(request, REGISTRY)

    source_clause = {"terms": {"source": ["Xinhua", "SCMP"]}}
    person = [{"terms": {"entities.name": ["Ryan Dillon"]}}, {"terms": {"entities.label": ["PERSON"]}}]
    people_clause = {"nested": {"path": "entities", "query": {"bool": {"filter": person}}}}
    assert body["post_filter"] == {"bool": {"filter": [source_clause, people_clause]}}
    assert body["aggs"]["source"]["filter"] == {"bool": {"filter": [people_clause]}}
    assert body["aggs"]["people"]["filter"] == {"bool": {"filter": [source_clause]}}
    assert body["aggs"]["category"]["filter"] == {"bool": {"filter": [source_clause, people_clause]}}


def test_nested_facets_count_articles_not_mentions() -> None:
    body = build_search_body(SearchRequest(facets=["people"]), REGISTRY)
    values = body["aggs"]["people"]["aggs"]["facet"]["aggs"]["where"]["aggs"]["values"]
    assert values["aggs"] == {"articles": {"reverse_nested": {}}}


@pytest.mark.parametrize(
    ("request_fields", "error", "named"),
    [
        ({"filters": {"colour": ["red"]}}, UnknownFacetError, "colour"),
        ({"facets": ["colour"]}, UnknownFacetError, "colour"),
        ({"filters": {"published": ["2017-10"]}}, InvalidSearchError, "published"),
        (
            {"sort": "popularity"},
            InvalidSearchError,
            "unknown sort 'popularity'; allowed: relevance, date, date_asc",
        ),
    ],
)
def test_bad_names_are_refused_by_name(request_fields: dict, error: type, named: str) -> None:
    with pytest.raises(error, match=named):
        build_search_body(SearchRequest(**request_fields), REGISTRY)


def test_paging_and_date_sort() -> None:
    body = build_search_body(SearchRequest(page=3, size=20, sort="date"), REGISTRY)
    assert (body["from"], body["size"]) == (40, 20)
    assert body["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}


def test_requests_past_the_result_window_are_refused_with_the_limit() -> None:
    with pytest.raises(ValueError, match="10000; page further with cursor"):
        SearchRequest(page=101, size=100)


@pytest.mark.parametrize(
    ("typed", "value", "matches"),
    [
        ("Der", "Deir ez-Zor", True),
        ("dair", "Deir ez-Zor", True),
        ("zor", "Deir ez-Zor", True),
        ("may", "al-Mayadin", True),
        ("Der", "Raqqa", False),
        ("u.s", "U.S. State Department", True),
        ("a(b", "a(b", True),
    ],
)
def test_typeahead_forgives_vowels_and_case_at_word_starts(typed: str, value: str, matches: bool) -> None:
    import re

    from newsdesk.search_api.search.service import typeahead_pattern

    # Lucene's regexp is anchored like re.fullmatch and shares this subset of syntax.
    assert bool(re.fullmatch(typeahead_pattern(typed), value)) is matches
