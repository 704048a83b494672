"""The facet registry: core facets plus every plugin's, and the Elasticsearch clauses for them.

Faceting is disjunctive: the selections go into `post_filter`, and each facet's counts are taken
under every *other* facet's selection, so ticking one value still shows its siblings' counts.
"""

from __future__ import annotations

from typing import Any

from newsdesk.plugins.errors import InvalidRequestError
from newsdesk.plugins.specs import Facet

CORE_FACETS = (
    Facet(name="source", label="Sources", field="source", plugin="core"),
    Facet(name="authors", label="Authors", field="authors", plugin="core"),
    Facet(name="category", label="Categories", field="category", plugin="core"),
    Facet(name="language", label="Languages", field="language", plugin="core"),
    Facet(
        name="published", label="Publication date", field="published_at", kind="date_histogram", plugin="core"
    ),
)


class UnknownFacetError(InvalidRequestError):
    """A facet name that no plugin registered."""


class FacetRegistry:
    def __init__(self, facets: list[Facet]) -> None:
        self._facets: dict[str, Facet] = {}
        for facet in facets:
            if facet.name in self._facets:
                owner = self._facets[facet.name].plugin
                msg = f"facet {facet.name!r} of plugin {facet.plugin!r} is already registered by {owner!r}"
                raise ValueError(msg)
            self._facets[facet.name] = facet

    @property
    def names(self) -> list[str]:
        return list(self._facets)

    def get(self, name: str) -> Facet:
        if name not in self._facets:
            msg = f"unknown facet {name!r}; allowed: {', '.join(sorted(self._facets))}"
            raise UnknownFacetError(msg)
        return self._facets[name]

    def all(self) -> list[Facet]:
        return list(self._facets.values())


def _where_clauses(facet: Facet) -> list[dict[str, Any]]:
    return [{"terms": {field: values}} for field, values in facet.where.items()]


def filter_clause(facet: Facet, values: list[str]) -> dict[str, Any]:
    """Articles having any of `values` in this facet (OR within a facet)."""
    match = {"terms": {facet.field: values}}
    if facet.path is None:
        return match
    return {"nested": {"path": facet.path, "query": {"bool": {"filter": [match, *_where_clauses(facet)]}}}}


def facet_aggregation(facet: Facet, size: int | None = None, interval: str = "month") -> dict[str, Any]:
    """Counts of articles per value of a facet."""
    if facet.kind == "date_histogram":
        return {"date_histogram": {"field": facet.field, "calendar_interval": interval, "min_doc_count": 1}}
    terms = {"terms": {"field": facet.field, "size": size or facet.size}}
    if facet.path is None:
        return terms
    where = {"bool": {"filter": _where_clauses(facet)}} if facet.where else {"match_all": {}}
    terms["terms"]["order"] = {"articles": "desc"}  # rank by articles, not by mentions
    per_article = {**terms, "aggs": {"articles": {"reverse_nested": {}}}}
    return {
        "nested": {"path": facet.path},
        "aggs": {"where": {"filter": where, "aggs": {"values": per_article}}},
    }


MONTH_FORMAT = "yyyy-MM"


def month_aggregation(facet: Facet) -> dict[str, Any]:
    """Articles per month of a date facet, newest first, keyed `2017-10`: type-ahead's values."""
    histogram = {"field": facet.field, "calendar_interval": "month", "min_doc_count": 1}
    return {"date_histogram": {**histogram, "format": MONTH_FORMAT, "order": {"_key": "desc"}}}


def read_months(aggregation: dict[str, Any], prefix: str, size: int) -> list[dict[str, Any]]:
    """The first `size` months whose `yyyy-MM` key starts with `prefix`, with their counts."""
    buckets = [b for b in aggregation["buckets"] if b["key_as_string"].startswith(prefix.strip())]
    return [{"value": b["key_as_string"], "count": b["doc_count"]} for b in buckets[:size]]


def read_buckets(facet: Facet, aggregation: dict[str, Any]) -> list[dict[str, Any]]:
    """(value, count) pairs from an aggregation result, counting articles, not mentions."""
    if facet.kind == "date_histogram":
        return [{"value": b["key_as_string"], "count": b["doc_count"]} for b in aggregation["buckets"]]
    if facet.path is None:
        return [{"value": b["key"], "count": b["doc_count"]} for b in aggregation["buckets"]]
    buckets = aggregation["where"]["values"]["buckets"]
    return [{"value": b["key"], "count": b["articles"]["doc_count"]} for b in buckets]
