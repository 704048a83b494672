"""Turns a search request into an Elasticsearch query body, and a response back into hits.

Pure functions: no I/O here, so the query shapes are tested as tables of input and output.
User text is parsed by `query_language` and only ever becomes the *text* of match queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.plugins.errors import InvalidRequestError
from newsdesk.search_api.search.expansion import QueryExpander
from newsdesk.search_api.search.facets import FacetRegistry, facet_aggregation, filter_clause, read_buckets
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.number_filters import matched_numbers, number_clauses
from newsdesk.search_api.search.query_language import FIELDS, Clause, ParsedQuery, parse_query
from newsdesk.search_api.search.suggest import read_suggestion, suggest_clause

# Plugins add their own text fields (`newsdesk_register_search_fields`): the entity plugin's names.
CORE_TEXT_FIELDS = ("title^3", "content")
SOURCE_FIELDS = [
    "title",
    "source",
    "published_at",
    "url",
    "authors",
    "category",
    "language",
    "story_id",
    "duplicate_of",
    "copies",
]
SORTS: dict[str, list[Any]] = {
    "relevance": [{"_score": "desc"}, {"published_at": {"order": "desc", "missing": "_last"}}],
    "date": [{"published_at": {"order": "desc", "missing": "_last"}}, {"_score": "desc"}],
    "date_asc": [{"published_at": {"order": "asc", "missing": "_last"}}, {"_score": "desc"}],
}
PROXIMITY_SLOP = 3
# The `lemmas` plugin's fields. A word's other forms match there, below the form typed: an article
# with the exact word scores on both its text and its lemmas, one with another form only on these.
LEMMA_FIELDS = ("lemmas.title^3", "lemmas.content")
LEMMA_BOOST = 0.5
SYNONYM_BOOST = 0.5
# Up to 3 free words must all match (in some form); of more, three quarters must.
SOFT_AND_FROM = 4
SOFT_AND = "3<75%"


class InvalidSearchError(InvalidRequestError):
    """A request naming an unknown sort or facet, or using a facet the wrong way."""


def clause_query(clause: Clause, text_fields: Sequence[str] = CORE_TEXT_FIELDS) -> dict[str, Any]:
    """One word or phrase as a match query on its field, or on all text fields."""
    if clause.field is None:
        kind = "phrase" if clause.phrase else "best_fields"
        query: dict[str, Any] = {"query": clause.text, "fields": list(text_fields), "type": kind}
        if not clause.phrase:
            query["operator"] = "and"
        return {"multi_match": query}
    field, kind = FIELDS[clause.field]
    if kind == "keyword":
        return {"term": {field: {"value": clause.text, "case_insensitive": True}}}
    if clause.phrase:
        return {"match_phrase": {field: clause.text}}
    return {"match": {field: {"query": clause.text, "operator": "and"}}}


def _is_free_word(group: tuple[Clause, ...]) -> bool:
    return len(group) == 1 and group[0].field is None and not group[0].phrase


def word_query(clause: Clause, text_fields: Sequence[str], expander: QueryExpander | None) -> dict[str, Any]:
    """A free word: exactly in any text field, or (ranked lower) as one of its lemmas."""
    exact = clause_query(clause, text_fields)
    lemmas = expander.lemmas(clause.text) if expander else ()
    if not lemmas:
        return exact
    other_forms = [
        {"multi_match": {"query": lemma, "fields": list(LEMMA_FIELDS), "operator": "and"}} for lemma in lemmas
    ]
    forms = {"bool": {"should": other_forms, "minimum_should_match": 1, "boost": LEMMA_BOOST}}
    return {"bool": {"should": [exact, forms], "minimum_should_match": 1}}


def synonym_query(alternatives: Sequence[str]) -> dict[str, Any]:
    phrases = [
        {"multi_match": {"query": text, "fields": ["title^3", "content"], "type": "phrase"}}
        for text in alternatives
    ]
    return {"bool": {"should": phrases, "minimum_should_match": 1, "boost": SYNONYM_BOOST}}


def required_queries(
    parsed: ParsedQuery, text_fields: Sequence[str], expander: QueryExpander | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One query per required group, as (phrases, fields and OR groups; free words).

    A run of free words that has synonyms may match those instead.
    """
    must: list[dict[str, Any]] = []
    free: list[bool] = []
    for group in parsed.required:
        free.append(_is_free_word(group))
        if _is_free_word(group):
            must.append(word_query(group[0], text_fields, expander))
        elif len(group) == 1:
            must.append(clause_query(group[0], text_fields))
        else:
            alternatives = [clause_query(c, text_fields) for c in group]
            must.append({"bool": {"should": alternatives, "minimum_should_match": 1}})
    if expander is not None:
        words = [group[0].text if _is_free_word(group) else "\0" for group in parsed.required]
        for match in reversed(expander.synonym_matches(words)):
            typed = must[match.start : match.end]
            as_typed = typed[0] if len(typed) == 1 else {"bool": {"must": typed}}
            either = [as_typed, synonym_query(match.alternatives)]
            must[match.start : match.end] = [{"bool": {"should": either, "minimum_should_match": 1}}]
            free[match.start : match.end] = [True]
    return [q for q, f in zip(must, free, strict=True) if not f], [
        q for q, f in zip(must, free, strict=True) if f
    ]


