"""The query language users type, parsed into a small tree that can only become safe Query DSL.

    raqqa stadium                 both words (in any searchable field)
    "Syrian Democratic Forces"    the phrase
    -Mosul   -"human shields"     exclude a word or a phrase
    isis OR daesh                 either (binds tighter than the implicit AND)
    title:raqqa  source:Xinhua    restrict to a field (`field:"a phrase"` works too)

Anything else (brackets, `*:*`, JSON, Lucene operators) is plain text: every character the user
types ends up as the text of a match query, never as query syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.plugins.errors import InvalidRequestError

MAX_CLAUSES = 64

# user-facing field name -> (index field, kind)
FIELDS: dict[str, tuple[str, str]] = {
    "title": ("title", "text"),
    "body": ("content", "text"),
    "content": ("content", "text"),
    "source": ("source", "keyword"),
    "author": ("authors", "keyword"),
    "category": ("category", "keyword"),
    "language": ("language", "keyword"),
}

_TOKEN = re.compile(
    r"""
    (?P<neg>-)?
    (?:(?P<field>[a-z_]+):(?=[^\s]))?
    (?:"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))
    """,
    re.VERBOSE,
)


class QuerySyntaxError(InvalidRequestError):
    """A query the language cannot take; the message says what to change."""


@dataclass(frozen=True)
class Clause:
    """One word or phrase, maybe restricted to a field, maybe excluded."""

    text: str
    phrase: bool = False
    field: str | None = None  # a key of FIELDS
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """Clauses that must all match; each group inside `required` matches if any of its clauses does."""

    required: tuple[tuple[Clause, ...], ...]
    excluded: tuple[Clause, ...]

    @property
    def free_text(self) -> str:
        """The positive, unfielded words and phrases, for phrase-proximity boosting."""
        return " ".join(
            c.text for group in self.required for c in group if c.field is None and len(group) == 1
        )


def _clauses(text: str) -> list[Clause | str]:
    """Words, phrases and the `OR` keyword, in order."""
    items: list[Clause | str] = []
    for match in _TOKEN.finditer(text):
        field = match.group("field")
        phrase = match.group("phrase")
        value = phrase if phrase is not None else match.group("word")
        if field is None and phrase is None and value == "OR":
            items.append("OR")
            continue
        if field is not None and field not in FIELDS:
            if value.startswith("/"):  # a URL ("https://..."), not a field
                field, value = None, f"{field}:{value}"
            else:
                msg = f"unknown field {field!r} in query; allowed: {', '.join(sorted(FIELDS))}"
                raise QuerySyntaxError(msg)
        value = value.strip()
        if not value or (phrase is None and not any(ch.isalnum() for ch in value)):
            continue  # punctuation alone: nothing to search for
        items.append(Clause(value, phrase=phrase is not None, field=field, negated=bool(match.group("neg"))))
    return items


def parse_query(text: str) -> ParsedQuery:
    items = _clauses(text)
    if len(items) > MAX_CLAUSES:
        msg = f"the query has {len(items)} terms; at most {MAX_CLAUSES} are allowed"
        raise QuerySyntaxError(msg)
    required: list[list[Clause]] = []
    excluded: list[Clause] = []
    join_next = False
    for item in items:
        if item == "OR":
            join_next = bool(required)
            continue
        assert isinstance(item, Clause)
        if item.negated:
            excluded.append(item)
        elif join_next:
            required[-1].append(item)
        else:
            required.append([item])
        join_next = False
    return ParsedQuery(tuple(tuple(group) for group in required), tuple(excluded))
