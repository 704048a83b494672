"""Which failures are worth waiting out, and how long the pauses between tries are."""

from __future__ import annotations

import itertools

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError

from newsdesk.search_api.index import retry
from newsdesk.search_api.index.retry import RetryPolicy

pytestmark = pytest.mark.unit


def api_error(status: int) -> ApiError:
    """An error as the client raises it for an HTTP answer of `status`."""
    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("http", "x", 9200),
    )
    return ApiError("error", meta=meta, body={"error": {"type": "error"}})


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
