"""ASGI middleware: a request id on every request, a body size limit, and a last line of defence.

- `RequestContextMiddleware` takes the caller's `X-Request-ID` (when it is a sane token) or makes
  one, echoes it on the response, puts it on every log record (`%(request_id)s`) and logs one
  line per request (method, path, status, time; never headers, so never a key). An exception
  nothing else handled becomes a 500 whose body holds only the request id: the traceback goes
  to the log, never to the caller.
- `BodySizeLimitMiddleware` answers 413, naming the limit, to a body over `max_bytes`: at once
  when `Content-Length` says so, else as soon as a chunked body grows past it.

Pure ASGI rather than `BaseHTTPMiddleware`, so streamed responses pass through untouched.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("newsdesk.search_api.access")

_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}$")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    return request_id_var.get()


LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
MAX_LOGGED_PATH_CHARS = 300
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\\]")


def loggable(text: str, limit: int = MAX_LOGGED_PATH_CHARS) -> str:
    """`text` on one log line: control characters (`%0A` decoded), line separators and backslashes
    escaped, so a caller cannot forge a log line; cut to `limit` characters."""
    escaped = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return escaped if len(escaped) <= limit else f"{escaped[:limit]}...({len(text)} characters)"


_installed = False


def install_request_id_logging() -> None:
    """Give every log record a `request_id` (the request being served, or "-"), once per process.

    A record factory rather than a filter: it reaches every logger and handler, whoever adds
    them later. When nothing configured logging (as under `newsdesk serve`), newsdesk's own
    records get a handler that prints the id.
    """
    global _installed
    if _installed:
        return
    _installed = True
    make_record = logging.getLogRecordFactory()

    def with_request_id(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        record.request_id = request_id_var.get()
        return record

    logging.setLogRecordFactory(with_request_id)
    ours = logging.getLogger("search_api")
    if not logging.getLogger().handlers and not ours.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        ours.addHandler(handler)
        if ours.level == logging.NOTSET:
            ours.setLevel(logging.INFO)


async def send_json(
    send: Send, status: int, body: dict[str, Any], headers: Mapping[str, str] | None = None
) -> None:
    payload = json.dumps(body).encode()
    raw_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw_headers += [(key.lower().encode(), value.encode()) for key, value in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


# Answers computed per request (JSON, server-sent events) are never cached by a browser or a proxy
# (they may hold what a key allowed to read); the page's own files set their own caching.
_UNCACHED_TYPES = (b"application/json", b"text/event-stream")


def _safety_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`nosniff` on every answer, and `no-store` on computed ones, unless the route set its own."""
    present = {key.lower(): value for key, value in headers}
    added = [] if b"x-content-type-options" in present else [(b"x-content-type-options", b"nosniff")]
    content_type = present.get(b"content-type", b"").lower()
    if content_type.startswith(_UNCACHED_TYPES) and b"cache-control" not in present:
        added.append((b"cache-control", b"no-store"))
    return added


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        request_id = given if given and _SANE_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"]
                headers = [*headers, *_safety_headers(headers), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled error in %s %s", scope["method"], loggable(scope["path"]))
            if not response_started:
                body = {"detail": "internal server error", "request_id": request_id}
                await send_json(send_with_id, 500, body)
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            method, path = loggable(scope["method"], 20), loggable(scope["path"])
            logger.info("%s %s -> %d in %.0f ms", method, path, status, elapsed)
            request_id_var.reset(token)


class RequestBodyTooLargeError(HTTPException):
    """Raised from `receive`: FastAPI passes HTTP exceptions through its body parsing untouched."""

    def __init__(self, max_bytes: int, setting: str = "NEWSDESK_MAX_REQUEST_BYTES") -> None:
        detail = f"the request body is over the limit of {max_bytes} bytes ({setting})"
        super().__init__(413, detail, {"Connection": "close"})


# Only ingest carries articles; every other body is a query, a question or a conversation.
_INGEST_PATHS = frozenset({"/ingest", "/v1/ingest"})


class BodySizeLimitMiddleware:
    """`max_bytes` for ingest bodies, the much smaller `query_max_bytes` for all others."""

    def __init__(self, app: ASGIApp, max_bytes: int, query_max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # never above the ingest limit: a deployment that lowers that one lowers both
        self.query_max_bytes = max_bytes if query_max_bytes is None else min(query_max_bytes, max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope.get("path", "").rstrip("/") in _INGEST_PATHS:
            limit, setting = self.max_bytes, "NEWSDESK_MAX_REQUEST_BYTES"
        else:
            limit, setting = self.query_max_bytes, "NEWSDESK_MAX_QUERY_REQUEST_BYTES"
        declared = _header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(scope, send, RequestBodyTooLargeError(limit, setting))
            return
        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise RequestBodyTooLargeError(limit, setting)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except RequestBodyTooLargeError as refusal:
            if response_started:
                raise
            await self._refuse(scope, send, refusal)

    async def _refuse(self, scope: Scope, send: Send, refusal: RequestBodyTooLargeError) -> None:
        body = {"detail": refusal.detail, "request_id": scope.get("state", {}).get("request_id")}
        await send_json(send, 413, body, refusal.headers)
