"""Spelling suggestions ("did you mean"): suggestions for the query's words, from the words of the index.

Elasticsearch's term suggester (in the server core, no plugin needed) runs in the same request as
the search: for each free word of the query that no article contains (`suggest_mode: missing`),
the indexed word within two edits that most articles use. The suggestion keeps the query as typed
and swaps only those words, in the case they were typed ("Raqa" -> "Raqqa").
"""

from __future__ import annotations

import re
from typing import Any

SUGGESTER = "did_you_mean"
# Entity names and the text: both hold the names people misspell.
SUGGEST_FIELD = "content"


def suggest_clause(free_text: str) -> dict[str, Any] | None:
    """The `suggest` section of a search body, or None when there is no free word to check."""
    if not free_text.strip():
        return None
    term = {
        "field": SUGGEST_FIELD,
        "suggest_mode": "missing",
        "sort": "frequency",
        "min_word_length": 4,
        "prefix_length": 1,
        "max_edits": 2,
        "size": 1,
    }
    return {SUGGESTER: {"text": free_text, "term": term}}


def _in_case_of(typed: str, suggested: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return suggested.upper()
    if typed[:1].isupper():
        return suggested[:1].upper() + suggested[1:]
    return suggested


def read_suggestion(response: dict[str, Any], query: str) -> dict[str, Any] | None:
    """`{"query": the query with the words corrected, "words": [{"word", "suggestion"}]}`, or None."""
    entries = response.get("suggest", {}).get(SUGGESTER, [])
    words = []
    corrected = query
    for entry in entries:
        if not entry.get("options"):
            continue
        typed = entry["text"]
        match = re.search(rf"(?<!\w){re.escape(typed)}(?!\w)", corrected, flags=re.IGNORECASE)
        if match is None:
            continue
        suggestion = _in_case_of(match.group(0), entry["options"][0]["text"])
        words.append({"word": match.group(0), "suggestion": suggestion})
        corrected = corrected[: match.start()] + suggestion + corrected[match.end() :]
    if not words:
        return None
    return {"query": corrected, "words": words}
