"""From annotated passages to answers: fit, agreement across outlets, disagreement, abstention."""

from __future__ import annotations

import pytest

from newsdesk.plugins.builtin.qa.extractor import AnnotationExtractor
from newsdesk.plugins.types import Article, Question
from newsdesk.search_api.qa.aggregate import build_response
from newsdesk.search_api.qa.passages import rank_passages
from tests.search_api.qa.conftest import article, entity, number

pytestmark = pytest.mark.unit

KILLED = Question(
    text="How many civilians were killed in the battle for Raqqa?",
    expected="count",
    counted="civilian",
    verb="kill",
    terms=("civilian", "kill", "battle", "raqqa"),
    names=("Raqqa",),
)
LASTED = Question(
    text="How long did the battle for Raqqa last?",
    expected="duration",
    terms=("battle", "raqqa"),
    names=("Raqqa",),
)


def ask(question: Question, articles: list[Article]) -> dict:
    passages = rank_passages(articles, question, limit=30)
    candidates = AnnotationExtractor().extract(question, passages)
    return build_response(question.text, question, candidates, top_k=3).model_dump()


def toll(id: str, text: str, source: str, rank: int) -> Article:
    numbers = [number(text, "1,130", "count", 1130, counted="civilian", verb="kill")]
    return article(id, text, numbers, rank=rank, source=source)


def test_one_figure_from_two_outlets_is_one_answer_citing_both() -> None:
    first = "Monitors said 1,130 civilians were killed in the battle for Raqqa."
    second = "Residents fled. In all, 1,130 civilians have been killed during the battle in Raqqa, it said."
    body = ask(KILLED, [toll("a", first, "Xinhua", 0), toll("b", second, "Reuters", 1)])

    assert body["no_answer"] is False and body["agreement"] == "agreed"
    best = body["answers"][0]
    assert best["value"] == 1130 and best["answer"] == "1,130 civilians"
    assert best["sources"] == ["Xinhua", "Reuters"]
    assert all(
        e["sentence"][e["start"] - e["sentence_start"] :].startswith("1,130") for e in best["evidence"]
    )


def test_a_count_of_another_thing_is_not_an_answer() -> None:
    text = "Some 3,250 fighters were killed in the battle for Raqqa."
    numbers = [number(text, "3,250", "count", 3250, counted="fighter", verb="kill")]
    body = ask(KILLED, [article("a", text, numbers)])
    assert body["no_answer"] is True and body["confidence"] == 1.0


def test_a_different_figure_elsewhere_is_a_disagreement_with_its_source() -> None:
    articles = []
    for i, text in enumerate(
        ["After four months of battle, Raqqa fell.", "The four-month battle for Raqqa ended."]
    ):
        written = "four months" if "months" in text else "four-month"
        numbers = [number(text, written, "duration", 4, unit="month")]
        articles.append(article(f"four{i}", text, numbers, rank=i, source=f"Outlet {i}"))
    five = "The five-month battle for Raqqa killed thousands."
    numbers = [number(five, "five-month", "duration", 5, unit="month")]
    articles.append(article("five", five, numbers, rank=2, source="Blog"))

    body = ask(LASTED, articles)

    assert body["answers"][0]["answer"] == "four months"
    assert sorted(body["answers"][0]["sources"]) == ["Outlet 0", "Outlet 1"]
    assert body["agreement"] == "disputed"
    [other] = body["disagreements"]
    assert other["answer"] == "five months" and other["sources"] == ["Blog"]


def test_a_vague_figure_does_not_contradict_a_precise_one() -> None:
    precise = "Monitors said 1,130 civilians were killed in the battle for Raqqa."
    vague = "Hundreds of civilians were killed in the battle for Raqqa."
    numbers = [{**number(vague, "Hundreds", "count", None, counted="civilian", verb="kill"),
                "low": 200, "high": 999, "qualifier": "vague"}]  # fmt: skip
    body = ask(KILLED, [toll("a", precise, "Xinhua", 0), article("b", vague, numbers, rank=1)])
    assert body["answers"][0]["value"] == 1130 and body["disagreements"] == []


def test_an_unrelated_verb_and_missing_terms_mean_no_answer() -> None:
    question = Question(
        text="How many ISIS fighters did the US airlift?",
        expected="count",
        counted="fighter",
        verb="airlift",
        terms=("isis", "fighter", "us", "airlift"),
        term_weights={"airlift": 3.0, "isis": 0.8, "fighter": 0.6, "us": 0.8},
    )
    text = "The deal left a group of 300 fighters to defend the last positions."
    numbers = [number(text, "300", "count", 300, counted="fighter", verb="leave")]
    body = ask(question, [article("a", text, numbers)])
    assert body["no_answer"] is True and body["answers"] == []


def test_entities_named_in_the_question_are_not_answers() -> None:
    question = Question(
        text="Who is the spokesman of the SDF?", expected="person", terms=("spokesman", "sdf"), names=("SDF",)
    )
    text = "Talal Silo, the spokesman of the SDF, said the city had fallen."
    entities = [entity(text, "Talal Silo", "PERSON"), entity(text, "SDF", "ORG")]
    body = ask(question, [article("a", text, entities=entities)])
    assert [a["answer"] for a in body["answers"]] == ["Talal Silo"]


def test_canonical_entities_from_several_articles_are_one_answer() -> None:
    question = Question(text="Who is the SDF spokesman?", expected="person", terms=("spokesman", "sdf"))
    one = "Mustafa Bali, a spokesman for the SDF, spoke."
    two = "Mostafa Bali, an SDF spokesman, said so."
    articles = [
        article("a", one, entities=[entity(one, "Mustafa Bali", "PERSON", canonical="Mustafa Bali")]),
        article("b", two, entities=[entity(two, "Mostafa Bali", "PERSON", canonical="Mustafa Bali")], rank=1),
    ]
    body = ask(question, articles)
    assert body["answers"][0]["answer"] == "Mustafa Bali"
    assert {e["article_id"] for e in body["answers"][0]["evidence"]} == {"a", "b"}
