"""The engine end to end over a stand-in Elasticsearch: retrieval, dense fusion, extractors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from search_api.qa.engine import QAConfig, QAEngine
from search_api.qa.extractor import AnnotationExtractor
from search_api.qa.types import Candidate, Passage, Question
from search_api.settings import Settings
from tests.search_api.qa.conftest import number

pytestmark = pytest.mark.unit

TEXT = "Monitors said 1,130 civilians were killed in the battle for Raqqa."
OTHER = "The council met on Monday."


def hit(doc_id: str, content: str, numbers: list[dict[str, Any]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return {
        "_id": doc_id,
        "_score": 1.0,
        "_source": {"content": content, "numbers": list(numbers), "source": "X"},
    }


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


class ConstantEmbedder:
    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [[1.0, 0.0] for _ in texts]


class Failing:
    def extract(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]:
        raise RuntimeError("model not loaded")


def engine(client: StubClient, embedder: ConstantEmbedder | None = None) -> QAEngine:
    extractors = {"annotations": AnnotationExtractor(), "broken": Failing()}
    settings = Settings(index_alias="stub")
    return QAEngine(settings, client, extractors, QAConfig(articles=2), embedder)  # type: ignore[arg-type]


def test_dense_hits_are_fused_with_bm25_and_answered_from() -> None:
    toll = hit("toll", TEXT, [number(TEXT, "1,130", "count", 1130, counted="civilian", verb="kill")])
    client = StubClient(bm25=[hit("other", OTHER)], knn=[toll])

    response = engine(client, ConstantEmbedder()).answer(
        "How many civilians were killed in the battle for Raqqa?"
    )

    assert any("knn" in call for call in client.calls)
    assert response.answers[0].value == 1130
    assert response.answers[0].evidence[0].article_id == "toll"


def test_without_an_embedder_there_is_no_knn_search_and_a_broken_extractor_costs_nothing_else() -> None:
    toll = hit("toll", TEXT, [number(TEXT, "1,130", "count", 1130, counted="civilian", verb="kill")])
    client = StubClient(bm25=[toll], knn=[])

    response = engine(client).answer("How many civilians were killed in the battle for Raqqa?")

    assert not any("knn" in call for call in client.calls)
    assert response.answers[0].value == 1130
