"""Runs searches against the article index: plain pages, cursor pages, facet-value lookups."""

from __future__ import annotations

import re
from typing import Any

from elasticsearch import NotFoundError

from search_api.cursor import START, Cursor, InvalidCursorError, apply_cursor, next_cursor
from search_api.facets import facet_aggregation, read_buckets
from search_api.schemas import SearchRequest
from search_api.search_query import build_search_body, read_search_response
from search_api.services import Services


def search(services: Services, request: SearchRequest) -> dict[str, Any]:
    body = build_search_body(request, services.facets)
    services.ensure_index()
    alias = services.settings.index_alias
    if request.cursor is None:
        response = services.client.search(index=alias, **body).body
        return read_search_response(response, request, services.facets)
    if request.cursor == START:
        cursor = Cursor(pit_id=services.client.open_point_in_time(index=alias, keep_alive="2m")["id"])
    else:
        cursor = Cursor.decode(request.cursor)
    try:
        response = services.client.search(**apply_cursor(body, cursor)).body
    except NotFoundError as e:
        msg = "the cursor has expired (2 minutes unused); start again with cursor='*'"
        raise InvalidCursorError(msg) from e
    return {
        **read_search_response(response, request, services.facets),
        "next_cursor": next_cursor(response, request.size),
    }


def _case_insensitive_prefix(prefix: str) -> str:
    """A Lucene regexp matching values that start with `prefix`, in any letter case."""
    parts = []
    for char in prefix:
        if char.isalpha():
            parts.append(f"[{char.lower()}{char.upper()}]")
        else:
            parts.append(re.sub(r"([.?+*|{}\[\]()\"\\#@&<>~])", r"\\\1", char))
    return "".join(parts) + ".*"


def facet_values(services: Services, name: str, prefix: str, size: int) -> list[dict[str, Any]]:
    """Values of a facet starting with `prefix` (any case), with article counts: for type-ahead."""
    facet = services.facets.get(name)
    aggregation = facet_aggregation(facet, size)
    terms = aggregation["aggs"]["where"]["aggs"]["values"] if facet.path else aggregation
    terms["terms"]["include"] = _case_insensitive_prefix(prefix)
    services.ensure_index()
    response = services.client.search(
        index=services.settings.index_alias, size=0, aggs={"facet": aggregation}
    )
    return read_buckets(facet, response["aggregations"]["facet"])
