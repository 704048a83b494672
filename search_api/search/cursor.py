"""Deep paging past the 10,000-hit window: a point-in-time plus `search_after`, as an opaque cursor.

Send `cursor="*"` to start; each response carries `next_cursor` while more hits remain.

A cursor is signed (HMAC-SHA256) together with the index alias it was issued for and a fingerprint
of the search it pages through, so a client can neither point it at another index's point in time
nor feed Elasticsearch a `search_after` of its own making: anything else is a 400 naming `cursor`.
The key is `NEWSDESK_CURSOR_SECRET`, else a random key of this process (cursors then die with it).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from newsdesk.plugins.errors import InvalidRequestError
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.settings import Settings

# Each page renews the point in time for this long; one opened and abandoned goes as soon.
KEEP_ALIVE = "1m"
START = "*"
# The request fields that decide which hits come in which order (not the page size or the facets).
SEARCH_FIELDS = {"query", "filters", "date_from", "date_to", "numbers", "sort"}
_SCALARS = (str, int, float, bool, type(None))
_PROCESS_KEY = secrets.token_bytes(32)
_START_AGAIN = "start again with cursor='*'"


class InvalidCursorError(InvalidRequestError):
    """A cursor this service did not issue, one that was altered, or one of another search."""


@dataclass(frozen=True)
class Cursor:
    pit_id: str
    search_after: list[Any] | None = None


def search_fingerprint(request: SearchRequest) -> str:
    """A hash of what the hits of `request` depend on: a cursor pages through that search only."""
    fields = request.model_dump(mode="json", include=SEARCH_FIELDS)
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class CursorSigner:
    """Issues and checks the cursors of one index alias, signed with `key`."""

    key: bytes
    alias: str

    @classmethod
    def for_settings(cls, settings: Settings) -> CursorSigner:
        secret = settings.cursor_secret
        key = secret.get_secret_value().encode() if secret is not None else _PROCESS_KEY
        return cls(key=key, alias=settings.index_alias)

    def _signature(self, payload: str) -> str:
        return _b64encode(hmac.new(self.key, payload.encode(), hashlib.sha256).digest())

    def encode(self, cursor: Cursor, search: str) -> str:
        data = {"pit": cursor.pit_id, "after": cursor.search_after, "alias": self.alias, "search": search}
        payload = _b64encode(json.dumps(data, separators=(",", ":")).encode())
        return f"{payload}.{self._signature(payload)}"

    def decode(self, token: str, search: str, sort_length: int) -> Cursor:
        """The cursor in `token`, if this service signed it for this alias and this search."""
        payload, _, signature = token.partition(".")
        if not hmac.compare_digest(signature.encode(), self._signature(payload).encode()):
            msg = f"cursor is not one this service issued, or it was altered; {_START_AGAIN}"
            raise InvalidCursorError(msg)
        try:
            data = json.loads(_b64decode(payload))
            pit_id, after, alias, issued_for = data["pit"], data["after"], data["alias"], data["search"]
        except (binascii.Error, ValueError, KeyError, TypeError) as e:
            msg = f"cursor is not one this service issued; {_START_AGAIN}"
            raise InvalidCursorError(msg) from e
        if alias != self.alias:
            msg = f"cursor was issued for another index; {_START_AGAIN}"
            raise InvalidCursorError(msg)
        if issued_for != search:
            msg = f"cursor belongs to another search (query, filters, dates, figures or sort); {_START_AGAIN}"
            raise InvalidCursorError(msg)
        if not isinstance(pit_id, str) or not _valid_search_after(after, sort_length):
            msg = f"cursor does not fit this search's sort; {_START_AGAIN}"
            raise InvalidCursorError(msg)
        return Cursor(pit_id=pit_id, search_after=after)


def _valid_search_after(after: Any, sort_length: int) -> bool:
    """None (the first page) or one scalar per sort key: nothing else may reach Elasticsearch."""
    if after is None:
        return True
    return (
        isinstance(after, list)
        and len(after) == sort_length
        and all(isinstance(value, _SCALARS) for value in after)
    )


def paged_sort(body: dict[str, Any]) -> list[Any]:
    """The body's sort with the point in time's tiebreaker, so `search_after` never skips a hit."""
    return [*body["sort"], {"_shard_doc": "asc"}]


def apply_cursor(body: dict[str, Any], cursor: Cursor) -> dict[str, Any]:
    """The search body, reading from the point in time after the cursor's last hit."""
    paged = {**body, "pit": {"id": cursor.pit_id, "keep_alive": KEEP_ALIVE}, "sort": paged_sort(body)}
    paged.pop("from", None)
    if cursor.search_after is not None:
        paged["search_after"] = cursor.search_after
    return paged


def last_sort_values(response: dict[str, Any], size: int) -> list[Any] | None:
    """Where the next page starts, or None when this page was the last."""
    hits = response["hits"]["hits"]
    if len(hits) < size:
        return None
    return list(hits[-1]["sort"])
