"""Runs searches against the article index: plain pages, cursor pages, facet-value lookups."""

from __future__ import annotations

import re
from typing import Any

from elasticsearch import NotFoundError

from newsdesk.search_api.search.cursor import START, Cursor, InvalidCursorError, apply_cursor, next_cursor
from newsdesk.search_api.search.facets import facet_aggregation, read_buckets
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.query import build_search_body, read_search_response
from newsdesk.search_api.services import Services


def search(services: Services, request: SearchRequest) -> dict[str, Any]:
    body = build_search_body(request, services.facets, services.text_fields)
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


_VOWELS = "aeiouyAEIOUY"
_REGEX_SPECIAL = re.compile(r"([.?+*|{}\[\]()\"\\#@&<>~])")


def typeahead_pattern(prefix: str) -> str:
    """A Lucene regexp for values with a word starting like `prefix`, forgiving vowels and case.

    Names reach us transliterated many ways (Deir, Dair, Der), so after the first letter the
    vowels typed may differ from, or be missing in, the value: "Der" finds "Deir ez-Zor".
    """
    parts = []
    for position, char in enumerate(prefix.strip()):
        if char.isalpha() and char in _VOWELS and position > 0:
            parts.append(f"[{_VOWELS}]*")
        elif char.isalpha():
            parts.append(f"[{char.lower()}{char.upper()}][{_VOWELS}]*")
        elif char.isspace():
            parts.append("( |-)+")
        else:
            parts.append(_REGEX_SPECIAL.sub(r"\\\1", char))
    return "(.*( |-))?" + "".join(parts) + ".*"


def facet_values(services: Services, name: str, prefix: str, size: int) -> list[dict[str, Any]]:
    """Values of a facet starting with `prefix` (any case), with article counts: for type-ahead."""
    facet = services.facets.get(name)
    aggregation = facet_aggregation(facet, size)
    terms = aggregation["aggs"]["where"]["aggs"]["values"] if facet.path else aggregation
    terms["terms"]["include"] = typeahead_pattern(prefix)
    response = services.client.search(
        index=services.settings.index_alias, size=0, aggs={"facet": aggregation}
    )
    return read_buckets(facet, response["aggregations"]["facet"])
