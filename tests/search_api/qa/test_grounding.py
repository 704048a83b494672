"""Held-out failure classes: a near-miss name, a rate asked as a count, another verb for what
remained, the outlet a question names, the words describing the answer."""

from __future__ import annotations

import pytest

from newsdesk.plugins.builtin.qa.extractor import AnnotationExtractor
from newsdesk.plugins.text import tokens
from newsdesk.plugins.types import Article, Question
from newsdesk.search_api.qa.aggregate import build_response
from newsdesk.search_api.qa.grounding import ground, missing_names
from newsdesk.search_api.qa.passages import rank_passages
from newsdesk.search_api.qa.question import answer_description
from tests.search_api.qa.conftest import article, entity, number

pytestmark = pytest.mark.unit

RAQQA_TOLL = "In Raqqa, monitors said 3,250 people were killed in the battle."


def ask(question: Question, articles: list[Article]) -> dict:
    passages = rank_passages(articles, question, limit=30)
    candidates = ground(question, AnnotationExtractor().extract(question, passages))
    return build_response(question.text, question, candidates, top_k=3).model_dump()


def killed_in(place: str) -> Question:
    return Question(
        text=f"How many people were killed in the battle for {place}?",
        expected="count", counted="people", verb="kill",
        terms=("people", "kill", "battle", place.lower()), names=(place,),
    )  # fmt: skip


def toll() -> Article:
    numbers = [number(RAQQA_TOLL, "3,250", "count", 3250, counted="people", verb="kill")]
    return article("a", RAQQA_TOLL, numbers, source="Xinhua")


def test_a_toll_for_another_place_does_not_answer() -> None:
    assert ask(killed_in("Raqqa"), [toll()])["answers"][0]["value"] == 3250
    assert ask(killed_in("Mosul"), [toll()])["no_answer"] is True


def test_a_name_counts_when_written_as_an_alias() -> None:
    question = killed_in("Ar-Raqqah")
    passages = rank_passages([toll()], question, limit=1)
    candidates = AnnotationExtractor().extract(question, passages)
    assert missing_names(question, candidates[0]) == ["Ar-Raqqah"]
    aliased = Question(**{**question.__dict__, "aliases": {"Ar-Raqqah": ("Raqqa",)}})
    assert missing_names(aliased, candidates[0]) == []


def test_a_rate_answers_a_count() -> None:
    text = "More than 10,000 people a day are fleeing the fighting around Dair Alzour."
    rate = number(text, "More than 10,000", "rate", 10000, unit="per day", counted="people", verb="flee")
    question = Question(
        text="How many people are fleeing the fighting around Dair Alzour?", expected="count",
        counted="people", verb="flee", terms=("people", "flee", "fighting", "dair", "alzour"),
        names=("Dair Alzour",),
    )  # fmt: skip
    body = ask(question, [article("a", text, [rate])])
    assert body["answers"][0]["answer"] == "More than 10,000"


def test_what_was_left_behind_is_what_remained() -> None:
    text = "A deal was struck, leaving only a group of 300 fighters to defend the last positions."
    numbers = [number(text, "300", "count", 300, counted="fighter", verb="leave")]
    question = Question(
        text="How many fighters remained to defend the last positions?", expected="count",
        counted="fighter", verb="remain", terms=("fighter", "remain", "defend", "last", "position"),
    )  # fmt: skip
    assert ask(question, [article("a", text, numbers)])["answers"][0]["value"] == 300


def test_the_outlet_the_question_names_counts_in_each_of_its_sentences() -> None:
    text = "Peter Mandaville, a former adviser in the State Department, said so."
    mention = entity(text, "Peter Mandaville", "PERSON")
    question = Question(
        text="Who is the former adviser quoted in the Los Angeles Times?", expected="person",
        terms=("former", "adviser", "quote", "los", "angeles", "times"),
        term_weights={"quote": 3.0, "los": 3.0, "angeles": 3.0, "times": 2.0},
        names=("Los Angeles Times",),
    )  # fmt: skip
    elsewhere = ask(question, [article("a", text, entities=[mention], source="Reuters")])
    assert elsewhere["no_answer"] is True
    body = ask(question, [article("a", text, entities=[mention], source="Los Angeles Times")])
    assert body["answers"][0]["answer"] == "Peter Mandaville"


def test_evidence_text_is_as_written() -> None:
    text = "SOHR said 3,250 people were killed."
    mention = entity(text, "SOHR", "ORG", canonical="Syrian Observatory for Human Rights")
    question = Question(text="Which group said people were killed?", expected="organization",
                        verb="say", terms=("say", "people", "kill"))  # fmt: skip
    best = ask(question, [article("a", text, entities=[mention])])["answers"][0]
    assert best["answer"] == "Syrian Observatory for Human Rights"
    assert best["evidence"][0]["text"] == "SOHR"


def test_words_describing_the_answer_are_found() -> None:
    described = answer_description("Which monitoring group said 3,250 people were killed?")
    assert described == {"monitoring", "group"}
    assert answer_description("How many people were killed?") == frozenset()


def test_a_figure_with_separators_is_one_word() -> None:
    assert [w for w, _, _ in tokens("as many as 3,250 people")] == ["as", "many", "as", "3,250", "peopl"]
