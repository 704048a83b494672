"""Articles with annotations as the indexing pipeline stores them, built by hand, and the engine
answering over them from an index of the real node."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any, Protocol

import pytest
from elasticsearch import Elasticsearch

from newsdesk.plugins.builtin.qa import dense
from newsdesk.plugins.builtin.qa.dense import Embedder
from newsdesk.plugins.builtin.qa.extractor import AnnotationExtractor
from newsdesk.plugins.manager import load_plugins
from newsdesk.plugins.types import AnswerExtractor, Article
from newsdesk.search_api.index.admin import core_fields, drop_index, ensure_index
from newsdesk.search_api.qa.engine import QAConfig, QAEngine
from newsdesk.search_api.qa.models import QAResponse
from newsdesk.search_api.settings import Settings


def article(
    id: str,
    content: str,
    numbers: list[dict[str, Any]] = (),  # type: ignore[assignment]
    entities: list[dict[str, Any]] = (),  # type: ignore[assignment]
    rank: int = 0,
    source: str | None = None,
) -> Article:
    return Article(
        id=id,
        rank=rank,
        score=1.0,
        content=content,
        source=source,
        numbers=tuple(numbers),
        entities=tuple(entities),
    )


def number(content: str, text: str, kind: str, value: float | None, **extra: Any) -> dict[str, Any]:
    """A `numbers[]` entry for the first occurrence of `text` in `content`."""
    start = content.index(text)
    low_high = {"low": value, "high": value} if value is not None else {}
    return {"text": text, "start": start, "end": start + len(text), "kind": kind, "value": value,
            "qualifier": "exact", **low_high, **extra}  # fmt: skip


def entity(content: str, text: str, label: str, **extra: Any) -> dict[str, Any]:
    start = content.index(text)
    return {"text": text, "name": text, "label": label, "start": start, "end": start + len(text), **extra}


def hit(
    doc_id: str,
    content: str,
    numbers: list[dict[str, Any]] = (),  # type: ignore[assignment]
    entities: list[dict[str, Any]] = (),  # type: ignore[assignment]
    **fields: Any,
) -> dict[str, Any]:
    """An indexed article as a search hit carries it: its id and the fields stored for it."""
    source = {
        "content": content,
        "numbers": list(numbers),
        "entities": list(entities),
        "source": "X",
        **fields,
    }
    return {"_id": doc_id, "_source": source}


class AnswerOver(Protocol):
    def __call__(
        self,
        hits: list[dict[str, Any]],
        question: str,
        *,
        extractors: dict[str, AnswerExtractor] | None = None,
        embedder: Embedder | None = None,
        articles: int = 5,
    ) -> QAResponse: ...


def qa_index(client: Elasticsearch, settings: Settings) -> Settings:
    """A new article index on the real node with every installed plugin's fields and the dense
    passages field (whether or not an embedding model is installed)."""
    own = settings.model_copy(update={"index_alias": f"{settings.index_alias}-qa-{uuid.uuid4().hex[:6]}"})
    host = load_plugins(own, reserved_fields=core_fields(own))
    ensure_index(client, own, SimpleNamespace(mappings={**host.mappings, **dense.mapping()}))  # type: ignore[arg-type]
    return own


@pytest.fixture
def answer_over(es_client: Elasticsearch, settings: Settings) -> Iterator[AnswerOver]:
    """What `POST /qa` answers when the index holds exactly `hits` (the built-in extractor alone
    unless others are given): each call writes them to a new index of the real node, so term
    statistics are theirs alone, and the engine searches it."""
    created: list[Settings] = []

    def answer(
        hits: list[dict[str, Any]],
        question: str,
        *,
        extractors: dict[str, AnswerExtractor] | None = None,
        embedder: Embedder | None = None,
        articles: int = 5,
    ) -> QAResponse:
        created.append(own := qa_index(es_client, settings))
        operations: list[dict[str, Any]] = []
        for h in hits:
            operations += [{"index": {"_index": own.index_alias, "_id": h["_id"]}}, h["_source"]]
        response = es_client.bulk(operations=operations, refresh=True)
        assert not response["errors"], [item for item in response["items"] if "error" in item["index"]]
        extractors = extractors or {"annotations": AnnotationExtractor()}
        engine = QAEngine(own, es_client, extractors, QAConfig(articles=articles), embedder)
        return engine.answer(question)

    yield answer
    for own in created:
        drop_index(es_client, own)
