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
from spacy.lang.en.stop_words import STOP_WORDS

from newsdesk.plugins.annotations import name_key
from newsdesk.plugins.types import Article, Question
from newsdesk.search_api.ingest.articles import followable_url
from newsdesk.search_api.qa.question import retrieval_words

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
        url=followable_url(source.get("url")),  # cited to chat clients as a link
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


def usable_alias(alias: str) -> bool:
    """An alias worth searching: not a common word once lower-cased ("IS", "US" are "is", "us")."""
    return len(alias) > 2 and alias.lower() not in STOP_WORDS


def registry_aliases(
    names: Sequence[str], settings: Any, client: Elasticsearch | None = None
) -> dict[str, tuple[str, ...]]:
    """Other ways the question's names are written: from the entity alias file and the entity
    registry (`<alias>-entities`), whichever the entity plugin provides; neither is required."""
    if not names:
        return {}
    found: dict[str, list[str]] = {name: [] for name in names}
    for name, aliases in [*_alias_file(names, settings), *_registry(names, settings, client)]:
        found[name].extend(a for a in aliases if a.lower() != name.lower() and usable_alias(a))
    return {name: tuple(dict.fromkeys(aliases)) for name, aliases in found.items() if aliases}


def _alias_file(names: Sequence[str], settings: Any) -> list[tuple[str, tuple[str, ...]]]:
    path = getattr(settings, "entity_aliases_path", None) or os.environ.get("NEWSDESK_ENTITY_ALIASES_PATH")
    if not path:
        return []
    try:
        from newsdesk.plugins.builtin.entities import load_aliases

        table = load_aliases(str(path))
    except Exception as e:  # no entity plugin, or a broken alias file: no expansion, still an answer
        logger.warning("entity aliases not used: %s", e)
        return []
    return [(name, entry.names) for name in names if (entry := table.lookup(name)) is not None]


def _registry(
    names: Sequence[str], settings: Any, client: Elasticsearch | None
) -> list[tuple[str, tuple[str, ...]]]:
    if client is None:
        return []
    try:
        from newsdesk.plugins.builtin.entities import registry_index

        index = registry_index(settings.index_alias)
        if not client.indices.exists(index=index):
            return []
        keys = {name_key(n): n for n in names}
        query = {"terms": {"keys": sorted(keys)}}
        hits = client.search(index=index, query=query, size=20, source_includes=["names", "keys"])["hits"][
            "hits"
        ]
    except Exception as e:  # the registry is a help, never a reason to fail a question
        logger.warning("entity registry not used: %s", e)
        return []
    found = []
    for hit in hits:
        for key in set(hit["_source"].get("keys", [])) & set(keys):
            found.append((keys[key], tuple(hit["_source"].get("names", []))))
    return found
