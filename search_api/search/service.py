"""Runs searches against the article index: plain pages, cursor pages, facet-value lookups."""

from __future__ import annotations

import logging
import re
from typing import Any

from elasticsearch import ApiError, NotFoundError, TransportError

from newsdesk.search_api.search.cursor import (
    KEEP_ALIVE,
    START,
    Cursor,
    CursorSigner,
    InvalidCursorError,
    apply_cursor,
    last_sort_values,
    paged_sort,
    search_fingerprint,
)
from newsdesk.search_api.search.facets import facet_aggregation, month_aggregation, read_buckets, read_months
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.query import build_search_body, read_search_response
from newsdesk.search_api.services import Services

logger = logging.getLogger(__name__)


def search(services: Services, request: SearchRequest) -> dict[str, Any]:
    body = build_search_body(request, services.facets, services.text_fields, services.expander)
    alias = services.settings.index_alias
    if request.cursor is None:
        # Facet counts alone (size 0) are what the request cache keeps, until the next refresh.
        response = services.search_client.search(index=alias, request_cache=request.size == 0, **body).body
        return read_search_response(response, request, services.facets)
    signer = CursorSigner.for_settings(services.settings)
    fingerprint = search_fingerprint(request)
    if request.cursor == START:
        opened = services.search_client.open_point_in_time(index=alias, keep_alive=KEEP_ALIVE)["id"]
        cursor = Cursor(pit_id=opened)
    else:
        cursor = signer.decode(request.cursor, fingerprint, sort_length=len(paged_sort(body)))
    try:
        response = services.search_client.search(**apply_cursor(body, cursor)).body
    except NotFoundError as e:
        msg = f"the cursor has expired ({KEEP_ALIVE} unused) or its last page was served; start again"
        msg += " with cursor='*'"
        raise InvalidCursorError(msg) from e
    except BaseException:
        if request.cursor == START:
            _close_point_in_time(services, cursor.pit_id)
        raise
    after = last_sort_values(response, request.size)
    if after is None:
        _close_point_in_time(services, response.get("pit_id", cursor.pit_id))
        next_cursor = None
    else:
        next_cursor = signer.encode(Cursor(pit_id=response["pit_id"], search_after=after), fingerprint)
    return {**read_search_response(response, request, services.facets), "next_cursor": next_cursor}


def _close_point_in_time(services: Services, pit_id: str) -> None:
    """Free the point in time now rather than when it times out; the page is served either way."""
    try:
        services.client.close_point_in_time(id=pit_id)
    except (ApiError, TransportError) as e:
        logger.warning("point in time not closed (%s); it expires in %s", type(e).__name__, KEEP_ALIVE)


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
    """Values of a facet starting with `prefix` (any case), with article counts: for type-ahead.

    A date facet's values are its months (`2017-10`), newest first, matched on that text.
    """
    facet = services.facets.get(name)
    alias = services.settings.index_alias
    if facet.kind == "date_histogram":
        months = {"facet": month_aggregation(facet)}
        response = services.search_client.search(index=alias, size=0, aggs=months)
        return read_months(response["aggregations"]["facet"], prefix, size)
    aggregation = facet_aggregation(facet, size)
    terms = aggregation["aggs"]["where"]["aggs"]["values"] if facet.path else aggregation
    terms["terms"]["include"] = typeahead_pattern(prefix)
    response = services.search_client.search(index=alias, size=0, aggs={"facet": aggregation})
    return read_buckets(facet, response["aggregations"]["facet"])
