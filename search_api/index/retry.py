"""Waiting out an Elasticsearch that is down, restarting or overloaded, for a bounded time.

Connection errors, timeouts, 429 (too many requests) and 5xx answers are transient: the call is
repeated after an exponentially growing pause (with jitter, so several ingest workers do not
retry in step) until it works or `give_up_after` seconds have passed. Anything else is the
caller's to handle, at once.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from elasticsearch import ApiError, TransportError

from newsdesk.plugins.errors import BackendUnavailableError

logger = logging.getLogger(__name__)

T = TypeVar("T")
OnWait = Callable[[str | None], None]
TRANSIENT_STATUSES = frozenset({429, 500, 502, 503, 504})


class ElasticsearchUnavailableError(BackendUnavailableError, TransportError):
    """Elasticsearch did not come back within the time the ingest is allowed to wait.

    A `TransportError`, so the API answers it like any other unreachable-backend error (503)."""


def is_transient(error: BaseException) -> bool:
    if isinstance(error, ApiError):
        return error.meta.status in TRANSIENT_STATUSES
    return isinstance(error, TransportError)  # connection refused or reset, timeout


@dataclass(frozen=True)
class RetryPolicy:
    first_delay: float = 0.5
    max_delay: float = 15.0
    give_up_after: float = 600.0

    def delays(self) -> Iterator[float]:
        """Pauses of 0.5, 1, 2, 4... seconds (each ±25%), up to `max_delay`, within `give_up_after`."""
        deadline = time.monotonic() + self.give_up_after
        delay = self.first_delay
        while (left := deadline - time.monotonic()) > 0:
            yield min(left, delay * random.uniform(0.75, 1.25))
            delay = min(delay * 2, self.max_delay)


def call(operation: Callable[[], T], policy: RetryPolicy, what: str, on_wait: OnWait | None = None) -> T:
    """`operation()`, repeated while it fails transiently; `on_wait` hears each pause, then None."""
    delays = policy.delays()
    attempt = 0
    started = time.monotonic()
    while True:
        try:
            result = operation()
        except Exception as e:
            if not is_transient(e):
                raise
            attempt += 1
            delay = next(delays, None)
            if delay is None:
                msg = f"Elasticsearch unavailable for {policy.give_up_after:g} s while {what}: {e}"
                raise ElasticsearchUnavailableError(msg) from e
            waited = time.monotonic() - started
            message = (
                f"Elasticsearch unavailable ({type(e).__name__}) while {what}: retry {attempt} "
                f"in {delay:.1f} s, waited {waited:.0f} of {policy.give_up_after:g} s"
            )
            logger.warning("%s", message)
            if on_wait:
                on_wait(message)
            time.sleep(delay)
            continue
        if attempt and on_wait:
            on_wait(None)
        return result
