"""Where the benchmark data lives: the shared folder beside the repository, never inside it."""

from __future__ import annotations

from pathlib import Path

from benchmarks.shared_data import corpora_dir, shared_dir

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def article_extraction_dir() -> Path:
    return shared_dir() / "benchmarks" / "article-extraction"


def multi_news_path() -> Path:
    return corpora_dir() / "multi-news-sample.jsonl"


def seeds_dir() -> Path:
    return REPO_ROOT / "seeds"
