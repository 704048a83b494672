"""A deadline for enriching one article, checked by processors between their steps.

A regex stuck in C holds the GIL, so no thread, signal or timer can interrupt it: the protection
against a pathological page is regexes that cannot backtrack and a cap on what each rule reads.
The deadline bounds everything else: the guard opens one around each article (or batch), and a
processor calls `check_deadline()` between lines, sentences or documents; past the deadline it
raises `EnrichmentDeadlineExceeded`, which the guard records against that article alone.

Usage:
```python
from newsdesk.plugins.chain.deadline import check_deadline

for line in lines:
    check_deadline()
    judge(line)
```
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[float | None] = ContextVar("newsdesk_enrichment_deadline", default=None)


class EnrichmentDeadlineExceeded(Exception):
    """A processor spent longer on an article than the enrichment deadline allows."""


@contextmanager
def enrichment_deadline(seconds: float | None) -> Iterator[None]:
    """Within the block, `check_deadline()` raises once `seconds` have passed (None: no deadline)."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_deadline() -> None:
    """Raise `EnrichmentDeadlineExceeded` if the current article's deadline has passed."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        msg = "enrichment took longer than its deadline; the article goes on without it"
        raise EnrichmentDeadlineExceeded(msg)
