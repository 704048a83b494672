"""Elasticsearch stops in the middle of `newsdesk ingest` and comes back: no article is lost.

Runs the fault script on a scratch node of its own, so the node the other tests use keeps running.
The articles come from the shared corpora: skipped where they are absent.
"""

from __future__ import annotations

import pytest

from benchmarks.faults.ingest_outage import run
from newsdesk.search_api.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.needs_shared]


def test_an_outage_mid_ingest_is_waited_out_and_every_article_indexed_once(settings: Settings) -> None:
    report = run(settings, articles=150, down_seconds=5, processes=1)

    assert report.ingest_exit_code == 0, report.markdown()
    assert report.indexed_before_stop < report.sent  # the node did go down mid-ingest
    assert (report.indexed, report.dead_lettered, report.lost) == (report.sent, 0, 0), report.markdown()
    assert report.partially_enriched == 0, report.markdown()
    assert report.waits_logged > 0  # the ingest said it was waiting
    assert report.recovery_seconds is not None and report.recovery_seconds < 60
