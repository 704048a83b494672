"""An in-memory stand-in for the few Elasticsearch calls the ingest makes, with scripted failures."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError, ConnectionError

Fault = Callable[[str, dict[str, Any]], dict[str, Any] | None]  # (id, source) -> an item error, or None


def api_error(status: int, kind: str = "error") -> ApiError:
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("http", "x", 9200),
    )
    return ApiError(kind, meta=meta, body={"error": {"type": kind}})


def refused(status: int, kind: str, reason: str) -> dict[str, Any]:
    return {"status": status, "error": {"type": kind, "reason": reason}}


class FakeIndices:
    def __init__(self, client: FakeElasticsearch) -> None:
        self.client = client

    def refresh(self, index: str) -> dict[str, Any]:
        return {}


class FakeCluster:
    def health(self, **kwargs: Any) -> dict[str, Any]:
        return {"status": "green", "timed_out": False}


class FakeElasticsearch:
    """`bulk` stores documents; `down` requests in a row fail to connect first; `fault` refuses items."""

    def __init__(self) -> None:
        self.stored: dict[str, dict[str, Any]] = {}
        self.requests: list[list[str]] = []  # the ids each bulk request carried
        self.down = 0
        self.request_error: ApiError | None = None
        self.fault: Fault = lambda doc_id, source: None
        self.indices = FakeIndices(self)
        self.cluster = FakeCluster()

    def options(self, **kwargs: Any) -> FakeElasticsearch:
        return self

    def _maybe_down(self) -> None:
        if self.down:
            self.down -= 1
            raise ConnectionError("connection refused")

    def bulk(self, operations: list[bytes], index: str, **kwargs: Any) -> dict[str, Any]:
        self._maybe_down()
        if self.request_error is not None:
            raise self.request_error
        lines = [json.loads(line) for line in operations]
        pairs = list(zip(lines[::2], lines[1::2], strict=True))
        self.requests.append([action["index"]["_id"] for action, _ in pairs])
        items = []
        for action, source in pairs:
            doc_id = action["index"]["_id"]
            if (error := self.fault(doc_id, source)) is not None:
                items.append({"index": {"_id": doc_id, **error}})
                continue
            result = "updated" if doc_id in self.stored else "created"
            self.stored[doc_id] = source
            items.append({"index": {"_id": doc_id, "status": 201, "result": result}})
        return {"errors": any("error" in item["index"] for item in items), "items": items}

    def mget(self, index: str, ids: list[str], **kwargs: Any) -> dict[str, Any]:
        self._maybe_down()
        docs = []
        for doc_id in ids:
            if doc_id in self.stored:
                source = {"raw_hash": self.stored[doc_id].get("raw_hash")}
                docs.append({"_id": doc_id, "found": True, "_source": source})
            else:
                docs.append({"_id": doc_id, "found": False})
        return {"docs": docs}
