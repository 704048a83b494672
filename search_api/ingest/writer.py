"""Writes enriched articles to Elasticsearch in bulk, retrying what can be retried.

One `_bulk` request per batch (split when it would be too large). A request that fails as a whole
on a transient error (connection, timeout, 429, 5xx) is sent again after a growing pause, within
the retry policy's time limit; an item refused for a transient reason is sent again alone with
the other such items; an item refused for good (a mapping conflict, a document too large) is
reported with Elasticsearch's reason, and the caller dead-letters it. Ids are the articles' own,
so a retry of something that did arrive overwrites it with itself: nothing is written twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import ApiError, Elasticsearch
from haystack import Document

from newsdesk.search_api.index.retry import (
    TRANSIENT_STATUSES,
    ElasticsearchUnavailableError,
    OnWait,
    RetryPolicy,
    call,
)

MAX_REQUEST_BYTES = 20 * 1024 * 1024  # well under Elasticsearch's http.max_content_length (100 MB)
MAX_ITEM_ATTEMPTS = 8  # an item answered 429/5xx this many times is given up on (dead-lettered)
_NOT_STORED = ("embedding", "blob", "score", "sparse_embedding")


def describe_errors(errors: list[dict[str, str]]) -> str:
    """'processor numbers (plugin numbers) failed: ValueError: ...', one clause per failure."""
    return "; ".join(
        f"processor {e['processor']} (plugin {e['plugin']}) failed: {e['error']}" for e in errors
    )


def to_source(doc: Document) -> dict[str, Any]:
    """The document as stored: Haystack's flat layout (id, content, meta keys at the top level).

    `Document.to_dict` deep-copies the whole meta (entities, numbers...) on the way; an article
    of text only needs none of that, and its meta is serialised straight away.
    """
    if doc.blob is None and doc.embedding is None and doc.sparse_embedding is None:
        return {"id": doc.id, "content": doc.content, **doc.meta}
    return {k: v for k, v in doc.to_dict().items() if not (k in _NOT_STORED and v is None)}


@dataclass
class WriteResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # id -> Elasticsearch's reason
    retried_items: int = 0


class ArticleWriter:
    """Bulk-writes documents into `index` (an alias unless `require_alias` is off).

    Usage:
        writer = ArticleWriter(client, "newsdesk-articles")
        result = writer.write([Document(id="a1", content="...")])
        assert result.created == ["a1"]
    """

    def __init__(
        self,
        client: Elasticsearch,
        index: str,
        *,
        require_alias: bool = True,
        policy: RetryPolicy | None = None,
        on_wait: OnWait | None = None,
    ) -> None:
        self.client = client
        self.index = index
        self.require_alias = require_alias
        self.policy = policy or RetryPolicy()
        self.on_wait = on_wait

    def write(self, documents: list[Document]) -> WriteResult:
        result = WriteResult()
        pending = {doc.id: _encode(to_source(doc)) for doc in documents}
        attempts = dict.fromkeys(pending, 0)
        delays = None
        while pending:
            retry: dict[str, bytes] = {}
            for chunk in _chunks(pending):
                for doc_id, status, reason, outcome in self._send(chunk):
                    attempts[doc_id] += 1
                    if outcome:
                        (result.created if outcome == "created" else result.updated).append(doc_id)
                    elif status in TRANSIENT_STATUSES and attempts[doc_id] < MAX_ITEM_ATTEMPTS:
                        retry[doc_id] = pending[doc_id]
                    else:
                        result.refused[doc_id] = reason
            if retry:
                result.retried_items += len(retry)
                delays = delays or self.policy.delays()
                delay = next(delays, None)
                if delay is None:
                    msg = f"Elasticsearch kept refusing {len(retry)} articles as overloaded"
                    raise ElasticsearchUnavailableError(msg)
                if self.on_wait:
                    self.on_wait(f"Elasticsearch overloaded: {len(retry)} articles again in {delay:.1f} s")
                time.sleep(delay)
            pending = retry
        if delays is not None and self.on_wait:
            self.on_wait(None)  # no longer waiting
        return result

    def _send(self, chunk: dict[str, bytes]) -> Iterator[tuple[str, int, str, str | None]]:
        """(id, status, reason, "created"/"updated" or None) for each document of `chunk`."""
        operations: list[bytes] = []
        for doc_id, source in chunk.items():
            operations += [_encode({"index": {"_id": doc_id}}), source]

        def bulk() -> Any:
            return self.client.bulk(
                operations=operations,  # type: ignore[arg-type]  # bytes lines are sent as they are
                index=self.index,
                require_alias=self.require_alias or None,
            )

        try:
            response = call(bulk, self.policy, f"writing {len(chunk)} articles", self.on_wait)
        except ApiError as e:
            if e.meta.status != 413:
                raise  # the request itself is wrong (no such alias, say): no article is at fault
            if len(chunk) > 1:  # too large: each document alone, so only one too large is refused
                for doc_id, source in chunk.items():
                    yield from self._send({doc_id: source})
                return
            [doc_id] = chunk
            yield doc_id, e.meta.status, f"Elasticsearch refused the document: {e}", None
            return
        for item in response["items"]:
            action = item["index"]
            status = int(action.get("status", 500))
            if 200 <= status < 300:
                yield action["_id"], status, "", action.get("result", "created")
            else:
                error = action.get("error", {})
                reason = f"Elasticsearch refused the document ({status} {error.get('type', '')}): "
                yield action["_id"], status, reason + str(error.get("reason", error)), None


def _encode(value: dict[str, Any]) -> bytes:
    """One NDJSON line, encoded once here: the client passes bytes through as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode(
        "utf-8", "surrogatepass"
    )


def _chunks(sources: dict[str, bytes]) -> Iterator[dict[str, bytes]]:
    """Consecutive groups of documents whose JSON stays under MAX_REQUEST_BYTES (one at least)."""
    chunk: dict[str, bytes] = {}
    size = 0
    for doc_id, source in sources.items():
        if chunk and size + len(source) > MAX_REQUEST_BYTES:
            yield chunk
            chunk, size = {}, 0
        chunk[doc_id] = source
        size += len(source)
    if chunk:
        yield chunk
