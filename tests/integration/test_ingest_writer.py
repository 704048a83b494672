"""Bulk writing under real Elasticsearch refusals: retries with backoff, item by item, give-ups.

Faults are Elasticsearch's own: an index under the `read_only_allow_delete` block answers 429
to every write until the block is lifted; a value the mapping cannot take is refused for good.
"""

from __future__ import annotations

import threading

import pytest
from elasticsearch import Elasticsearch
from haystack import Document

from newsdesk.search_api.index.retry import ElasticsearchUnavailableError, RetryPolicy
from newsdesk.search_api.ingest.writer import ArticleWriter
from tests.conftest import ScratchIndex

pytestmark = pytest.mark.integration
QUICK = RetryPolicy(first_delay=0.05, max_delay=0.4, give_up_after=20)


def docs(*ids: str) -> list[Document]:
    return [Document(id=doc_id, content=f"Article {doc_id}.", meta={"title": doc_id}) for doc_id in ids]


def block_writes(index: ScratchIndex, blocked: bool) -> None:
    index.client.indices.put_settings(
        index=index.alias, settings={"index.blocks.read_only_allow_delete": True if blocked else None}
    )


def test_documents_are_stored_flat_and_reported_created_then_updated(scratch_index: ScratchIndex) -> None:
    first = ArticleWriter(scratch_index.client, scratch_index.alias, policy=QUICK).write(docs("a", "b"))
    again = ArticleWriter(scratch_index.client, scratch_index.alias, policy=QUICK).write(docs("a"))

    assert (sorted(first.created), first.updated, again.created, again.updated) == (["a", "b"], [], [], ["a"])
    assert scratch_index.stored()["a"] == {"id": "a", "content": "Article a.", "title": "a"}


def test_writes_refused_with_429_are_retried_until_elasticsearch_takes_them(
    scratch_index: ScratchIndex,
) -> None:
    block_writes(scratch_index, True)
    threading.Timer(1.5, block_writes, args=(scratch_index, False)).start()

    result = ArticleWriter(scratch_index.client, scratch_index.alias, policy=QUICK).write(docs("a", "b", "c"))

    assert sorted(result.created) == ["a", "b", "c"] and result.refused == {}
    assert result.retried_items >= 3
    assert set(scratch_index.stored()) == {"a", "b", "c"}


def test_writes_refused_every_time_are_given_up_on_and_reported(scratch_index: ScratchIndex) -> None:
    block_writes(scratch_index, True)
    try:
        policy = RetryPolicy(first_delay=0.01, max_delay=0.05, give_up_after=20)
        result = ArticleWriter(scratch_index.client, scratch_index.alias, policy=policy).write(docs("a"))
    finally:
        block_writes(scratch_index, False)

    assert list(result.refused) == ["a"] and "cluster_block_exception" in result.refused["a"]


def test_an_item_refused_for_good_is_reported_with_the_reason_and_not_retried(
    scratch_index: ScratchIndex,
) -> None:
    batch = docs("a", "b", "c")
    batch[1] = Document(id="b", content="Article b.", meta={"ingested_at": "not a date"})

    result = ArticleWriter(scratch_index.client, scratch_index.alias, policy=QUICK).write(batch)

    assert sorted(result.created) == ["a", "c"]
    assert list(result.refused) == ["b"] and "ingested_at" in result.refused["b"]
    assert result.retried_items == 0
    assert set(scratch_index.stored()) == {"a", "c"}


def test_writing_to_a_missing_alias_is_refused_not_creating_an_index(es_client: Elasticsearch) -> None:
    result = ArticleWriter(es_client, "newsdesk-no-such-alias", policy=QUICK).write(docs("a"))

    assert "index_not_found_exception" in result.refused["a"] and result.retried_items == 0
    assert not es_client.indices.exists(index="newsdesk-no-such-alias")


@pytest.mark.parametrize("give_up_after", [0.0, 0.3])
def test_elasticsearch_unreachable_past_the_wait_allowed_raises(give_up_after: float) -> None:
    unreachable = Elasticsearch("http://127.0.0.1:9", request_timeout=1, max_retries=0)
    policy = RetryPolicy(first_delay=0.05, max_delay=0.1, give_up_after=give_up_after)

    with pytest.raises(ElasticsearchUnavailableError, match="writing 1 articles"):
        ArticleWriter(unreachable, "newsdesk-articles", policy=policy).write(docs("a"))
