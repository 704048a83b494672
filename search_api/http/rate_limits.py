"""Rate limits on what costs the most: writes, and questions (`/qa`, chat). Off unless configured.

Counted per API key when a valid one is sent, else per client address (an anonymous reader, or a
caller sending keys that are not valid, which so cannot earn a fresh allowance per made-up key).
Over the limit: 429 with `Retry-After`, the seconds until the oldest request leaves the window.

The counting is the `limits` library's moving window, in memory by default: each API process
counts alone. Several processes behind one address share a count through a storage the library
supports (`NEWSDESK_RATE_LIMIT_STORAGE=redis://...`, with its client installed).
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from newsdesk.plugins.errors import ConfigurationError
from newsdesk.search_api.http.security import API_KEY_HEADER, BEARER, AccessPolicy, get_policy
from newsdesk.search_api.settings import Settings

Scope = Literal["writes", "ask"]
_SETTING_OF: dict[Scope, str] = {"writes": "NEWSDESK_RATE_LIMIT_WRITES", "ask": "NEWSDESK_RATE_LIMIT_ASK"}


@dataclass(frozen=True)
class RateLimiter:
    """The configured limits by scope, and the window that counts requests (None: no limits)."""

    window: MovingWindowRateLimiter | None
    limits: dict[Scope, RateLimitItem]

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimiter:
        if not settings.rate_limits:
            return cls(window=None, limits={})
        limits: dict[Scope, RateLimitItem] = {}
        configured: dict[Scope, str] = {"writes": settings.rate_limit_writes, "ask": settings.rate_limit_ask}
        for scope, text in configured.items():
            try:
                limits[scope] = parse(text)
            except ValueError as e:
                msg = f"{_SETTING_OF[scope]}={text!r} is not a rate limit like '30/minute' or '1000 per hour'"
                raise ConfigurationError(msg) from e
        storage = storage_from_string(settings.rate_limit_storage)
        return cls(window=MovingWindowRateLimiter(storage), limits=limits)

    def check(self, scope: Scope, caller: str) -> None:
        """Count one request of `caller`; a 429 with `Retry-After` when it is over the limit."""
        if self.window is None:
            return
        limit = self.limits[scope]
        if self.window.hit(limit, scope, caller):
            return
        reset = self.window.get_window_stats(limit, scope, caller).reset_time
        retry_after = max(1, math.ceil(reset - time.time()))
        detail = f"rate limit of {limit} for {scope} reached ({_SETTING_OF[scope]}); retry in {retry_after} s"
        raise HTTPException(429, detail, {"Retry-After": str(retry_after)})


def caller_identity(request: Request, policy: AccessPolicy, key: str | None) -> str:
    """A valid key (as a digest: the key itself is never kept), else the client's address."""
    if key is not None and policy.accepts(key):
        return "key:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return "address:" + (request.client.host if request.client else "unknown")


def rate_limited(scope: Scope) -> Any:
    """A dependency counting each request of the route against the `scope` limit."""

    def count(
        request: Request,
        policy: Annotated[AccessPolicy, Depends(get_policy)],
        api_key: Annotated[str | None, Security(API_KEY_HEADER)],
        bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
    ) -> None:
        limiter: RateLimiter = request.app.state.rate_limiter
        key = api_key or (bearer.credentials if bearer is not None else None)
        limiter.check(scope, caller_identity(request, policy, key))

    return Depends(count)


WriteRateLimit = rate_limited("writes")
AskRateLimit = rate_limited("ask")
