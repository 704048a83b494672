"""Articles with annotations as the indexing pipeline stores them, built by hand."""

from __future__ import annotations

from typing import Any

from search_api.qa.types import Article


def article(
    id: str,
    content: str,
    numbers: list[dict[str, Any]] = (),  # type: ignore[assignment]
    entities: list[dict[str, Any]] = (),  # type: ignore[assignment]
    rank: int = 0,
    source: str | None = None,
) -> Article:
    return Article(
        id=id,
        rank=rank,
        score=1.0,
        content=content,
        source=source,
        numbers=tuple(numbers),
        entities=tuple(entities),
    )


def number(content: str, text: str, kind: str, value: float | None, **extra: Any) -> dict[str, Any]:
    """A `numbers[]` entry for the first occurrence of `text` in `content`."""
    start = content.index(text)
    low_high = {"low": value, "high": value} if value is not None else {}
    return {"text": text, "start": start, "end": start + len(text), "kind": kind, "value": value,
            "qualifier": "exact", **low_high, **extra}  # fmt: skip


def entity(content: str, text: str, label: str, **extra: Any) -> dict[str, Any]:
    start = content.index(text)
    return {"text": text, "name": text, "label": label, "start": start, "end": start + len(text), **extra}
