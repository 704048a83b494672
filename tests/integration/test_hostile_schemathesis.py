"""Schemathesis against the API's live OpenAPI schema: every operation, real path values, linked calls.

- The schema is the one the running app serves, so the plugins' routes (`/v1/entities`) and any
  route added later are fuzzed too; a test fails if an operation was never called.
- Path parameters are drawn half the time from real values (every facet name, the stored articles'
  ids, the registry's entity ids) and half the time generated, so a handler is reached past its
  404 as well as fed junk; every facet name and every seed id is also called once each.
- Stateful: OpenAPI links (added here) take a search's hit to its article, and the article to its
  similar ones, and schemathesis walks those chains.
- Any 5xx, or an answer that does not match the schema, fails.

Bounded: `NEWSDESK_FUZZ_EXAMPLES` (50) examples per operation, `NEWSDESK_FUZZ_STATEFUL_EXAMPLES`
(25) stateful scenarios. `NEWSDESK_FUZZ_REPORT=path.json` writes the counts by operation and
status (docs/reliability.md quotes them).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from elasticsearch import Elasticsearch
from hypothesis import HealthCheck
from hypothesis import settings as examples
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from benchmarks.faults.api_outage import serve_api
from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FUZZ_EXAMPLES = int(os.environ.get("NEWSDESK_FUZZ_EXAMPLES", "50"))
STATEFUL_EXAMPLES = int(os.environ.get("NEWSDESK_FUZZ_STATEFUL_EXAMPLES", "25"))
CHECKS = [not_a_server_error, response_schema_conformance]
# (phase, "METHOD /path", status) -> requests; phases: fuzz, real (the sweep of real values), stateful
OUTCOMES: Counter[tuple[str, str, int]] = Counter()
# path parameter name -> real values, filled once the seeded API is up
REAL: dict[str, list[str]] = {}
# A generated ingest batch can hold hundreds of kilobytes of articles to enrich: on a busy machine
# that takes longer than the client's default 10 s, which is slowness, not a server error.
CALL_TIMEOUT = 120
ARTICLE = "GET /v1/articles/{article_id}"
SIMILAR = "GET /v1/articles/{article_id}/similar"


@pytest.fixture(scope="module")
def base_url(settings: Settings, es_client: Elasticsearch, seed_texts: dict[str, str]) -> Iterator[str]:
    """The API over real HTTP on a loopback port, on an index of its own holding the seeds."""
    own = settings.model_copy(update={"index_alias": f"{settings.index_alias}-fuzz"})
    try:
        with serve_api(own) as url:
            articles = [{"id": stem, "content": text} for stem, text in seed_texts.items()]
            httpx.post(f"{url}/v1/ingest", json={"articles": articles}, timeout=120).raise_for_status()
            REAL.update(real_path_values(url))
            yield url
    finally:
        drop_index(es_client, own)
        write_report()


def real_path_values(url: str) -> dict[str, list[str]]:
    """Every facet name the API counts, every stored article id, the entity ids its registry holds."""
    found = httpx.post(f"{url}/v1/search", json={"query": "", "size": 100}, timeout=60).json()
    entities = httpx.get(f"{url}/v1/entities", params={"prefix": "s", "size": 50}, timeout=60).json()
    return {
        "name": sorted(found["facets"]),
        "article_id": sorted(hit["id"] for hit in found["hits"]),
        "entity_id": sorted(entity["id"] for entity in entities["entities"]),
    }


def with_links(raw: dict[str, Any]) -> dict[str, Any]:
    """The schema with OpenAPI links: search hit -> article -> similar -> article."""
    paths = raw["paths"]
    article = paths["/v1/articles/{article_id}"]["get"]
    similar = paths["/v1/articles/{article_id}/similar"]["get"]

    def link(target: dict[str, Any], value: str) -> dict[str, Any]:
        return {"operationId": target["operationId"], "parameters": {"path.article_id": value}}

    from_hits = {
        "Article": link(article, "$response.body#/hits/0/id"),
        "Similar": link(similar, "$response.body#/hits/0/id"),
    }
    for method in ("get", "post"):
        paths["/v1/search"][method]["responses"]["200"]["links"] = from_hits
    article["responses"]["200"]["links"] = {"Similar": link(similar, "$request.path.article_id")}
    similar["responses"]["200"]["links"] = {"Article": link(article, "$response.body#/0/id")}
    return raw


@pytest.fixture(scope="module")
def live_schema(base_url: str) -> schemathesis.BaseSchema:
    """The schema as the running app serves it."""
    raw = httpx.get(f"{base_url}/openapi.json", timeout=30).json()
    live = schemathesis.openapi.from_dict(with_links(raw))
    live.hook(flatmap_path_parameters)
    return live


def flatmap_path_parameters(context: Any, path_parameters: dict[str, Any]) -> st.SearchStrategy:
    """Half the time each path parameter is a real value: the handler gets past its 404."""
    if not path_parameters:
        return st.just(path_parameters)
    drawn = {
        name: st.one_of(st.just(value), st.sampled_from(REAL[name])) if REAL.get(name) else st.just(value)
        for name, value in path_parameters.items()
    }
    return st.fixed_dictionaries(drawn)


def write_report() -> None:
    report: dict[str, Any] = {"requests": sum(OUTCOMES.values()), "real_path_values": REAL}
    for phase in ("fuzz", "real", "stateful"):
        by_operation: dict[str, dict[str, int]] = {}
        for (p, operation, status), count in sorted(OUTCOMES.items()):
            if p == phase:
                by_operation.setdefault(operation, {})[str(status)] = count
        report[phase] = by_operation
    if path := os.environ.get("NEWSDESK_FUZZ_REPORT"):
        Path(path).write_text(json.dumps(report, indent=2))


def served_schema() -> dict[str, Any]:
    """The schema the app serves once started: its routes and the plugins' (which its start adds).

    Built here, at collection, without Elasticsearch; `test_every_operation_was_reached` checks it
    against the schema the running app serves, so a route missing here fails the suite.
    """
    offline = Settings(allow_anonymous_writes=True, es_url="http://127.0.0.1:9")  # never reached
    app = create_app(offline)
    services = Services.start(offline)
    for router in services.host.routers:
        app.include_router(router, prefix="/v1")
    services.client.close()
    return with_links(app.openapi())


schema = schemathesis.openapi.from_dict(served_schema())
schema.hook(flatmap_path_parameters)


@schema.parametrize()
@examples(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_gets_a_server_error(case: schemathesis.Case, base_url: str) -> None:
    response = case.call(base_url=base_url, timeout=CALL_TIMEOUT)
    OUTCOMES[("fuzz", f"{case.method} {case.path}", response.status_code)] += 1
    case.validate_response(response, checks=CHECKS)


def test_every_real_path_value_is_served(live_schema: schemathesis.BaseSchema, base_url: str) -> None:
    """Each facet name, each stored article: its operations answer 2xx, matching the schema."""
    assert REAL["name"] and REAL["article_id"]
    called = 0
    for operation in (result.ok() for result in live_schema.get_all_operations()):
        names = [p.name for p in operation.path_parameters]
        if len(names) != 1 or not REAL.get(names[0]):
            continue
        for value in REAL[names[0]]:
            case = operation.Case(path_parameters={names[0]: value})
            response = case.call(base_url=base_url, timeout=CALL_TIMEOUT)
            OUTCOMES[("real", f"{case.method} {case.path}", response.status_code)] += 1
            assert response.status_code == 200, (case.path, value, response.text[:300])
            case.validate_response(response, checks=CHECKS)
            called += 1
    assert called >= len(REAL["name"]) + 2 * len(REAL["article_id"])


def test_linked_calls_search_then_article_then_similar(
    live_schema: schemathesis.BaseSchema, base_url: str
) -> None:
    workflow = live_schema.as_state_machine()

    class AgainstTheLiveApi(workflow):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"base_url": base_url, "timeout": CALL_TIMEOUT}

        def validate_response(
            self, response: Any, case: schemathesis.Case, additional_checks: Any = None, **kwargs: Any
        ) -> None:
            OUTCOMES[("stateful", f"{case.method} {case.path}", response.status_code)] += 1
            case.validate_response(response, checks=CHECKS)

    AgainstTheLiveApi.run(
        settings=examples(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    linked = {op: n for (phase, op, status), n in OUTCOMES.items() if phase == "stateful" and status == 200}
    assert linked.get(ARTICLE) and linked.get(SIMILAR), linked


def test_every_operation_was_reached(live_schema: schemathesis.BaseSchema) -> None:
    if not any(phase == "fuzz" for phase, _, _ in OUTCOMES):
        pytest.skip("the fuzzing test did not run in this session")
    every = {op.label for op in (result.ok() for result in live_schema.get_all_operations())}  # as served
    reached = {operation for phase, operation, _ in OUTCOMES if phase == "fuzz"}
    assert "GET /v1/entities" in every  # a plugin's route is in the live schema
    assert every - reached == set()
