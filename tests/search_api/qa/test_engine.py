"""The engine end to end over the real node: retrieval, dense fusion, extractors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from newsdesk.plugins.builtin.qa import dense
from newsdesk.plugins.builtin.qa.extractor import AnnotationExtractor
from newsdesk.plugins.types import Candidate, Passage, Question
from tests.search_api.qa.conftest import AnswerOver, hit, number

pytestmark = pytest.mark.integration

QUESTION = "How many civilians were killed in the battle for Raqqa?"
TOLL = "Monitors said 1,130 civilians were killed in the battle for Raqqa."
# Articles that share more of the question's words than the toll does, and give no figure.
WORDY = [
    "Civilians were killed in the battle for Raqqa, and the battle for Raqqa killed civilians.",
    "The battle for Raqqa: civilians killed, civilians fleeing, the battle for Raqqa goes on.",
]
NEAR, FAR = [1.0] + [0.0] * (dense.DIMENSIONS - 1), [0.0, 1.0] + [0.0] * (dense.DIMENSIONS - 2)


class QuestionNearTheToll:
    """An embedding model that puts the question next to the toll's passage and nothing else."""

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [NEAR for _ in texts]


class Failing:
    def extract(self, question: Question, passages: Sequence[Passage]) -> list[Candidate]:
        raise RuntimeError("model not loaded")


def articles() -> list[dict[str, Any]]:
    toll = hit(
        "toll",
        TOLL,
        [number(TOLL, "1,130", "count", 1130, counted="civilian", verb="kill")],
        qa_passages=[{"start": 0, "end": len(TOLL), "vector": NEAR}],
    )
    wordy = [
        hit(f"wordy-{i}", text, qa_passages=[{"start": 0, "end": len(text), "vector": FAR}])
        for i, text in enumerate(WORDY)
    ]
    return [toll, *wordy]


def test_dense_retrieval_brings_in_the_article_bm25_ranks_below_the_cut(answer_over: AnswerOver) -> None:
    without = answer_over(articles(), QUESTION, articles=2)
    with_dense = answer_over(articles(), QUESTION, articles=2, embedder=QuestionNearTheToll())

    assert 1130 not in [a.value for a in without.answers]
    assert with_dense.answers[0].value == 1130
    assert with_dense.answers[0].evidence[0].article_id == "toll"


def test_a_broken_extractor_costs_its_candidates_and_nothing_else(answer_over: AnswerOver) -> None:
    extractors = {"annotations": AnnotationExtractor(), "broken": Failing()}

    response = answer_over(articles(), QUESTION, extractors=extractors)

    assert response.answers[0].value == 1130
