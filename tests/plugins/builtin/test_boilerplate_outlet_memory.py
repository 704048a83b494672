"""Outlet memory against the real node: a line an outlet prints under every article goes from the next one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from haystack import Document

from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper
from newsdesk.plugins.builtin.boilerplate.learned.outlet_memory import MIN_ARTICLES, OutletMemory

pytestmark = pytest.mark.integration

HOUSE_LINE = "The Valley Courier has reported on the towns of the river valley since it was founded in 1921."
STORIES = [
    [
        f"The council of town {n} voted on Tuesday to rebuild the old bridge over the river by next spring.",
        f"Residents of town {n} had asked for the repairs for years, the mayor told reporters on Tuesday.",
    ]
    for n in range(MIN_ARTICLES + 2)
]


@pytest.fixture
def memory(es_client: Elasticsearch) -> Iterator[OutletMemory]:
    index = f"newsdesk-test-lines-{uuid.uuid4().hex[:8]}"
    yield OutletMemory(lambda: es_client, index=index)
    es_client.indices.delete(index=index, ignore_unavailable=True)


def _ingest(stripper: BoilerplateStripper, n: int, source: str = "Valley Courier") -> Document:
    text = "\n\n".join([*STORIES[n], HOUSE_LINE])
    doc = Document(id=f"story-{n}", content=text, meta={"source": source})
    return stripper.run([doc])["documents"][0]


def test_a_line_printed_under_earlier_articles_of_the_outlet_is_removed(memory: OutletMemory) -> None:
    stripper = BoilerplateStripper(memory=memory)
    first = [_ingest(stripper, n) for n in range(MIN_ARTICLES)]
    assert all(HOUSE_LINE in (doc.content or "") for doc in first)  # on its own it reads like prose
    later = _ingest(stripper, MIN_ARTICLES)
    assert later.content == "\n\n".join(STORIES[MIN_ARTICLES])
    [removed] = [span for span in later.meta["boilerplate_removed"] if span["text"] == HOUSE_LINE]
    assert removed["reason"] == "outlet_repeat"
    assert f"{MIN_ARTICLES} other articles" in removed["detail"]


def test_the_same_article_ingested_again_counts_once(memory: OutletMemory) -> None:
    stripper = BoilerplateStripper(memory=memory)
    for _ in range(MIN_ARTICLES + 1):
        doc = _ingest(stripper, 0)
    assert HOUSE_LINE in (doc.content or "")


def test_another_outlet_does_not_inherit_the_line(memory: OutletMemory) -> None:
    stripper = BoilerplateStripper(memory=memory)
    for n in range(MIN_ARTICLES):
        _ingest(stripper, n)
    other = _ingest(stripper, MIN_ARTICLES, source="Hill Gazette")
    assert HOUSE_LINE in (other.content or "")


def test_an_unreachable_node_costs_no_article() -> None:
    unreachable = Elasticsearch("http://127.0.0.1:9", request_timeout=1, max_retries=0)
    stripper = BoilerplateStripper(memory=OutletMemory(lambda: unreachable, index="never-created"))
    doc = _ingest(stripper, 0)
    assert doc.content == "\n\n".join([*STORIES[0], HOUSE_LINE])
