"""The learned reader as a user of `/qa` meets it: the span that answers, figures kept exact."""

from __future__ import annotations

import pytest

from newsdesk.plugins.builtin.qa import ReaderExtractor
from newsdesk.plugins.builtin.qa.reader import Reader
from newsdesk.plugins.builtin.qa.reader_extractor import covering
from newsdesk.plugins.types import Article, Passage, Question

pytestmark = pytest.mark.unit

SDF = "The SDF, led by Mazloum Abdi, took the city of Raqqa on 17 October 2017 after four months of fighting."
TOLL = "As many as 3,250 people, including 1,130 civilians, were killed, and 3,500 civilians fled."


def passage_of(content: str, numbers: tuple[dict[str, object], ...] = ()) -> Passage:
    article = Article(id="a", rank=0, score=1.0, content=content, numbers=numbers)
    return Passage(article, 0, len(content), 0, len(content), score=1.0, rank=0)


def figure(text: str, content: str, value: float, counted: str, verb: str) -> dict[str, object]:
    start = content.index(text)
    return {"start": start, "end": start + len(text), "text": text, "kind": "count", "value": value,
            "counted": counted, "verb": verb, "qualifier": None}  # fmt: skip


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Who leads the SDF?", "Mazloum Abdi"),
        ("When did the SDF take Raqqa?", "17 October 2017"),
        ("Which city did the SDF capture?", "Raqqa"),
    ],
)
def test_the_reader_finds_the_span_that_answers(question: str, answer: str) -> None:
    best = Reader.shipped().read(question, [SDF])[0]
    assert best.text == answer
    assert SDF[best.start : best.end] == answer
    assert best.margin > 0  # preferred to "no answer here"


def test_a_span_names_a_figure_only_when_it_holds_that_figure_alone() -> None:
    numbers = [figure("3,250", TOLL, 3250, "people", "kill"), figure("1,130", TOLL, 1130, "civilian", "kill")]
    named = covering(
        numbers, TOLL.index("1,130"), TOLL.index("1,130 civilians") + len("1,130 civilians"), TOLL
    )
    assert named is not None and named["value"] == 1130
    both = covering(numbers, TOLL.index("3,250"), TOLL.index("1,130") + len("1,130"), TOLL)
    assert both is None


def test_a_figure_question_gets_figures_of_the_thing_counted_as_answers() -> None:
    numbers = (
        figure("3,250", TOLL, 3250, "people", "kill"),
        figure("1,130", TOLL, 1130, "civilian", "kill"),
        figure("3,500", TOLL, 3500, "civilian", "flee"),
    )
    question = Question(
        text="How many civilians were killed?", expected="count", counted="civilian", verb="kill"
    )
    candidates = ReaderExtractor().extract(question, [passage_of(TOLL, numbers)])
    assert candidates, "the reader proposes an answer"
    assert {c.value for c in candidates} <= {1130.0, 3500.0}  # never the 3,250 people
    best = max(candidates, key=lambda c: c.score)
    assert (best.value, best.key, best.fact) == (1130, "count:1130:", "civilian:kill")
    assert 0.0 < best.score < 1.0


def test_a_passage_that_covers_less_of_the_question_makes_the_same_span_less_sure() -> None:
    question = Question(text="Who leads the SDF?", expected="person")
    extractor = ReaderExtractor()
    sure = extractor.probability({"margin": 12.0, "coverage": 1.0, "fit": 1.0})
    less = extractor.probability({"margin": 12.0, "coverage": 0.3, "fit": 1.0})
    assert less < sure
    assert extractor.extract(question, []) == []
