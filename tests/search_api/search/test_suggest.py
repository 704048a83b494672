"""'Did you mean': the term suggester's answer turned into the query with its misspelt words replaced."""

from __future__ import annotations

import pytest

from newsdesk.search_api.search.suggest import SUGGESTER, read_suggestion, suggest_clause

pytestmark = pytest.mark.unit


def response(*entries: tuple[str, str | None]) -> dict:
    return {
        "suggest": {
            SUGGESTER: [
                {"text": text, "options": [{"text": option, "score": 0.8, "freq": 12}] if option else []}
                for text, option in entries
            ]
        }
    }


def test_a_misspelt_word_is_replaced_in_the_case_it_was_typed() -> None:
    found = read_suggestion(response(("raqa", "raqqa"), ("stadium", None)), "Raqa stadium -Mosul")
    assert found == {"query": "Raqqa stadium -Mosul", "words": [{"word": "Raqa", "suggestion": "Raqqa"}]}


def test_capitals_and_lower_case_are_kept() -> None:
    assert read_suggestion(response(("sdfx", "sdf")), "SDFX")["query"] == "SDF"
    assert read_suggestion(response(("raqa", "raqqa")), "raqa")["query"] == "raqqa"


def test_only_whole_words_are_replaced() -> None:
    found = read_suggestion(response(("raq", "iraq")), "Raqqa raq")
    assert found is not None and found["query"] == "Raqqa iraq"


def test_no_suggestion_when_every_word_is_known() -> None:
    assert read_suggestion(response(("raqqa", None)), "Raqqa") is None
    assert read_suggestion({}, "Raqqa") is None


def test_only_queries_with_free_words_ask_for_suggestions() -> None:
    assert suggest_clause("  ") is None
    assert suggest_clause("Raqa")[SUGGESTER]["term"]["suggest_mode"] == "missing"
