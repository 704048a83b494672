"""Every error the API answers with: a JSON body with `detail` and the `request_id`, nothing internal.

newsdesk's own errors (`newsdesk.plugins.errors`) are mapped to a status here, and only here, by
their kind: a route raises `InvalidRequestError` and the caller gets a 400 with its message.

Elasticsearch being down, overloaded or misconfigured is a 503 with `Retry-After` (the caller
may retry; nothing about our hosts is said); a request Elasticsearch refuses is a 400. Bodies
are encoded as ASCII JSON, so text the caller sent back in an error (a lone surrogate, say)
cannot make the error itself fail.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sys
from collections.abc import Mapping
from typing import Any

from elasticsearch import ApiError, SerializationError, TransportError
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.plugins.errors import (
    BackendUnavailableError,
    InvalidRequestError,
    NewsdeskError,
    NotFoundError,
)
from newsdesk.search_api.http.middleware import current_request_id, loggable

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "5"
# Echoed input is cut to this many characters: a refused 2 MB article is not sent back whole.
MAX_ECHOED_CHARS = 200
# Elasticsearch's error type names the kind of refusal (`search_phase_execution_exception`); anything
# past a short identifier is its own text, which may quote the request or name its internals.
_ES_ERROR_TYPE = re.compile(r"[a-z_]{1,80}")
# Elasticsearch statuses that mean "our side is not working", whatever the request was.
_BACKEND_FAULTS = frozenset({401, 403, 408, 429})
# Most specific kind first; any other NewsdeskError is ours to fix: a 500 that says nothing internal.
_STATUS_OF_KIND: tuple[tuple[type[NewsdeskError], int], ...] = (
    (InvalidRequestError, 400),
    (NotFoundError, 404),
    (BackendUnavailableError, 503),
)


def status_of(error: NewsdeskError) -> int:
    return next((status for kind, status in _STATUS_OF_KIND if isinstance(error, kind)), 500)


class SafeJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


def error_response(status: int, detail: Any, headers: Mapping[str, str] | None = None) -> SafeJSONResponse:
    return SafeJSONResponse({"detail": detail, "request_id": current_request_id()}, status, headers)


def backend_unavailable() -> SafeJSONResponse:
    return error_response(
        503, "the search backend is unavailable; retry shortly", {"Retry-After": RETRY_AFTER_SECONDS}
    )


def _shorten(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # JSON has no inf or nan
    if isinstance(value, str) and len(value) > MAX_ECHOED_CHARS:
        return f"{value[:MAX_ECHOED_CHARS]}... ({len(value)} characters)"
    if isinstance(value, dict | list):
        text = repr(value)
        return value if len(text) <= MAX_ECHOED_CHARS else f"{text[:MAX_ECHOED_CHARS]}..."
    return value


def es_error_type(exc: ApiError) -> str:
    """Elasticsearch's error type when it is a short identifier, else only the status: no echoed text."""
    kind = str(exc.error)
    return kind if _ES_ERROR_TYPE.fullmatch(kind) else f"status {exc.meta.status}"


def _body_error(exc: StarletteHTTPException) -> str | None:
    """Why FastAPI could not read a body, where its own message ("error parsing the body") is vague."""
    cause = exc.__cause__
    if exc.status_code != 400 or cause is None:
        return None
    if isinstance(cause, UnicodeDecodeError):
        byte = cause.object[cause.start : cause.start + 1].hex()
        return f"the request body is not valid UTF-8 (byte 0x{byte} at offset {cause.start}); send UTF-8 JSON"
    if isinstance(cause, RecursionError):
        return "the request body is nested too deeply"
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return f"a number in the request body has more than {sys.get_int_max_str_digits()} digits"
    return None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NewsdeskError)
    async def newsdesk_error(request: Request, exc: NewsdeskError) -> SafeJSONResponse:
        status = status_of(exc)
        if status == 503:
            return backend_unavailable()
        if status == 500:
            logger.error("%s while serving %s", type(exc).__name__, loggable(request.url.path))
            return error_response(500, "newsdesk could not serve this request; the server log says why")
        return error_response(status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> SafeJSONResponse:
        return error_response(exc.status_code, _body_error(exc) or exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> SafeJSONResponse:
        errors = [{**error, "input": _shorten(error.get("input"))} for error in exc.errors()]
        return error_response(422, jsonable_encoder(errors))

    @app.exception_handler(SerializationError)
    async def unencodable(request: Request, exc: SerializationError) -> SafeJSONResponse:
        logger.warning("could not encode a request to Elasticsearch: %s", type(exc).__name__)
        return error_response(400, "the request holds text that cannot be encoded (e.g. a lone surrogate)")

    @app.exception_handler(TransportError)
    async def elasticsearch_unreachable(request: Request, exc: TransportError) -> SafeJSONResponse:
        logger.warning("Elasticsearch unreachable: %s", type(exc).__name__)
        return backend_unavailable()

    @app.exception_handler(ApiError)
    async def elasticsearch_refused(request: Request, exc: ApiError) -> SafeJSONResponse:
        status = exc.meta.status
        if status >= 500 or status in _BACKEND_FAULTS or exc.error == "index_not_found_exception":
            logger.warning("Elasticsearch answered %s (%s)", status, loggable(str(exc.error), 200))
            return backend_unavailable()
        logger.info("Elasticsearch refused a request: %s", loggable(str(exc), 1000))
        return error_response(400, f"the search backend refused the request ({es_error_type(exc)})")
