"""Passages: the sentences of the retrieved articles that best match the question, with context.

A sentence's score is the share of the question's terms (weighted by their rarity in the index)
found in it, counting the terms found only in the sentences around it at half weight; names
count when any of their aliases is written, and the article's outlet counts as written in each
of its sentences when the question names it. The article's rank breaks ties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsdesk.plugins.text import sentence_bounds, stem, term_stems, terms_in, tokens
from newsdesk.plugins.types import Article, Passage, Question

CONTEXT_WEIGHT = 0.5
ARTICLE_RANK_DECAY = 0.03
# Words that make a noun another occurrence of what it names: "the final assault began on Sunday"
# does not say when "their assault" began. A sentence putting one the question does not say
# before one of its terms is about something else, less surely.
_ORDINALS = ("first", "second", "third", "final", "last", "latest", "new", "next", "previous", "initial")
OTHER_OCCURRENCE = frozenset(stem(word) for word in _ORDINALS)
OTHER_OCCURRENCE_FIT = 0.8


def coverage(found: Iterable[str], question: Question) -> float:
    """Weighted share of the question's terms in `found` (a set of terms)."""
    total = sum(question.weight(term) for term in question.terms)
    if not total:
        return 0.0
    return sum(question.weight(term) for term in set(found)) / total


def source_terms(article: Article, stems: dict[str, frozenset[str]]) -> set[str]:
    """The stems of the article's outlet when the question names it ("quoted in the Los Angeles
    Times"): every sentence of the article is in that outlet, though none of them says so."""
    outlet = {s for s, _, _ in tokens(article.source or "")}
    every_stem = set().union(*stems.values()) if stems else set()
    return outlet if outlet and outlet <= every_stem else set()


def other_occurrence(sentence: str, question_stems: set[str], stems: dict[str, frozenset[str]]) -> bool:
    """Does the sentence qualify a question term with an ordinal or "final", "new" the question lacks?"""
    words = [word for word, _, _ in tokens(sentence)]
    modifiers = OTHER_OCCURRENCE - question_stems
    return any(
        terms_in({word}, stems) and modifiers & set(words[max(i - 2, 0) : i]) for i, word in enumerate(words)
    )


def article_passages(article: Article, question: Question, stems: dict[str, frozenset[str]]) -> list[Passage]:
    bounds = sentence_bounds(article.content)
    sentence_stems = [{s for s, _, _ in tokens(article.content[a:b])} for a, b in bounds]
    outlet = source_terms(article, stems)
    asked = {word for word, _, _ in tokens(question.text)}
    if outlet:
        sentence_stems = [found | outlet for found in sentence_stems]
    passages = []
    for i, (start, end) in enumerate(bounds):
        inside = terms_in(sentence_stems[i], stems)
        around: set[str] = set()
        for j in (i - 1, i + 1):
            if 0 <= j < len(bounds):
                around |= terms_in(sentence_stems[j], stems)
        score = coverage(inside, question) + CONTEXT_WEIGHT * coverage(around - inside, question)
        if other_occurrence(article.content[start:end], asked, stems):
            score *= OTHER_OCCURRENCE_FIT
        score -= ARTICLE_RANK_DECAY * article.rank
        context_start = bounds[i - 1][0] if i > 0 else start
        context_end = bounds[i + 1][1] if i + 1 < len(bounds) else end
        passages.append(Passage(article, start, end, context_start, context_end, round(score, 4), 0))
    return passages


def rank_passages(articles: Sequence[Article], question: Question, limit: int) -> list[Passage]:
    """The `limit` best passages of `articles`, best first, with their rank set."""
    stems = term_stems(question)
    scored = [p for article in articles for p in article_passages(article, question, stems)]
    scored.sort(key=lambda p: (-p.score, p.article.rank, p.start))
    return [
        Passage(p.article, p.start, p.end, p.context_start, p.context_end, p.score, rank)
        for rank, p in enumerate(scored[:limit])
    ]
