"""Finds the articles a question is about: BM25 over the clean text and title, names as phrases.

The question's names are searched as phrases together with their aliases (the entity alias
registry's, when one is configured, and the other names the same entity goes by in the index),
so "ISIS" also finds articles that only say "Islamic State". Term weights for passage scoring
come from the index's own document frequencies, in one `_termvectors` call.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Sequence
from typing import Any

from elasticsearch import Elasticsearch

from search_api.qa.question import retrieval_words
from search_api.qa.types import Article, Question

logger = logging.getLogger(__name__)

SOURCE_FIELDS = ["content", "title", "source", "url", "published_at", "numbers", "entities"]
NAME_BOOST = 2.0


def build_query(question: Question) -> dict[str, Any]:
    words = " ".join(retrieval_words(question)) or question.text
    should: list[dict[str, Any]] = [
        {"multi_match": {"query": words, "fields": ["title^1.5", "content"], "type": "most_fields"}}
    ]
    for name in question.names:
        for written in (name, *question.aliases.get(name, ())):
            should.append({"match_phrase": {"content": {"query": written, "boost": NAME_BOOST}}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def read_article(hit: dict[str, Any], rank: int) -> Article:
    source = hit.get("_source") or {}
    return Article(
        id=hit["_id"],
        rank=rank,
        score=float(hit.get("_score") or 0.0),
        content=source.get("content") or "",
        title=source.get("title"),
        source=source.get("source"),
        url=source.get("url"),
        published_at=source.get("published_at"),
        numbers=tuple(source.get("numbers") or ()),
        entities=tuple(source.get("entities") or ()),
    )


def term_weights(client: Elasticsearch, index: str, terms: Sequence[str]) -> dict[str, float]:
    """BM25's idf of each term in the index; a term no article holds gets the highest weight."""
    if not terms:
        return {}
    response = client.termvectors(
        index=index,
        doc={"content": " ".join(terms)},
        fields=["content"],
        term_statistics=True,
        field_statistics=True,
        positions=False,
        offsets=False,
    )
    field = response.get("term_vectors", {}).get("content", {})
    documents = field.get("field_statistics", {}).get("doc_count", 0)
    found = field.get("terms", {})
    weights = {}
    for term in terms:
        df = found.get(term, {}).get("doc_freq", 0)
        weights[term] = math.log(1 + (documents - df + 0.5) / (df + 0.5))
    return weights


def registry_aliases(names: Sequence[str], settings: Any) -> dict[str, tuple[str, ...]]:
    """Other ways the question's names are written, from the entity alias file, if there is one."""
    path = getattr(settings, "entity_aliases_path", None) or os.environ.get("NEWSDESK_ENTITY_ALIASES_PATH")
    if not names or not path:
        return {}
    try:
        from plugins.builtin.entities.aliases import load_aliases
    except ImportError:
        return {}
    try:
        table = load_aliases(str(path))
    except Exception as e:  # a broken alias file costs the expansion, not the answer
        logger.warning("entity aliases not used: %s", e)
        return {}
    found = {}
    for name in names:
        entry = table.lookup(name)
        if entry is not None:
            found[name] = tuple(n for n in entry.names if n.lower() != name.lower())
    return found
