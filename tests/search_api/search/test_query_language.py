"""What users type, and what the query language makes of it."""

from __future__ import annotations

import pytest

from newsdesk.search_api.search.query_language import MAX_CLAUSES, Clause, QuerySyntaxError, parse_query

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "required", "excluded"),
    [
        ("raqqa stadium", [["raqqa"], ["stadium"]], []),
        ('"Syrian Democratic Forces" -Mosul', [['"Syrian Democratic Forces"']], ["Mosul"]),
        ('-"human shields" raqqa', [["raqqa"]], ['"human shields"']),
        ("isis OR daesh raqqa", [["isis", "daesh"], ["raqqa"]], []),
        ("OR raqqa OR", [["raqqa"]], []),
        ("title:raqqa source:Xinhua", [["title:raqqa"], ["source:Xinhua"]], []),
        ('source:"Los Angeles Times"', [['source:"Los Angeles Times"']], []),
        ("*:* ((( ) {} -", [], []),
        ('{"script": {"source": "1"}}', [['"script"'], ['"source"'], ['"1"']], []),
        ("Raqqa: what now", [["Raqqa:"], ["what"], ["now"]], []),
        ("see https://example.org/a", [["see"], ["https://example.org/a"]], []),
        ('"unclosed phrase', [['"unclosed phrase"']], []),
        ("10:30 curfew", [["10:30"], ["curfew"]], []),
    ],
)
def test_parses_into_required_groups_and_exclusions(text: str, required: list, excluded: list) -> None:
    def show(clause: Clause) -> str:
        value = f'"{clause.text}"' if clause.phrase else clause.text
        return f"{clause.field}:{value}" if clause.field else value

    parsed = parse_query(text)
    assert [[show(c) for c in group] for group in parsed.required] == required
    assert [show(c) for c in parsed.excluded] == excluded


def test_unknown_field_is_named_with_the_allowed_ones() -> None:
    with pytest.raises(QuerySyntaxError, match=r"unknown field 'colour'.*allowed: author, body, category"):
        parse_query("colour:red")


def test_too_many_terms_are_refused_with_the_limit() -> None:
    with pytest.raises(QuerySyntaxError, match=f"at most {MAX_CLAUSES}"):
        parse_query("word " * (MAX_CLAUSES + 1))
