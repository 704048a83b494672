"""The texts the entity benchmarks read: the seeds in the repository and the shared corpora beside it.

The corpora may not be committed (licence), so the gold set refers to documents by id:
`seeds/<stem>` (a file in `seeds/`) and `mn-<cluster>-<doc>` (the doc-th document of a cluster
of `multi-news-sample.jsonl`); BBC articles (`bbc-news.jsonl`) feed the speed benchmark.
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.shared_data import corpus_records

REPO = Path(__file__).resolve().parents[2]
_jsonl = corpus_records


def document_text(doc_id: str) -> str:
    """The raw text of a document of the gold set."""
    if doc_id.startswith("seeds/"):
        return (REPO / f"{doc_id}.txt").read_text(encoding="utf-8")
    _, cluster, doc = doc_id.split("-")
    docs = _jsonl("multi-news-sample.jsonl")[int(cluster)]["docs"]
    assert isinstance(docs, list)
    return str(docs[int(doc)])


def bbc_articles(count: int) -> list[str]:
    """The first `count` BBC articles, headline and body, as one would ingest them."""
    return [f"{item['title']}\n\n{item['text']}" for item in _jsonl("bbc-news.jsonl")[:count]]


def multi_news_documents() -> list[str]:
    """Every Multi-News source document, boilerplate included."""
    return [str(doc) for item in _jsonl("multi-news-sample.jsonl") for doc in item["docs"]]  # type: ignore[attr-defined]
