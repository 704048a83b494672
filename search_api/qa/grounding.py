"""Grounding: an answer must come from text about the names the question gives.

"How many people were killed in the battle for Mosul?" shares every word but one with a
sentence giving the Raqqa toll; that one word is the name, and it is what the question is
about. A candidate is grounded when each name of the question (or one of its aliases: the
registry's and the other names its entity goes by in the retrieved articles) is written in the
candidate's passage (its sentence and the ones around it) or in its article's title or outlet;
each name missing multiplies its score by `MISSING_NAME_FIT`.

Usage:
    grounded = ground(question, candidates)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsdesk.plugins.text import tokens
from newsdesk.plugins.types import Candidate, Question

MISSING_NAME_FIT = 0.5


def _words(text: str) -> set[str]:
    return {word for word, _, _ in tokens(text)}


def name_written(forms: Sequence[str], words: set[str]) -> bool:
    """Is any of `forms` written (every one of its words, stemmed) in a text of stems `words`?"""
    for form in forms:
        stems = _words(form)
        if stems and stems <= words:
            return True
    return False


def missing_names(question: Question, candidate: Candidate) -> list[str]:
    """The question's names that neither the candidate's passage nor its article's title writes."""
    passage = candidate.passage
    article = passage.article
    words = _words(passage.context) | _words(article.title or "") | _words(article.source or "")
    return [
        name for name in question.names if not name_written((name, *question.aliases.get(name, ())), words)
    ]


def ground(question: Question, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The candidates, each scored down for every question name its evidence does not write."""
    if not question.names:
        return list(candidates)
    grounded = []
    for candidate in candidates:
        missing = len(missing_names(question, candidate))
        if missing:
            score = round(candidate.score * MISSING_NAME_FIT**missing, 4)
            candidate = dataclasses.replace(candidate, score=score)
        grounded.append(candidate)
    return grounded