def text_query(
    parsed: ParsedQuery, text_fields: Sequence[str] = CORE_TEXT_FIELDS, expander: QueryExpander | None = None
) -> dict[str, Any]:
    strict, words = required_queries(parsed, text_fields, expander)
    if len(words) >= SOFT_AND_FROM:
        # Many words describe what an article is about; an article rarely uses every one of them.
        words = [{"bool": {"should": words, "minimum_should_match": SOFT_AND}}]
    must = strict + words
    query: dict[str, Any] = {"must": must or [{"match_all": {}}]}
    if parsed.excluded:
        query["must_not"] = [clause_query(clause, text_fields) for clause in parsed.excluded]
    if len(parsed.free_text.split()) > 1:
        query["should"] = [
            {"match_phrase": {"content": {"query": parsed.free_text, "slop": PROXIMITY_SLOP, "boost": 2}}},
            {"match_phrase": {"title": {"query": parsed.free_text, "slop": PROXIMITY_SLOP, "boost": 2}}},
        ]
    return {"bool": query}


def selection_clauses(request: SearchRequest, registry: FacetRegistry) -> dict[str, dict[str, Any]]:
    """One filter clause per facet with a selection, keyed by facet name."""
    clauses = {}
    for name, values in request.filters.items():
        facet = registry.get(name)
        if facet.kind != "terms":
            msg = f"facet {name!r} cannot be used in filters; use date_from / date_to"
            raise InvalidSearchError(msg)
        if values:
            clauses[name] = filter_clause(facet, values)
    return clauses


def sort_clause(sort: str) -> list[Any]:
    if sort not in SORTS:
        msg = f"unknown sort {sort!r}; allowed: {', '.join(SORTS)}"
        raise InvalidSearchError(msg)
    return list(SORTS[sort])


def build_search_body(
    request: SearchRequest,
    registry: FacetRegistry,
    text_fields: Sequence[str] = CORE_TEXT_FIELDS,
    expander: QueryExpander | None = None,
) -> dict[str, Any]:
    selections = selection_clauses(request, registry)
    parsed = parse_query(request.query)
    must = [text_query(parsed, text_fields, expander)]
    query: dict[str, Any] = {"bool": {"must": must, "filter": []}}
    if request.date_from or request.date_to:
        bounds = {
            key: str(value) for key, value in (("gte", request.date_from), ("lte", request.date_to)) if value
        }
        query["bool"]["filter"].append({"range": {"published_at": bounds}})
    query["bool"]["filter"].extend(number_clauses(request.numbers))
    if not request.show_copies:  # a copy's original stands for it, with the copies' count
        query["bool"]["must_not"] = [{"exists": {"field": "duplicate_of"}}]
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
        "size": request.size,
        "sort": sort_clause(request.sort),
        "track_total_hits": True,
        "_source": SOURCE_FIELDS,
        "aggs": aggs,
        "highlight": {
            "fields": {
                "content": {"fragment_size": 180, "number_of_fragments": 3, "no_match_size": 180},
                "title": {"number_of_fragments": 0},
            },
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
        },
    }
    if request.cursor is None:
        body["from"] = (request.page - 1) * request.size
    suggest = suggest_clause(parsed.free_text)
    if suggest is not None:
        body["suggest"] = suggest
    if selections:
        body["post_filter"] = {"bool": {"filter": list(selections.values())}}
    return body


def read_hit(hit: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": hit["_id"],
        "score": hit.get("_score"),
        **{field: hit["_source"].get(field) for field in SOURCE_FIELDS},
        "highlights": hit.get("highlight", {}),
        "numbers": matched_numbers(hit),
    }


def read_facets(response: dict[str, Any], request: SearchRequest, registry: FacetRegistry) -> dict[str, Any]:
    facets = {}
    for name, aggregation in response.get("aggregations", {}).items():
        facet = registry.get(name)
        selected = set(request.filters.get(name, []))
        buckets = read_buckets(facet, aggregation["facet"])
        facets[name] = {
            **facet.as_dict(),
            "values": [{**bucket, "selected": bucket["value"] in selected} for bucket in buckets],
        }
    return facets


def read_search_response(
    response: dict[str, Any], request: SearchRequest, registry: FacetRegistry
) -> dict[str, Any]:
    return {
        "total": response["hits"]["total"]["value"],
        "page": request.page,
        "size": request.size,
        "hits": [read_hit(hit) for hit in response["hits"]["hits"]],
        "facets": read_facets(response, request, registry),
        "did_you_mean": read_suggestion(response, request.query),
    }
