"""The engine end to end over a stand-in Elasticsearch: retrieval, dense fusion, extractors."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from search_api.qa.engine import QAConfig, QAEngine
from search_api.qa.extractor import AnnotationExtractor
from search_api.qa.types import Candidate, Passage, Question
from search_api.settings import Settings
from tests.search_api.qa.conftest import StubClient, hit, number

pytestmark = pytest.mark.unit

TEXT = "Monitors said 1,130 civilians were killed in the battle for Raqqa."
OTHER = "The council met on Monday."


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
