"""Reading entity annotations for a question: a nationality stands for its country."""

from __future__ import annotations

import pytest

from newsdesk.search_api.qa.entities import is_demonym_of
from tests.search_api.qa.conftest import AnswerOver, entity, hit

UNIT = (
    "On Tuesday, a military media unit run by Lebanon’s Hezbollah group said the army had pushed "
    "into Islamic State districts."
)
UNIT_ENTITIES = [
    entity(UNIT, "Lebanon", "GPE"),
    entity(UNIT, "Hezbollah", "ORG"),
    entity(UNIT, "Islamic State", "ORG"),
]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("adjective", "place", "same"),
    [
        ("Lebanese", "Lebanon", True),
        ("Syrian", "Syria", True),
        ("Iraqi", "Iraq", True),
        ("Iranian", "Iran", True),
        ("Turkish", "Turkey", True),
        ("Iranian", "Iraq", False),
        ("Indian", "Indonesia", False),
        ("Kurdish", "Kurdistan Region", False),
        ("Syria", "Syria", False),
    ],
)
def test_a_nationality_names_its_country_and_no_other(adjective: str, place: str, same: bool) -> None:
    assert is_demonym_of(adjective, place) is same


@pytest.mark.integration
def test_which_lebanese_group_is_answered_by_lebanons_group(answer_over: AnswerOver) -> None:
    question = "Which Lebanese group runs the military media unit?"
    response = answer_over([hit("a", UNIT, entities=UNIT_ENTITIES)], question)
    assert response.answers[0].answer == "Hezbollah"


@pytest.mark.integration
def test_a_group_of_another_country_does_not_answer(answer_over: AnswerOver) -> None:
    text = UNIT.replace("Lebanon", "Iraq").replace("Hezbollah", "Hashd")
    entities = [
        entity(text, "Iraq", "GPE"),
        entity(text, "Hashd", "ORG"),
        entity(text, "Islamic State", "ORG"),
    ]
    response = answer_over(
        [hit("a", text, entities=entities)], "Which Iranian group runs the military media unit?"
    )
    assert response.no_answer is True
