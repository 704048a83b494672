"""Reads articles lazily from files and folders: .txt, .html/.htm, and .jsonl (one article a line)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from newsdesk.search_api.ingest.articles import ArticleIn

TEXT_SUFFIXES: dict[str, Literal["text", "html"]] = {".txt": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class InputItem:
    """An article read from `origin` (file, or file:line), or why it could not be read."""

    origin: str
    article: ArticleIn | None = None
    error: str | None = None
    raw: object = None  # what was read, kept for the dead-letter store when it is refused
    ingested_at: str | None = None  # when first ingested, for an article enriched again (reindex)


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


def _is_input(path: Path) -> bool:
    return path.suffix in TEXT_SUFFIXES or path.suffix in JSONL_SUFFIXES


def _files(path: Path) -> Iterator[Path]:
    """The file itself, or the input files under a folder in name order, one folder at a time
    (never the whole tree's listing at once: a folder of a million files costs one folder's names)."""
    if not path.is_dir():
        yield path
        return
    for top, folders, names in os.walk(path):
        folders.sort()
        for name in sorted(names):
            child = Path(top) / name
            if _is_input(child) and child.is_file():
                yield child


def count_inputs(paths: Iterable[Path]) -> int:
    """How many items `read_inputs` will yield, cheaply: non-blank lines of JSONL files, other files."""
    total = 0
    for root in paths:
        if not root.exists():
            total += 1
            continue
        for path in _files(root):
            if path.suffix in JSONL_SUFFIXES:
                with path.open("rb") as lines:
                    total += sum(1 for line in lines if line.strip())
            else:
                total += 1
    return total


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
