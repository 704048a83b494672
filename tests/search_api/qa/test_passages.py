"""Which sentences answer a question: a verb's irregular forms, and another occurrence of the event."""

from __future__ import annotations

from typing import Any

import pytest

from tests.search_api.qa.conftest import AnswerOver, hit, number


def dated(doc_id: str, text: str, date: str, verb: str, **extra: Any) -> dict[str, Any]:
    return hit(doc_id, text, [number(text, date, "date", None, verb=verb, **extra)])


BEGAN = dated("began", "The assault on the city began in early June.", "June", "begin", iso="--06")
ENDED = dated("ended", "The assault on the city ended on Tuesday, after weeks.", "Tuesday", "end")


@pytest.mark.integration
def test_a_sentence_in_the_past_tense_answers_when_something_did_begin(answer_over: AnswerOver) -> None:
    """ "began" is "begin": the light stemmer alone cannot tell."""
    response = answer_over([ENDED, BEGAN], "When did the assault on the city begin?")
    assert response.answers[0].answer == "early June"
    assert response.answers[0].evidence[0].text == "early June"


@pytest.mark.integration
def test_the_other_verb_still_answers_its_own_question(answer_over: AnswerOver) -> None:
    response = answer_over([BEGAN, ENDED], "When did the assault on the city end?")
    assert response.answers[0].answer == "Tuesday"


FINAL = dated("final", "The final SDF assault on Raqqa began on Sunday after a deal.", "Sunday", "begin")
FIRST = dated("first", "The SDF began their assault on Raqqa in early June.", "June", "begin", iso="--06")


@pytest.mark.integration
def test_the_final_assault_does_not_answer_when_the_assault_began(answer_over: AnswerOver) -> None:
    response = answer_over([FINAL, FIRST], "When did the SDF begin their assault on Raqqa?")
    assert response.answers[0].answer == "early June"


@pytest.mark.integration
def test_the_final_assault_answers_when_the_final_assault_began(answer_over: AnswerOver) -> None:
    response = answer_over([FIRST, FINAL], "When did the final SDF assault on Raqqa begin?")
    assert response.answers[0].answer == "Sunday"
