"""Bulk writing under faults: retries with backoff, item by item, and what is given up on."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from haystack import Document

from search_api import retry
from search_api.article_writer import ArticleWriter
from search_api.retry import ElasticsearchUnavailableError, RetryPolicy
from tests.search_api.fake_es import FakeElasticsearch, api_error, refused

pytestmark = pytest.mark.unit
QUICK = RetryPolicy(first_delay=0.001, max_delay=0.01, give_up_after=5)


def docs(*ids: str) -> list[Document]:
    return [Document(id=doc_id, content=f"Article {doc_id}.", meta={"title": doc_id}) for doc_id in ids]


def writer(client: FakeElasticsearch, policy: RetryPolicy = QUICK, **kwargs: Any) -> ArticleWriter:
    return ArticleWriter(client, "articles", policy=policy, **kwargs)  # type: ignore[arg-type]


def test_documents_are_stored_flat_and_reported_created_then_updated() -> None:
    client = FakeElasticsearch()
    first = writer(client).write(docs("a", "b"))
    again = writer(client).write(docs("a"))

    assert (first.created, first.updated, again.created, again.updated) == (["a", "b"], [], [], ["a"])
    assert client.stored["a"] == {"id": "a", "content": "Article a.", "title": "a"}


def test_connection_errors_are_waited_out_and_reported_while_waiting() -> None:
    client = FakeElasticsearch()
    client.down = 3
    heard: list[str | None] = []

    result = writer(client, on_wait=heard.append).write(docs("a", "b"))

    assert result.created == ["a", "b"]
    assert len([m for m in heard if m]) == 3 and "retry 3" in str(heard[2])
    assert heard[-1] is None  # the wait is over


def test_only_the_items_refused_as_overloaded_are_sent_again() -> None:
    client = FakeElasticsearch()
    overloaded = itertools.count()
    client.fault = lambda doc_id, source: (
        refused(429, "es_rejected_execution_exception", "queue full")
        if doc_id == "b" and next(overloaded) < 2
        else None
    )

    result = writer(client).write(docs("a", "b", "c"))

    assert sorted(result.created) == ["a", "b", "c"]
    assert client.requests == [["a", "b", "c"], ["b"], ["b"]]
    assert result.retried_items == 2


def test_an_item_refused_for_good_is_reported_with_the_reason_and_not_retried() -> None:
    client = FakeElasticsearch()
    client.fault = lambda doc_id, source: (
        refused(400, "mapper_parsing_exception", "failed to parse field [published_at]")
        if doc_id == "b"
        else None
    )

    result = writer(client).write(docs("a", "b", "c"))

    assert result.created == ["a", "c"]
    assert list(result.refused) == ["b"]
    assert "mapper_parsing_exception" in result.refused["b"] and "published_at" in result.refused["b"]
    assert client.requests == [["a", "b", "c"]]


def test_an_item_overloaded_every_time_is_given_up_on_and_reported() -> None:
    client = FakeElasticsearch()
    client.fault = lambda doc_id, source: refused(503, "unavailable_shards_exception", "primary not active")

    result = writer(client).write(docs("a"))

    assert "unavailable_shards_exception" in result.refused["a"]
    assert len(client.requests) == 8


def test_a_request_too_large_is_split_so_only_the_document_too_large_is_refused() -> None:
    client = FakeElasticsearch()
    original = client.bulk

    def bulk(operations: list[bytes], index: str, **kwargs: Any) -> dict[str, Any]:
        if any(b"huge" in line for line in operations):
            raise api_error(413, "request entity too large")
        return original(operations, index, **kwargs)

    client.bulk = bulk  # type: ignore[method-assign]
    batch = [*docs("a"), Document(id="big", content="huge " * 10), *docs("c")]

    result = writer(client).write(batch)

    assert result.created == ["a", "c"] and list(result.refused) == ["big"]


def test_a_request_refused_for_another_reason_stops_the_write() -> None:
    client = FakeElasticsearch()
    client.request_error = api_error(404, "index_not_found_exception")

    with pytest.raises(Exception, match="index_not_found_exception"):
        writer(client).write(docs("a"))


def test_an_outage_longer_than_the_wait_allowed_raises_a_transport_error() -> None:
    client = FakeElasticsearch()
    client.down = 10_000

    with pytest.raises(ElasticsearchUnavailableError, match="writing 1 articles"):
        writer(client, RetryPolicy(first_delay=0.001, max_delay=0.01, give_up_after=0.05)).write(docs("a"))


def test_no_wait_allowed_fails_at_the_first_connection_error() -> None:
    client = FakeElasticsearch()
    client.down = 1

    with pytest.raises(ElasticsearchUnavailableError):
        writer(client, RetryPolicy(give_up_after=0)).write(docs("a"))


def test_pauses_double_up_to_the_cap_with_jitter() -> None:
    pauses = list(itertools.islice(RetryPolicy(first_delay=1, max_delay=8, give_up_after=1000).delays(), 6))

    for pause, nominal in zip(pauses, [1, 2, 4, 8, 8, 8], strict=True):
        assert 0.75 * nominal <= pause <= 1.25 * nominal


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (api_error(429), True),
        (api_error(503), True),
        (api_error(400), False),
        (api_error(404), False),
        (ConnectionRefusedError(), False),  # not an Elasticsearch error: not ours to retry
    ],
)
def test_which_errors_are_transient(error: Exception, transient: bool) -> None:
    assert retry.is_transient(error) is transient


def test_a_processor_failure_recorded_from_an_outage_is_recognised() -> None:
    assert retry.is_transient_record("ConnectionError: Connection error caused by: NewConnectionError(...)")
    assert retry.is_transient_record("ApiError: ApiError(503, 'unavailable_shards_exception')")
    assert not retry.is_transient_record("ValueError: bad date")
    assert not retry.is_transient_record("ApiError: ApiError(400, 'parsing_exception')")
