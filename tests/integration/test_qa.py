"""`POST /qa` over the seeds: cited answers, outlets that disagree, and questions with no answer."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

KILLED = "How many civilians were killed in the battle for Raqqa?"


def ask(api: TestClient, question: str, **extra: object) -> dict:
    response = api.post("/qa", json={"question": question, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def test_a_figure_two_outlets_give_is_one_answer_citing_both(seeded_api: TestClient) -> None:
    body = ask(seeded_api, KILLED)

    assert body["no_answer"] is False and body["agreement"] == "agreed"
    best = body["answers"][0]
    assert (best["value"], best["answer"], best["normalised"]) == (1130, "1,130 civilians", "1130")
    assert {e["article_id"] for e in best["evidence"]} == {"002_29db2200959aca4a", "004_66dd8c24867dc48b"}
    assert "Xinhua" in best["sources"]
    for evidence in best["evidence"]:
        assert evidence["sentence_start"] <= evidence["start"] < evidence["end"] <= evidence["sentence_end"]
        offset = evidence["start"] - evidence["sentence_start"]
        assert evidence["sentence"][offset : offset + len("1,130")] == "1,130"


def test_how_long_the_battle_lasted_is_four_months_and_the_five_month_figure_disagrees(
    seeded_api: TestClient,
) -> None:
    body = ask(seeded_api, "How long did the battle for Raqqa last?")

    best = body["answers"][0]
    assert best["answer"] == "four months" and (best["value"], best["unit"]) == (4, "month")
    assert len({e["article_id"] for e in best["evidence"]}) >= 3
    assert body["agreement"] == "disputed"
    [other] = body["disagreements"]
    assert other["answer"] == "five months"
    assert [e["article_id"] for e in other["evidence"]] == ["004_66dd8c24867dc48b"]
    assert "five-month" in other["evidence"][0]["sentence"]


def test_a_question_answered_only_in_a_reader_comment_gets_no_answer(seeded_api: TestClient) -> None:
    body = ask(seeded_api, "How many ISIS fighters did the US airlift?")
    assert body["no_answer"] is True and body["answers"] == []
    assert 0.5 <= body["confidence"] <= 1.0


def test_a_follow_up_is_read_against_the_question_before_it(seeded_api: TestClient) -> None:
    body = ask(seeded_api, "And how long did it last?", history=[KILLED])
    assert body["resolved_question"] == "How long did the battle for Raqqa last?"
    assert body["answers"][0]["answer"] == "four months"


def test_people_are_answered_with_names_from_several_outlets(seeded_api: TestClient) -> None:
    body = ask(seeded_api, "Who is the U.S. military spokesman in Baghdad?")
    best = body["answers"][0]
    assert "Ryan Dillon" in best["answer"]
    assert len(best["evidence"]) >= 2


def test_the_versioned_path_answers_too(seeded_api: TestClient) -> None:
    assert seeded_api.post("/v1/qa", json={"question": KILLED}).json()["answers"][0]["value"] == 1130
