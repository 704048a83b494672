"""Articles with annotations as the indexing pipeline stores them, built by hand, and a stand-in
Elasticsearch client returning them."""

from __future__ import annotations

from typing import Any

from search_api.qa.engine import QAConfig, QAEngine
from search_api.qa.extractor import AnnotationExtractor
from search_api.qa.models import QAResponse
from search_api.qa.types import Article
from search_api.settings import Settings


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


def hit(
    doc_id: str,
    content: str,
    numbers: list[dict[str, Any]] = (),  # type: ignore[assignment]
    entities: list[dict[str, Any]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """A search hit as Elasticsearch returns an indexed article."""
    source = {"content": content, "numbers": list(numbers), "entities": list(entities), "source": "X"}
    return {"_id": doc_id, "_score": 1.0, "_source": source}


class StubClient:
    """Answers `search` (BM25 or kNN) and `termvectors` like Elasticsearch would, from fixed hits."""

    def __init__(self, bm25: list[dict[str, Any]], knn: list[dict[str, Any]]) -> None:
        self.bm25, self.knn, self.calls = bm25, knn, []

    def search(self, **request: Any) -> dict[str, Any]:
        self.calls.append(request)
        return {"hits": {"hits": self.knn if "knn" in request else self.bm25}}

    def termvectors(self, **request: Any) -> dict[str, Any]:
        return {"term_vectors": {"content": {"field_statistics": {"doc_count": 2}, "terms": {}}}}

    @property
    def indices(self) -> StubClient:
        return self

    def exists(self, **request: Any) -> bool:
        return False


def answer_over(hits: list[dict[str, Any]], question: str) -> QAResponse:
    """What `POST /qa` answers when the search finds `hits`, with the built-in extractor alone."""
    extractors = {"annotations": AnnotationExtractor()}
    settings = Settings(index_alias="stub")
    engine = QAEngine(settings, StubClient(bm25=hits, knn=[]), extractors, QAConfig(articles=5))  # type: ignore[arg-type]
    return engine.answer(question)
