"""Finds answers in the number and entity annotations of the best-matching articles.

Each candidate is scored on type fit, counted-noun and verb match, the share of question terms
in its sentence, and the rank of its article; candidates with the same value from several
articles become one answer citing all of them. Nothing fitting well enough means no answer.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch

from search_api.qa.passages import sentence_at, sentence_bounds
from search_api.qa.question import ENTITY_LABELS, NUMBER_KINDS, QuestionAnalysis
from search_api.schemas import Answer, Evidence

RETRIEVED_ARTICLES = 10
MIN_SCORE = 0.55


@dataclass(frozen=True)
class Candidate:
    key: str  # what makes two candidates the same answer
    answer: str
    value: float | None
    kind: str
    score: float
    evidence: Evidence


def retrieve(client: Elasticsearch, index: str, question: QuestionAnalysis) -> list[dict[str, Any]]:
    """The articles that best match the question's terms (BM25 over title and clean text)."""
    query = {
        "multi_match": {
            "query": " ".join(question.terms) or question.text,
            "fields": ["title^2", "content"],
            "operator": "or",
        }
    }
    response = client.search(
        index=index,
        query=query,
        size=RETRIEVED_ARTICLES,
        source=["content", "title", "source", "numbers", "entities"],
    )
    return list(response["hits"]["hits"])


def _term_share(sentence: str, question: QuestionAnalysis) -> float:
    if not question.terms:
        return 0.0
    lowered = sentence.lower()
    return sum(term in lowered for term in question.terms) / len(question.terms)


def _number_fit(mention: dict[str, Any], question: QuestionAnalysis) -> float | None:
    """How well a number mention fits what the question asks; None when it cannot answer."""
    if mention.get("kind") not in NUMBER_KINDS[question.expected]:
        return None
    fit = 0.4
    if question.counted:
        counted = (mention.get("counted") or "").lower()
        if counted == question.counted:
            fit += 0.4
        elif counted:
            return None
        else:
            fit -= 0.1
    if question.verb and question.expected == "count":
        verb = (mention.get("verb") or "").lower()
        if verb == question.verb:
            fit += 0.3
        elif verb:
            fit -= 0.3
        else:
            fit -= 0.15
    return fit


def _candidates_in(hit: dict[str, Any], rank: int, question: QuestionAnalysis) -> list[Candidate]:
    source = hit["_source"]
    content: str = source.get("content") or ""
    bounds = sentence_bounds(content)
    found = []
    if question.wants_number:
        mentions = [(m, _number_fit(m, question)) for m in source.get("numbers") or []]
        items = [(m, fit) for m, fit in mentions if fit is not None]
    else:
        labels = ENTITY_LABELS.get(question.expected, set())
        named = {name.lower() for name in question.names}
        items = [
            (e, 0.6)
            for e in source.get("entities") or []
            if e.get("label") in labels and e.get("name", "").lower() not in named
        ]
    for mention, fit in items:
        start, end = sentence_at(bounds, mention["start"])
        sentence = content[start:end]
        score = fit + 0.5 * _term_share(sentence, question) + 0.2 / (1 + rank)
        value = mention.get("value")
        answer = mention.get("text") if question.wants_number else mention.get("name", mention.get("text"))
        key = (
            f"{mention.get('kind')}:{value}:{mention.get('unit')}"
            if question.wants_number
            else answer.lower()
        )
        evidence = Evidence(
            article_id=hit["_id"],
            source=source.get("source"),
            title=source.get("title"),
            sentence=sentence,
            start=mention["start"],
            end=mention["end"],
        )
        found.append(
            Candidate(key, answer, value, mention.get("kind") or mention.get("label"), score, evidence)
        )
    return found


def aggregate(candidates: list[Candidate], top_k: int) -> list[Answer]:
    """One answer per distinct value, citing the best evidence from each article that gives it."""
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        groups[candidate.key].append(candidate)
    answers = []
    for group in groups.values():
        best_per_article: dict[str, Candidate] = {}
        for candidate in sorted(group, key=lambda c: -c.score):
            best_per_article.setdefault(candidate.evidence.article_id, candidate)
        cited = list(best_per_article.values())
        support = 0.05 * (len(cited) - 1)
        best = cited[0]
        answers.append(
            Answer(
                answer=best.answer,
                value=best.value,
                kind=best.kind,
                score=round(min(best.score + support, 1.5) / 1.5, 3),
                evidence=[c.evidence for c in cited],
            )
        )
    answers.sort(key=lambda a: -a.score)
    return [a for a in answers if a.score >= MIN_SCORE / 1.5][:top_k]


def answer_question(
    client: Elasticsearch, index: str, question: QuestionAnalysis, top_k: int
) -> list[Answer]:
    if question.expected == "unknown":
        return []
    hits = retrieve(client, index, question)
    candidates = [c for rank, hit in enumerate(hits) for c in _candidates_in(hit, rank, question)]
    return aggregate(candidates, top_k)
