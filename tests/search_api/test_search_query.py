"""The Elasticsearch bodies built from search requests, checked as input -> expected shape."""

from __future__ import annotations

import pytest

from plugins.specs import Facet
from search_api.facets import CORE_FACETS, FacetRegistry, UnknownFacetError
from search_api.schemas import SearchRequest
from search_api.search_query import InvalidFilterError, build_search_body, text_query

pytestmark = pytest.mark.unit

PEOPLE = Facet(name="people", field="entities.name", path="entities", where={"entities.label": ["PERSON"]})
REGISTRY = FacetRegistry([*CORE_FACETS, PEOPLE])


def test_empty_query_matches_everything() -> None:
    assert text_query("  ") == {"match_all": {}}


def test_user_text_only_ever_reaches_simple_query_string_and_a_phrase_boost() -> None:
    query = text_query('{"script": "x"} *:*')
    assert query["bool"]["must"][0]["simple_query_string"]["query"] == '{"script": "x"} *:*'
    assert query["bool"]["should"][0]["match_phrase"]["content"]["query"] == '{"script": "x"} *:*'
    assert "query_string" not in str(query).replace("simple_query_string", "")


def test_selections_filter_hits_but_each_facet_counts_under_the_others_only() -> None:
    request = SearchRequest(query="Raqqa", filters={"source": ["Xinhua", "SCMP"], "people": ["Ryan Dillon"]})
    body = build_search_body(request, REGISTRY)

    source_clause = {"terms": {"source": ["Xinhua", "SCMP"]}}
    people_clause = {
        "nested": {
            "path": "entities",
            "query": {
                "bool": {
                    "filter": [
                        {"terms": {"entities.name": ["Ryan Dillon"]}},
                        {"terms": {"entities.label": ["PERSON"]}},
                    ]
                }
            },
        }
    }
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
        ({"filters": {"published": ["2017-10"]}}, InvalidFilterError, "published"),
    ],
)
def test_bad_facet_names_are_refused_by_name(request_fields: dict, error: type, named: str) -> None:
    with pytest.raises(error, match=named):
        build_search_body(SearchRequest(**request_fields), REGISTRY)


def test_paging_and_date_sort() -> None:
    body = build_search_body(SearchRequest(page=3, size=20, sort="date"), REGISTRY)
    assert (body["from"], body["size"]) == (40, 20)
    assert body["sort"][0] == {"published_at": {"order": "desc", "missing": "_last"}}


def test_requests_past_the_result_window_are_refused() -> None:
    with pytest.raises(ValueError, match="10000"):
        SearchRequest(page=101, size=100)
