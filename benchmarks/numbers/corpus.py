"""The texts the gold set points into: the seeds in the repository and the shared corpora beside it.

The corpora may not be committed (licence), so `gold.jsonl` holds only document ids and character
offsets; this module finds the text again. Document ids: `seeds/<stem>` (a file in `seeds/`),
`bbc-<category>-<nnn>` (`bbc-news.jsonl`, field `text`), `agnews-<split>-<nnnnn>` (`ag-news.jsonl`,
field `description`) and `mn-<cluster>-<doc>` (the doc-th document of a cluster of
`multi-news-sample.jsonl`). `<document id>@<start>:<end>` is one sentence of a document (blind3).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from benchmarks.shared_data import corpus_records

REPO = Path(__file__).resolve().parents[2]
_jsonl = corpus_records


@cache
def _ag_news() -> dict[str, str]:
    return {str(item["id"]): str(item["description"]) for item in _jsonl("ag-news.jsonl")}


@cache
def _bbc() -> dict[str, str]:
    return {str(item["id"]): str(item["text"]) for item in _jsonl("bbc-news.jsonl")}


def document_text(doc_id: str) -> str:
    """The text of a document of the gold set, exactly as the offsets count it."""
    if "@" in doc_id:  # one sentence of a document
        document, span = doc_id.split("@")
        start, end = (int(offset) for offset in span.split(":"))
        return document_text(document)[start:end]
    if doc_id.startswith("seeds/"):
        return (REPO / f"{doc_id}.txt").read_text(encoding="utf-8")
    if doc_id.startswith("bbc-"):
        return _bbc()[doc_id]
    if doc_id.startswith("agnews-"):
        return _ag_news()[doc_id]
    if doc_id.startswith("mn-"):
        _, cluster, position = doc_id.split("-")
        clusters = {int(str(item["cluster"])): item for item in _jsonl("multi-news-sample.jsonl")}
        docs = clusters[int(cluster)]["docs"]
        assert isinstance(docs, list)
        return str(docs[int(position)])
    msg = f"unknown document id {doc_id!r}"
    raise ValueError(msg)
