"""The clustering benchmark's stream: Multi-News events among BBC and AG News distractors, and the gold.

Splits (written down in docs/stories.md before any tuning): Multi-News clusters with an even
number are the dev split (tuned on), odd ones the test split (scored once, at the end). The
distractors are the same in both: every BBC article and the first 3,000 AG News items (5,225).
None of the corpora give a publication time, so "publication order" is a fixed shuffle (seed 19)
of the whole stream, a cluster's documents spread through it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any, Literal

from benchmarks.shared_data import corpus_records

Split = Literal["dev", "test", "all"]
AG_DISTRACTORS = 3000
SEED = 19


def in_split(cluster: int, split: Split) -> bool:
    return split == "all" or (cluster % 2 == 0) == (split == "dev")


def stream(split: Split) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The articles in ingest order, and each one's gold event (a distractor's own, or its duplicate's)."""
    articles: list[dict[str, Any]] = []
    gold: dict[str, str] = {}
    for item in corpus_records("multi-news-sample.jsonl"):
        if not in_split(item["cluster"], split):
            continue
        for number, text in enumerate(item["docs"]):
            article_id = f"mn-{item['cluster']}-{number}"
            articles.append({"id": article_id, "content": text, "source": "Multi-News"})
            gold[article_id] = f"event-{item['cluster']}"
    for article in _distractors():
        articles.append(article)
        # the BBC corpus holds exact duplicates under two ids: one event, told twice
        gold[article["id"]] = "same:" + " ".join(f"{article['title']} {article['content']}".split())
    random.Random(SEED).shuffle(articles)
    return articles, gold


def _distractors() -> Iterator[dict[str, Any]]:
    for item in corpus_records("bbc-news.jsonl"):
        yield {k: item[k] for k in ("id", "title", "source", "category")} | {"content": item["text"]}
    for item in corpus_records("ag-news.jsonl")[:AG_DISTRACTORS]:
        yield {k: item[k] for k in ("id", "title", "source", "category")} | {"content": item["description"]}


def is_event_article(article_id: str) -> bool:
    return article_id.startswith("mn-")
