"""Named as the kind asked for: "At which university ...?" prefers the entity called a university."""

from __future__ import annotations

import pytest

from newsdesk.plugins.types import Candidate, Passage
from newsdesk.search_api.qa.answer_kind import named_as
from tests.search_api.qa.conftest import AnswerOver, article, entity, hit

ADVISER = (
    "“We have been here before,” said Jane Roe, a former adviser who worked against Islamic State in 2015. "
    "Roe is now at Carleton University’s school of public affairs."
)
ADVISER_ENTITIES = [
    entity(ADVISER, "Jane Roe", "PERSON"),
    entity(ADVISER, "Islamic State", "ORG"),
    entity(ADVISER, "Carleton University", "ORG"),
]


@pytest.mark.integration
def test_the_entity_named_as_a_university_answers_at_which_university(answer_over: AnswerOver) -> None:
    response = answer_over(
        [hit("a", ADVISER, entities=ADVISER_ENTITIES)], "At which university is the former adviser now?"
    )
    assert [a.answer for a in response.answers][:1] == ["Carleton University"]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "name", "noun", "named"),
    [
        ("Roe is now at Carleton University’s school.", "Carleton University", "university", True),
        ("A unit run by Lebanon’s Hezbollah group said so.", "Hezbollah", "group", True),
        ("The army captured the town of Mayadeen on Saturday.", "Mayadeen", "town", True),
        ("The international aid group Save the Children said so.", "Save the Children", "group", True),
        ("The group said Islamic State had lost the town.", "Islamic State", "group", False),
        (
            "Roe, who studied at a university, joined Islamic State watchers.",
            "Islamic State",
            "university",
            False,
        ),
    ],
)
def test_an_entity_is_named_as_a_kind_by_its_own_words_or_the_word_beside_it(
    text: str, name: str, noun: str, named: bool
) -> None:
    start = text.index(name)
    passage = Passage(article("a", text), 0, len(text), 0, len(text), 1.0, 0)
    candidate = Candidate(key=name, answer=name, kind="ORG", score=1.0, passage=passage, start=start,
                          end=start + len(name))  # fmt: skip
    assert named_as(candidate, noun) is named


@pytest.mark.integration
def test_an_answer_not_called_a_group_keeps_its_score_beside_an_unrelated_group(
    answer_over: AnswerOver,
) -> None:
    """ "Which monitoring group ...?" of "SOHR said ...": a group named in the next sentence, that
    could not be the answer itself, does not make the answer less sure."""
    said = "The Syrian Observatory for Human Rights said 3,250 people were killed. "
    question = "Which monitoring group said 3,250 people were killed?"
    confidences = []
    for other, name in (("Separately, the Hezbollah group held a parade.", "Hezbollah"),
                        ("Separately, Hezbollah held a group parade.", "Hezbollah")):  # fmt: skip
        text = said + other
        entities = [entity(text, "Syrian Observatory for Human Rights", "ORG"), entity(text, name, "ORG")]
        response = answer_over([hit("a", text, entities=entities)], question)
        assert response.answers[0].answer == "Syrian Observatory for Human Rights"
        confidences.append(response.confidence)
    assert confidences[0] == confidences[1]
