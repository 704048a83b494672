"""Small text tools for matching a question against sentences: tokens, a light stemmer, sentences.

The index analyses text with the standard tokenizer and no stemmer, and the answer scorer must
not parse every candidate sentence, so matching is done on word tokens reduced by `stem`:
"killed", "killing" and "kills" meet at "kill", "battles" and "battle" at "battl".
Part of the SDK: the host's passage ranking and every answer extractor match words the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.plugins.types import Question

_WORD = re.compile(r"[0-9]+(?:[.,][0-9]+)+|[A-Za-z0-9]+(?:['’][A-Za-z]+)?")  # "3,250" is one word
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Col|Gen|Lt|Sgt|Capt|Sen|Rep|Gov|St|Jr|Sr|No|Prof|U\.S|U\.N"
    r"|Jan|Feb|Aug|Sept?|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs|etc)\.$"
)

# Verbs news writers use for the same event; a question's verb matches any of its group.
_VERB_GROUPS = (
    {"kill", "die", "died", "slay", "slain", "massacre", "murder", "dead"},
    {"injure", "wound", "hurt"},
    {
        "capture",
        "seize",
        "take",
        "took",
        "taken",
        "retake",
        "retook",
        "recapture",
        "liberate",
        "conquer",
        "win",
        "won",
    },
    {"flee", "fled", "displace", "escape", "leave", "left", "evacuate"},
    {"arrest", "detain", "imprison", "jail"},
    # what is left behind remains: "leaving only 300 fighters" answers "how many remained"
    {"remain", "stay", "leave", "left", "hold"},
    {"begin", "began", "begun", "start", "launch", "open"},
    {"end", "finish", "conclude", "stop"},
    {"lead", "led", "head", "command", "run", "ran"},
    {"found", "establish", "create", "set"},
    {"buy", "bought", "acquire", "purchase"},
    {"say", "said", "tell", "told", "state", "announce", "report", "declare"},
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough for plurals, tenses and -ing, never below three letters."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]  # "stopped" -> "stopp" -> "stop"
    return word


def tokens(text: str, offset: int = 0) -> Iterator[tuple[str, int, int]]:
    """(stem, start, end) of each word of `text`; offsets shifted by `offset`."""
    for match in _WORD.finditer(text):
        yield stem(match.group(0)), match.start() + offset, match.end() + offset


def verb_forms(verb: str) -> frozenset[str]:
    """Stems of the verbs that report the same event as `verb`."""
    for group in _VERB_GROUPS:
        if verb in group:
            return frozenset(stem(v) for v in group)
    return frozenset({stem(verb)})


def same_verb(a: str | None, b: str | None) -> bool:
    return bool(a and b and stem(b) in verb_forms(a))


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`; a line break always ends a sentence."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        if "\n" not in match.group(0) and _ABBREVIATION.search(text[start:end]):
            continue  # "Col. Ryan Dillon", "U.S. forces": not the end of a sentence
        if text[start:end].strip():
            bounds.append(_trim(text, start, end))
        start = match.end()
    if text[start:].strip():
        bounds.append(_trim(text, start, len(text)))
    return bounds


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def term_stems(question: Question) -> dict[str, frozenset[str]]:
    """Each question term, with the stems that count as finding it (aliases of names included)."""
    stems: dict[str, frozenset[str]] = {
        term: frozenset({stem(term), *(stem(w) for w in question.forms.get(term, ()))})
        for term in question.terms
    }
    for name, aliases in question.aliases.items():
        for term in name.lower().split():
            if term in stems:
                extra = {stem(word) for alias in aliases for word, _, _ in tokens(alias)}
                stems[term] = stems[term] | frozenset(extra)
    return stems


def terms_in(span_stems: set[str], stems: dict[str, frozenset[str]]) -> set[str]:
    return {term for term, forms in stems.items() if forms & span_stems}
