"""From candidates to answers: one answer per value, agreement and disagreement, abstention.

Candidates with the same key (a canonical entity or a normalised value) become one answer that
cites the best sentence of every article giving it; each further article adds a little to its
score. An answer that contradicts the best one (another precise figure of the same kind) and
is nearly as well supported is reported as a disagreement, with its own sources. When nothing
scores `min_score`, there is no answer, and the confidence says how sure that is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsdesk.plugins.annotations import bounds_disjoint
from newsdesk.plugins.types import Candidate, Question
from newsdesk.search_api.qa.models import Answer, Evidence, QAResponse

MIN_SCORE = 0.45
SUPPORT_BONUS = 0.04  # per further article giving the same answer
MAX_SUPPORT_BONUS = 0.12
DISAGREEMENT_RATIO = 0.6  # a contradicting answer this close to the best one is reported


@dataclass(frozen=True)
class Group:
    key: str
    candidates: tuple[Candidate, ...]  # the best one per article, best first
    score: float

    @property
    def best(self) -> Candidate:
        return self.candidates[0]


def group_candidates(candidates: Sequence[Candidate], min_score: float = MIN_SCORE) -> list[Group]:
    """One group per key, citing each article once; articles that would give the answer on their
    own (a candidate scoring `min_score`) add to its score, the others are only cited."""
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_key[candidate.key].append(candidate)
    groups = []
    for key, found in by_key.items():
        per_article: dict[str, Candidate] = {}
        for candidate in sorted(found, key=lambda c: (-c.score, c.passage.rank)):
            per_article.setdefault(candidate.passage.article.id, candidate)
        cited = tuple(per_article.values())
        supporting = sum(1 for c in cited[1:] if c.score >= min_score)
        bonus = min(SUPPORT_BONUS * supporting, MAX_SUPPORT_BONUS)
        groups.append(Group(key, cited, round(min(cited[0].score + bonus, 1.0), 4)))
    groups.sort(key=lambda g: (-g.score, g.best.passage.rank))
    return groups


def contradicts(a: Candidate, b: Candidate) -> bool:
    """Do two candidates state different things about the same kind of fact?"""
    if a.key == b.key or a.kind != b.kind or a.unit != b.unit:
        return False
    if a.fact and b.fact and a.fact != b.fact:
        return False  # 1,130 civilians killed and 3,500 civilians evacuated are two facts
    if a.value is None and b.value is None and a.low is None and b.low is None:
        return True  # two different entities (or dates) named as the answer
    return bounds_disjoint(a, b)  # "hundreds" or "more than 1,000" do not contradict 1,130


def to_answer(group: Group) -> Answer:
    best = group.best
    evidence = [
        Evidence(
            article_id=c.passage.article.id,
            source=c.passage.article.source,
            title=c.passage.article.title,
            url=c.passage.article.url,
            published_at=c.passage.article.published_at,
            sentence=c.passage.sentence,
            sentence_start=c.passage.start,
            sentence_end=c.passage.end,
            start=c.start,
            end=c.end,
            text=c.passage.article.content[c.start : c.end] or c.answer,  # as written: "SOHR"
            score=c.score,
        )
        for c in group.candidates
    ]
    sources = list(dict.fromkeys(e.source or e.article_id for e in evidence))
    return Answer(
        answer=best.display or best.answer,
        normalised=best.normalised or best.answer,
        value=best.value,
        unit=best.unit,
        kind=best.kind,
        score=group.score,
        sources=sources,
        evidence=evidence,
    )


def build_response(
    asked: str, question: Question, candidates: Sequence[Candidate], top_k: int, min_score: float = MIN_SCORE
) -> QAResponse:
    groups = group_candidates(candidates, min_score)
    kept = [g for g in groups if g.score >= min_score]
    if not kept:
        best_rejected = groups[0].score if groups else 0.0
        return QAResponse(
            question=asked,
            resolved_question=question.text,
            expected=question.expected,
            answers=[],
            agreement=None,
            no_answer=True,
            confidence=round(1.0 - best_rejected, 3),
        )
    top = kept[0]
    disputing = [
        g for g in kept[1:] if g.score >= DISAGREEMENT_RATIO * top.score and contradicts(top.best, g.best)
    ]
    agreement: Literal["agreed", "single_source", "disputed"] = (
        "disputed" if disputing else "agreed" if len(top.candidates) > 1 else "single_source"
    )
    return QAResponse(
        question=asked,
        resolved_question=question.text,
        expected=question.expected,
        answers=[to_answer(g) for g in kept[:top_k]],
        agreement=agreement,
        disagreements=[to_answer(g) for g in disputing],
        no_answer=False,
        confidence=top.score,
    )
