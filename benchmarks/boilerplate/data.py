"""Where the benchmark data lives: the shared folder beside the repository, never inside it."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def shared_dir() -> Path:
    """`NEWSDESK_SHARED_DIR`, else the `shared/` folder next to the repository's clone."""
    return Path(os.environ.get("NEWSDESK_SHARED_DIR") or REPO_ROOT.parent / "shared")


def article_extraction_dir() -> Path:
    return shared_dir() / "benchmarks" / "article-extraction"


def multi_news_path() -> Path:
    return shared_dir() / "corpora" / "multi-news-sample.jsonl"


def seeds_dir() -> Path:
    return REPO_ROOT / "seeds"
