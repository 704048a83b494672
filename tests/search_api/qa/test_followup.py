"""Follow-up questions are made whole from the question before them."""

from __future__ import annotations

import pytest

from newsdesk.search_api.qa.followup import resolve
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.unit

MODEL = Settings().spacy_model
BEFORE = ["How many civilians were killed in the battle for Raqqa?"]


def test_a_pronoun_stands_for_what_the_last_question_was_about() -> None:
    assert resolve("And how long did it last?", BEFORE, MODEL) == "How long did the battle for Raqqa last?"


def test_what_about_asks_the_last_question_of_something_else() -> None:
    assert (
        resolve("What about fighters?", BEFORE, MODEL)
        == "How many fighters were killed in the battle for Raqqa?"
    )


def test_a_question_that_stands_alone_is_unchanged() -> None:
    question = "Who is the spokesman of the SDF?"
    assert resolve(question, BEFORE, MODEL) == question
    assert resolve("How long did it last?", [], MODEL) == "How long did it last?"


def test_what_about_another_name_asks_the_same_of_it() -> None:
    spokesman = ["Who is the spokesman of the SDF?"]
    assert resolve("What about the coalition?", spokesman, MODEL) == "Who is the spokesman of the coalition?"
    lasted = ["How long did the battle for Raqqa last?"]
    assert resolve("What about Mosul?", lasted, MODEL) == "How long did the battle for Mosul last?"


def test_what_about_the_counted_thing_reads_as_a_question() -> None:
    assert (
        resolve("What about the people?", BEFORE, MODEL)
        == "How many people were killed in the battle for Raqqa?"
    )
