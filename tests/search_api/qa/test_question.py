"""Reading a question: the answer type, the counted thing, the verb and the terms."""

from __future__ import annotations

import pytest

from newsdesk.search_api.qa.question import analyse, answer_noun, expected_type
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.unit

MODEL = Settings().spacy_model


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many civilians were killed in the battle for Raqqa?", "count"),
        ("How long did the battle for Raqqa last?", "duration"),
        ("How many months did the siege last?", "duration"),
        ("What percentage of its territory has Islamic State lost?", "percent"),
        ("How much did the new stadium cost?", "money"),
        ("How old is Fatima Hussein?", "age"),
        ("When did Islamic State capture Raqqa?", "date"),
        ("In which year was the city founded?", "date"),
        ("Who is the spokesman of the SDF?", "person"),
        ("Which senator sits on the committee?", "person"),
        ("Which aid group warned about the camps?", "organization"),
        ("Where were the militants taken?", "place"),
        ("What Syrian city fell on Saturday?", "place"),
        ("What did the city council say?", "unknown"),
        ("Why did the convoy leave?", "unknown"),
    ],
)
def test_expected_answer_type(question: str, expected: str) -> None:
    assert expected_type(question) == expected


def test_counted_noun_verb_and_terms() -> None:
    question = analyse("How many civilians were killed in the battle for Raqqa?", MODEL)
    assert (question.expected, question.counted, question.verb) == ("count", "civilian", "kill")
    assert {"civilian", "kill", "battle", "raqqa"} <= set(question.terms)
    assert "Raqqa" in question.names


def test_type_verbs_are_not_terms() -> None:
    """'last' only says a duration is wanted; it is not a word the answer's sentence must hold."""
    question = analyse("How long did the battle for Raqqa last?", MODEL)
    assert "last" not in question.terms and "battle" in question.terms


def test_irregular_forms_keep_the_written_word() -> None:
    question = analyse("What percentage of its territory has Islamic State lost?", MODEL)
    assert "lost" in question.forms.get("lose", ())


def test_a_verb_is_found_in_its_irregular_forms() -> None:
    question = analyse("When did the Syrian Democratic Forces begin their assault on Raqqa?", MODEL)
    assert {"began", "begun"} <= set(question.forms["begin"])


def test_the_article_of_a_name_is_not_a_term() -> None:
    """ "the" is in nearly every sentence: it would only favour the sentences that write it."""
    question = analyse("Who is the head of the Nation Building Movement?", MODEL)
    assert "the" not in question.terms and {"nation", "building", "movement"} <= set(question.terms)


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("At which university is the former adviser now?", "university"),
        ("Which Lebanese group runs the media unit?", "group"),
        ("Which monitoring group said 3,250 people were killed?", "group"),
        ("Who is the spokesman of the SDF?", None),
    ],
)
def test_the_noun_naming_the_kind_of_answer(question: str, noun: str | None) -> None:
    assert answer_noun(question) == noun
