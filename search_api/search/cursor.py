"""Deep paging past the 10,000-hit window: a point-in-time plus `search_after`, as an opaque cursor.

Send `cursor="*"` to start; each response carries `next_cursor` while more hits remain.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from newsdesk.plugins.errors import InvalidRequestError

KEEP_ALIVE = "2m"
START = "*"


class InvalidCursorError(InvalidRequestError):
    """A cursor this service did not issue, or one that was cut or altered."""


@dataclass(frozen=True)
class Cursor:
    pit_id: str
    search_after: list[Any] | None = None

    def encode(self) -> str:
        payload = json.dumps({"pit": self.pit_id, "after": self.search_after}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode()

    @classmethod
    def decode(cls, token: str) -> Cursor:
        try:
            data = json.loads(base64.urlsafe_b64decode(token.encode()))
            pit_id, after = data["pit"], data["after"]
        except (binascii.Error, ValueError, KeyError, TypeError) as e:
            msg = "cursor is not one this service issued; start again with cursor='*'"
            raise InvalidCursorError(msg) from e
        if not isinstance(pit_id, str) or not (after is None or isinstance(after, list)):
            msg = "cursor is not one this service issued; start again with cursor='*'"
            raise InvalidCursorError(msg)
        return cls(pit_id=pit_id, search_after=after)


def apply_cursor(body: dict[str, Any], cursor: Cursor) -> dict[str, Any]:
    """The search body, reading from the point in time after the cursor's last hit."""
    paged = {**body, "pit": {"id": cursor.pit_id, "keep_alive": KEEP_ALIVE}}
    paged["sort"] = [*body["sort"], {"_shard_doc": "asc"}]
    paged.pop("from", None)
    if cursor.search_after is not None:
        paged["search_after"] = cursor.search_after
    return paged


def next_cursor(response: dict[str, Any], size: int) -> str | None:
    hits = response["hits"]["hits"]
    if len(hits) < size:
        return None
    return Cursor(pit_id=response["pit_id"], search_after=hits[-1]["sort"]).encode()
