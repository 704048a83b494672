"""Elasticsearch stops under load and comes back: the API answers 503 + Retry-After meanwhile,
never another 5xx, and serves again by itself within seconds (benchmarks/faults/api_outage.py).

Runs a scratch node of its own (a free port, a temporary directory), so the node the other tests
use is never stopped.
"""

from __future__ import annotations

import pytest

from benchmarks.faults.api_outage import run
from newsdesk.search_api.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_an_outage_is_503s_then_recovery_without_a_restart(settings: Settings) -> None:
    report = run(settings, clients=3, phase_seconds=3, max_requests=20_000)

    assert report.unexpected_5xx == 0, report.markdown()
    before, outage, after = report.phases["before"], report.phases["outage"], report.phases["after recovery"]
    assert before.sent > 0 and before.by_class["2xx"] == before.sent
    for endpoint, statuses in outage.by_endpoint.items():
        if endpoint == "GET /v1/health":
            assert set(statuses) == {200}  # liveness: the process is up, whatever Elasticsearch does
        else:
            assert statuses[503] > 0, (endpoint, statuses)
    assert set(outage.by_endpoint) == set(report.endpoints)
    assert after.sent > 0 and after.by_class["2xx"] == after.sent, report.markdown()
    assert report.recovery_seconds is not None and report.recovery_seconds < 10
    assert report.ready_recovery_seconds is not None and report.ready_recovery_seconds < 10
