"""Turns a search request into an Elasticsearch query body, and a response back into hits.

Pure functions: no I/O here, so the query shapes are tested as tables of input and output.
User text goes to `simple_query_string`, which accepts quotes, `-` and `|`/`OR` but never
raises on bad syntax and never runs Lucene or Query DSL the user typed.
"""

from __future__ import annotations

from typing import Any

from search_api.facets import FacetRegistry, facet_aggregation, filter_clause, read_buckets
from search_api.schemas import SearchRequest

TEXT_FIELDS = ["title^3", "content"]
QUERY_FLAGS = "PHRASE|NOT|OR|PRECEDENCE|WHITESPACE|ESCAPE"
SOURCE_FIELDS = ["title", "source", "published_at", "url", "authors", "category", "language"]
MAX_RESULT_WINDOW = 10_000


class InvalidFilterError(ValueError):
    """A filter that names an unknown facet or cannot filter."""


def text_query(text: str) -> dict[str, Any]:
    if not text.strip():
        return {"match_all": {}}
    return {
        "bool": {
            "must": [
                {
                    "simple_query_string": {
                        "query": text,
                        "fields": TEXT_FIELDS,
                        "default_operator": "and",
                        "flags": QUERY_FLAGS,
                    }
                }
            ],
            "should": [{"match_phrase": {"content": {"query": text, "slop": 3, "boost": 2}}}],
        }
    }


def selection_clauses(request: SearchRequest, registry: FacetRegistry) -> dict[str, dict[str, Any]]:
    """One filter clause per facet with a selection, keyed by facet name."""
    clauses = {}
    for name, values in request.filters.items():
        facet = registry.get(name)
        if facet.kind != "terms":
            msg = f"facet {name!r} cannot be used in filters; use date_from / date_to"
            raise InvalidFilterError(msg)
        if values:
            clauses[name] = filter_clause(facet, values)
    return clauses


def build_search_body(request: SearchRequest, registry: FacetRegistry) -> dict[str, Any]:
    selections = selection_clauses(request, registry)
    query: dict[str, Any] = {"bool": {"must": [text_query(request.query)], "filter": []}}
    if request.date_from or request.date_to:
        bounds = {
            key: value for key, value in (("gte", request.date_from), ("lte", request.date_to)) if value
        }
        query["bool"]["filter"].append({"range": {"published_at": bounds}})
    facets = request.facets if request.facets is not None else registry.names
    aggs = {}
    for name in facets:
        facet = registry.get(name)
        others = [clause for other, clause in selections.items() if other != name]
        aggs[name] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"facet": facet_aggregation(facet, request.facet_size, request.date_interval)},
        }
    body: dict[str, Any] = {
        "query": query,
        "from": (request.page - 1) * request.size,
        "size": request.size,
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
        "aggs": aggs,
        "highlight": {
            "fields": {
                "content": {"fragment_size": 180, "number_of_fragments": 3},
                "title": {"number_of_fragments": 0},
            },
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
        },
    }
    if selections:
        body["post_filter"] = {"bool": {"filter": list(selections.values())}}
    if request.sort == "date":
        body["sort"] = [{"published_at": {"order": "desc", "missing": "_last"}}, "_score"]
    return body


def read_search_response(
    response: dict[str, Any], request: SearchRequest, registry: FacetRegistry
) -> dict[str, Any]:
    hits = [
        {
            "id": hit["_id"],
            "score": hit.get("_score"),
            **{field: hit["_source"].get(field) for field in SOURCE_FIELDS},
            "highlights": hit.get("highlight", {}),
        }
        for hit in response["hits"]["hits"]
    ]
    facets = {}
    for name, aggregation in response.get("aggregations", {}).items():
        facet = registry.get(name)
        selected = set(request.filters.get(name, []))
        buckets = read_buckets(facet, aggregation["facet"])
        facets[name] = {
            **facet.as_dict(),
            "values": [{**bucket, "selected": bucket["value"] in selected} for bucket in buckets],
        }
    return {
        "total": response["hits"]["total"]["value"],
        "page": request.page,
        "size": request.size,
        "hits": hits,
        "facets": facets,
    }
