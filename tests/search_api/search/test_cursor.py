"""Cursors: only this service's, for this index and this search, with a `search_after` that fits."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr

from newsdesk.search_api.search.cursor import Cursor, CursorSigner, InvalidCursorError, search_fingerprint
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.unit

SORT_LENGTH = 3  # relevance: score, date, then the point in time's tiebreaker
SEARCH = search_fingerprint(SearchRequest(query="Raqqa"))


def signer(secret: str | None = "s3cret", alias: str = "articles") -> CursorSigner:
    key = SecretStr(secret) if secret is not None else None
    return CursorSigner.for_settings(Settings(index_alias=alias, cursor_secret=key))


def test_a_cursor_round_trips_between_processes_sharing_the_secret() -> None:
    token = signer().encode(Cursor("pit-1", [1.5, 1508457600000, 7]), SEARCH)
    assert signer().decode(token, SEARCH, SORT_LENGTH) == Cursor("pit-1", [1.5, 1508457600000, 7])

    with pytest.raises(InvalidCursorError, match="cursor is not one this service issued"):
        signer("another secret").decode(token, SEARCH, SORT_LENGTH)


def test_without_a_secret_cursors_hold_within_this_process() -> None:
    token = signer(None).encode(Cursor("pit-1"), SEARCH)
    assert signer(None).decode(token, SEARCH, SORT_LENGTH) == Cursor("pit-1")


@pytest.mark.parametrize(
    "search_after",
    [
        [1.5, 2],  # too short for the sort
        [1.5, 2, 3, 4],
        [1.5, {"script": "1"}, 3],  # not a scalar
        [1.5, [2], 3],
        "1.5,2,3",
    ],
)
def test_a_search_after_that_does_not_fit_the_sort_is_refused(search_after: Any) -> None:
    token = signer().encode(Cursor("pit-1", search_after), SEARCH)
    with pytest.raises(InvalidCursorError, match="cursor does not fit"):
        signer().decode(token, SEARCH, SORT_LENGTH)


def test_a_cursor_holds_for_its_own_search_and_index_only() -> None:
    token = signer().encode(Cursor("pit-1"), SEARCH)

    with pytest.raises(InvalidCursorError, match="cursor was issued for another index"):
        signer(alias="other-articles").decode(token, SEARCH, SORT_LENGTH)
    for other in (
        SearchRequest(query="Mosul"),
        SearchRequest(query="Raqqa", sort="date"),
        SearchRequest(query="Raqqa", filters={"source": ["Xinhua"]}),
        SearchRequest(query="Raqqa", date_from="2017-10-01"),
    ):
        with pytest.raises(InvalidCursorError, match="cursor belongs to another search"):
            signer().decode(token, search_fingerprint(other), SORT_LENGTH)


def test_page_size_and_facets_are_not_part_of_the_search() -> None:
    assert search_fingerprint(SearchRequest(query="Raqqa", size=50, facets=["source"])) == SEARCH
