"""Schemathesis against the OpenAPI schema: valid and invalid requests to every operation, no 5xx.

Bounded: a few examples per operation (`FUZZ_EXAMPLES`, env `NEWSDESK_FUZZ_EXAMPLES`), so the
whole run stays under a few minutes. Set `NEWSDESK_FUZZ_REPORT=path.json` to write the counts of
requests and answers by operation (docs/reliability.md quotes them).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from elasticsearch import Elasticsearch
from hypothesis import HealthCheck
from hypothesis import settings as examples
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from benchmarks.faults.api_outage import serve_api
from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FUZZ_EXAMPLES = int(os.environ.get("NEWSDESK_FUZZ_EXAMPLES", "50"))
OUTCOMES: Counter[tuple[str, int]] = Counter()


@pytest.fixture(scope="module")
def base_url(settings: Settings, es_client: Elasticsearch, seed_texts: dict[str, str]) -> Iterator[str]:
    """The API over real HTTP on a loopback port, on an index of its own holding the seeds."""
    own = settings.model_copy(update={"index_alias": f"{settings.index_alias}-fuzz"})
    try:
        with serve_api(own) as url:
            articles = [{"id": stem, "content": text} for stem, text in seed_texts.items()]
            httpx.post(f"{url}/v1/ingest", json={"articles": articles}, timeout=120).raise_for_status()
            yield url
    finally:
        drop_index(es_client, own)
        write_report()


def write_report() -> None:
    statuses: Counter[int] = Counter()
    for (_, status), count in OUTCOMES.items():
        statuses[status] += count
    report = {
        "requests": sum(OUTCOMES.values()),
        "by_status": {str(status): count for status, count in sorted(statuses.items())},
        "by_operation": {
            operation: {str(s): n for (o, s), n in sorted(OUTCOMES.items()) if o == operation}
            for operation in sorted({o for o, _ in OUTCOMES})
        },
    }
    if path := os.environ.get("NEWSDESK_FUZZ_REPORT"):
        Path(path).write_text(json.dumps(report, indent=2))


# The schema needs no Elasticsearch: only the app's routes and models.
schema = schemathesis.openapi.from_dict(create_app(Settings(allow_anonymous_writes=True)).openapi())


@schema.parametrize()
@examples(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case: schemathesis.Case, base_url: str) -> None:
    response = case.call(base_url=base_url)
    OUTCOMES[(f"{case.method} {case.path}", response.status_code)] += 1
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
