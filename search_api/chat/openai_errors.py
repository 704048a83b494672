"""Errors of the OpenAI-compatible endpoints in OpenAI's shape, which chat front ends and clients read.

`{"error": {"message", "type", "param", "code"}}`: the `openai` client raises the matching
exception with the message, and front ends show the message instead of "[object Object]". The
request id is kept beside it, as in every other error of the API. The routes of the chat and
responses routers use `OpenAIErrorRoute`, so the rest of the API keeps its own error body.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from newsdesk.plugins.errors import NewsdeskError
from newsdesk.search_api.http.errors import SafeJSONResponse, status_of
from newsdesk.search_api.http.middleware import current_request_id

ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
               404: "not_found_error", 422: "invalid_request_error", 429: "rate_limit_error"}  # fmt: skip


def openai_error(
    status: int, message: str, param: str | None = None, headers: Mapping[str, str] | None = None
) -> SafeJSONResponse:
    error_type = ERROR_TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
    body = {"message": message, "type": error_type, "param": param, "code": None}
    return SafeJSONResponse({"error": body, "request_id": current_request_id()}, status, headers)


def _validation_error(error: RequestValidationError) -> SafeJSONResponse:
    first = error.errors()[0]
    location = [str(part) for part in first.get("loc", ()) if part != "body"]
    param = ".".join(location) or None
    message = f"{param}: {first.get('msg')}" if param else str(first.get("msg"))
    return openai_error(400, message, param)


class OpenAIErrorRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as e:
                return _validation_error(e)
            except HTTPException as e:
                return openai_error(e.status_code, str(e.detail), headers=e.headers)  # Retry-After
            except NewsdeskError as e:
                if status_of(e) >= 500:
                    raise
                return openai_error(status_of(e), str(e))

        return handle
