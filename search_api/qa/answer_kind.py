"""Named as the kind asked for: "At which university ...?" prefers "George Mason University".

A question asking for "which university", "which group" or "which town" names the kind of its
answer. A sentence that names an entity as that kind ("George Mason University", "Lebanon's
Hezbollah group", "the town of Mayadeen", "the aid group Save the Children") says more surely
that it is the answer than one that only gives an organisation or a place: such a candidate
gains `NAMED_KIND_FIT` and, when it could then be the answer itself (it scores `min_score`), the
other entities of its passage lose `OTHER_KIND_FIT`. Where no entity is so named ("Which
monitoring group said ...?" of "SOHR said ..."), nothing changes.

Usage:
    preferred = prefer_named_kind(question, candidates, min_score=0.45)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from newsdesk.plugins.text import stem, tokens
from newsdesk.plugins.types import ENTITY_LABELS, Candidate, Question
from newsdesk.search_api.qa.question import answer_noun

NAMED_KIND_FIT = 1.25
OTHER_KIND_FIT = 0.7
_ENTITY_KINDS = frozenset().union(*ENTITY_LABELS.values())
_WORD = re.compile(r"[A-Za-z]+")


def named_as(candidate: Candidate, noun: str) -> bool:
    """Is the candidate's entity named as a `noun`: in its own words, right after it ("Hezbollah
    group"), or right before it ("the aid group Save the Children", "the town of Mayadeen")?"""
    content = candidate.passage.article.content
    wanted = stem(noun)
    own = {word for word, _, _ in tokens(content[candidate.start : candidate.end])}
    after = _WORD.findall(re.sub(r"^['’]s\b", "", content[candidate.end : candidate.end + 30]))[:1]
    before = _WORD.findall(content[max(candidate.start - 30, 0) : candidate.start])[-2:]
    if before and before[-1].lower() == "of":
        before = before[:-1]
    return wanted in own or any(stem(word) == wanted for word in (*after, *before[-1:]))


def _outshone(candidate: Candidate, named: Candidate) -> bool:
    """Is another entity, named as the kind asked for, in the candidate's passage (its sentence and
    the ones around it)?"""
    passage = candidate.passage
    same_article = passage.article.id == named.passage.article.id
    return (
        named.key != candidate.key
        and same_article
        and passage.context_start <= named.start < passage.context_end
    )


def prefer_named_kind(
    question: Question, candidates: Sequence[Candidate], min_score: float
) -> list[Candidate]:
    """The candidates, those named as the kind the question asks for preferred to their neighbours."""
    noun = answer_noun(question.text) if question.wants_entity else None
    if noun is None:
        return list(candidates)
    named = {id(c) for c in candidates if c.kind in _ENTITY_KINDS and named_as(c, noun)}
    if not named:
        return list(candidates)
    # only one that could be the answer itself outshines its neighbours
    outshining = [c for c in candidates if id(c) in named and c.score * NAMED_KIND_FIT >= min_score]
    preferred = []
    for candidate in candidates:
        fit = 1.0
        if id(candidate) in named:
            fit = NAMED_KIND_FIT
        elif candidate.kind in _ENTITY_KINDS and any(_outshone(candidate, n) for n in outshining):
            fit = OTHER_KIND_FIT
        score = round(min(candidate.score * fit, 1.0), 4)
        preferred.append(dataclasses.replace(candidate, score=score) if fit != 1.0 else candidate)
    return preferred
