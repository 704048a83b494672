"""The shared corpora beside the repository, read as newsdesk articles (never copied into it).

`NEWSDESK_SHARED_DIR` points at the shared folder; by default it is `../shared` of the clone.
Everything that reads the shared folder (benchmarks, tests, their fixtures) finds it here; a fresh
clone has none, so the tests that need it are skipped with `ABSENT_REASON` (tests/conftest.py).
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("bbc-news.jsonl", "ag-news.jsonl", "multi-news-sample.jsonl")
ABSENT_REASON = "needs ../shared/corpora, absent here"


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSDESK_SHARED_DIR") or REPO_ROOT.parent / "shared")


def corpora_dir() -> Path:
    """`NEWSDESK_CORPORA`, else `corpora/` of the shared folder."""
    return Path(os.environ.get("NEWSDESK_CORPORA") or shared_dir() / "corpora")


def corpora_present() -> bool:
    """Whether every corpus file is where `corpora_dir()` says."""
    return all((corpora_dir() / name).is_file() for name in CORPORA)


@cache
def corpus_records(name: str) -> list[dict[str, Any]]:
    """Every record of one corpus file (`bbc-news.jsonl`, ...), read once per process."""
    path = corpora_dir() / name
    if not path.exists():
        msg = f"{path} not found: set NEWSDESK_SHARED_DIR (or NEWSDESK_CORPORA) to where the corpora are"
        raise FileNotFoundError(msg)
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _jsonl(name: str) -> Iterator[dict[str, Any]]:
    return iter(corpus_records(name))


def news_articles() -> Iterator[dict[str, Any]]:
    """Every article of the three corpora (about 10,400), as `POST /ingest` takes them."""
    for item in _jsonl("bbc-news.jsonl"):
        yield {k: item[k] for k in ("id", "title", "source", "category")} | {"content": item["text"]}
    for item in _jsonl("ag-news.jsonl"):
        yield {k: item[k] for k in ("id", "title", "source", "category")} | {"content": item["description"]}
    for item in _jsonl("multi-news-sample.jsonl"):
        for number, text in enumerate(item["docs"]):
            yield {"id": f"mn-{item['cluster']}-{number}", "content": text, "source": "Multi-News"}


def repeated_articles(count: int) -> Iterator[dict[str, Any]]:
    """`count` articles: the corpora again and again, each pass under new ids."""
    passes = (
        (
            {**article, "id": f"{article['id']}-r{round_}"} if round_ else article
            for article in news_articles()
        )
        for round_ in itertools.count()
    )
    return itertools.islice(itertools.chain.from_iterable(passes), count)
