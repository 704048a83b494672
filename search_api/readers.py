"""Reads articles lazily from files and folders: .txt, .html/.htm, and .jsonl (one article a line)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from search_api.articles import ArticleIn

TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class InputItem:
    """An article read from `origin` (file, or file:line), or why it could not be read."""

    origin: str
    article: ArticleIn | None = None
    error: str | None = None
    raw: object = None  # what was read, kept for the dead-letter store when it is refused


def describe_validation_error(error: ValidationError) -> str:
    """One line naming each field at fault, e.g. "content: String should have at least 1 character"."""
    parts = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "article"
        parts.append(f"{field}: {item['msg']}")
    return "; ".join(parts)


def _from_file(path: Path) -> Iterator[InputItem]:
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        yield InputItem(origin=str(path), error=f"not UTF-8 text: {e}")
        return
    try:
        yield InputItem(
            origin=str(path), article=ArticleIn(content=content, format=TEXT_SUFFIXES[path.suffix])
        )
    except ValidationError as e:
        yield InputItem(origin=str(path), error=describe_validation_error(e))


def _from_jsonl(path: Path) -> Iterator[InputItem]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            origin = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield InputItem(origin=origin, article=ArticleIn.model_validate(record))
            except json.JSONDecodeError as e:
                yield InputItem(origin=origin, error=f"not valid JSON: {e.msg} at column {e.colno}", raw=line)
            except ValidationError as e:
                yield InputItem(origin=origin, error=describe_validation_error(e), raw=record)


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and (child.suffix in TEXT_SUFFIXES or child.suffix in JSONL_SUFFIXES):
                yield child
    else:
        yield path


def read_inputs(paths: Iterable[Path]) -> Iterator[InputItem]:
    """Yield every article under `paths`, one at a time, with unreadable ones as errors."""
    for root in paths:
        if not root.exists():
            yield InputItem(origin=str(root), error="no such file or directory")
            continue
        for path in _files(root):
            if path.suffix in JSONL_SUFFIXES:
                yield from _from_jsonl(path)
            elif path.suffix in TEXT_SUFFIXES:
                yield from _from_file(path)
            else:
                yield InputItem(
                    origin=str(path), error=f"unsupported file type {path.suffix!r} (.txt, .html, .jsonl)"
                )
