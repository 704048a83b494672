"""Ids of the shared corpora's records, and the articles they name, as `POST /ingest` takes them.

One id per article, the corpus name and the record:

    bbc-news:bbc-business-001
    ag-news:agnews-test-00001
    multi-news-sample:12.0        # cluster 12, its first document (0-based)

The article is ingested under that same id, so a QA set's `supporting` ids are the ids `/qa` cites.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from benchmarks.shared_data import corpus_records

MULTI_NEWS = "multi-news-sample"
# corpus name -> (file, field holding the text)
CORPORA = {
    "bbc-news": ("bbc-news.jsonl", "text"),
    "ag-news": ("ag-news.jsonl", "description"),
    MULTI_NEWS: ("multi-news-sample.jsonl", "docs"),
}
# record fields passed to `POST /ingest` as they are, when the record has them
PASSED_FIELDS = ("title", "source", "category", "published_at", "authors", "url")


class UnknownArticleId(KeyError):
    """An id that names no corpus or no record of it."""


def article(ref: str) -> dict[str, Any]:
    """The article an id names, under that id, ready for `POST /ingest`."""
    try:
        return _articles()[ref]
    except KeyError as e:
        msg = f"{ref!r} names no article of the shared corpora ({', '.join(CORPORA)})"
        raise UnknownArticleId(msg) from e


def all_ids() -> list[str]:
    """Every article id of the corpora, in file order."""
    return list(_articles())


@cache
def _articles() -> dict[str, dict[str, Any]]:
    articles: dict[str, dict[str, Any]] = {}
    for corpus, (file, text_field) in CORPORA.items():
        for record in corpus_records(file):
            if corpus == MULTI_NEWS:
                for number, text in enumerate(record[text_field]):
                    ref = f"{corpus}:{record['cluster']}.{number}"
                    articles[ref] = {"id": ref, "content": text, "source": "Multi-News"}
            else:
                ref = f"{corpus}:{record['id']}"
                passed = {k: record[k] for k in PASSED_FIELDS if record.get(k)}
                articles[ref] = {"id": ref, "content": record[text_field], **passed}
    return articles
