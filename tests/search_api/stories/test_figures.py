"""The figure table: facts by what is counted, one row per outlet, revisions, and who disagrees."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.plugins.manager import load_plugins
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.figures import fact_label, fact_of, figure_table

pytestmark = pytest.mark.unit
RULES = load_plugins(Settings()).figure_rules


def mention(
    outlet: str,
    article: str,
    value: float,
    *,
    time: str = "2017-10-17",
    position: int = 0,
    fact: str = "duration|month",
    text: str | None = None,
) -> dict[str, Any]:
    return {
        "fact": fact,
        "article_id": article,
        "outlet": outlet,
        "time": time,
        "position": position,
        "text": text or f"{value:g} months",
        "value": value,
        "low": value,
        "high": value,
        "qualifier": "exact",
        "unit": "month",
        "sentence": f"It lasted {value:g} months.",
    }


def test_facts_read_as_what_is_counted_and_the_verb() -> None:
    assert fact_label("count|civilian|kill|") == "civilians killed"
    assert fact_label("count|people|flee|") == "people fled"
    assert fact_label("duration|month") == "duration in months"
    assert fact_of({"kind": "date", "text": "Tuesday"}) is None
    assert fact_of({"kind": "count", "counted": None, "value": 300}) is None


def test_the_outlet_that_gives_another_value_is_marked_and_the_fact_disputed() -> None:
    mentions = [mention(o, o, 4) for o in "ABCD"] + [mention("E", "E", 5), mention("E", "E", 4, position=3)]
    [fact] = figure_table(mentions, RULES)

    assert fact["verdict"] == "disagree"
    assert {r["outlet"]: r["disagrees"] for r in fact["rows"]} == {
        "A": False,
        "B": False,
        "C": False,
        "D": False,
        "E": True,
    }
    odd = next(r for r in fact["rows"] if r["outlet"] == "E")
    assert odd["value"] == 5 and [a["value"] for a in odd["also"]] == [4]


def test_a_later_article_of_the_same_outlet_is_a_revision() -> None:
    mentions = [
        mention("A", "a-monday", 4, time="2017-10-16"),
        mention("A", "a-tuesday", 5, time="2017-10-17"),
    ]
    [fact] = figure_table(mentions, RULES)

    [row] = fact["rows"]
    assert (row["value"], row["article_id"]) == (5, "a-tuesday")
    assert [(r["value"], r["article_id"]) for r in row["revised_from"]] == [(4, "a-monday")]
    assert fact["verdict"] == "single_source"
