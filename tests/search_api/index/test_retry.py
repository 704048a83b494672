"""Which failures are worth waiting out, and how long the pauses between tries are."""

from __future__ import annotations

import itertools

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError
from haystack import Document, component

from newsdesk.plugins.chain.guard import ERRORS_KEY, GuardedProcessor
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


@component
class RegistryAway:
    """A processor whose backend answers with `status` (the entity registry, say)."""

    def __init__(self, status: int) -> None:
        self.status = status

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        raise api_error(self.status)


@pytest.mark.parametrize(("status", "transient"), [(503, True), (400, False)])
def test_a_processor_failure_is_recorded_as_transient_only_when_the_backend_was_away(
    status: int, transient: bool
) -> None:
    guard = GuardedProcessor(RegistryAway(status), "entities", "entities", is_transient=retry.is_transient)
    record = guard.run(documents=[Document(id="a", content="text")])["documents"][0].meta[ERRORS_KEY][0]
    assert (record["error_type"], record["transient"]) == ("ApiError", transient)
    assert (
        guard.to_dict()["init_parameters"]["is_transient"] == "newsdesk.search_api.index.retry.is_transient"
    )
