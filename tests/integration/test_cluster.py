"""A three-node cluster of the test's own, started and stopped by the project's script: a node lost
mid-ingest loses nothing and shows no 5xx; a backup restored gives back the same searches.

The cluster runs on free loopback ports in a temporary directory (never the node the other tests
use). `-m "not cluster"` deselects these tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from benchmarks.faults.cluster_faults import run_on
from benchmarks.faults.scratch_cluster import scratch_cluster
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.index.backup import BackupError, create_backup, list_backups, restore_backup
from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow, pytest.mark.cluster]

PLACES = ("Raqqa", "Mosul", "Aleppo", "Kirkuk", "Homs", "Tikrit")
OUTLETS = ("Reuters", "Xinhua", "BBC")


def articles(count: int) -> list[dict[str, str]]:
    """Short news articles, each distinct (a place, a count, an outlet), so content can be checked."""
    return [
        {
            "id": f"cluster-{n}",
            "title": f"Fighting near {PLACES[n % len(PLACES)]}",
            "source": OUTLETS[n % len(OUTLETS)],
            "content": (
                f"BAGHDAD (Reuters) - Prime Minister Haider al-Abadi said on Tuesday that {100 + n} people "
                f"had left {PLACES[n % len(PLACES)]} after the fighting, and the United Nations said that "
                f"{n % 7 + 2} bridges over the Tigris were closed."
            ),
        }
        for n in range(count)
    ]


@pytest.fixture(scope="module")
def cluster(settings: Settings) -> Iterator[Settings]:
    with scratch_cluster(settings, heap="256m") as running:
        yield running


def test_a_node_killed_mid_ingest_loses_nothing_and_shows_no_5xx(cluster: Settings) -> None:
    report = run_on(cluster, "node-loss", articles(240), down_seconds=3, clients=2)

    assert report.stored.passed, report.markdown()  # none lost, duplicated or altered
    assert report.stored.distinct == 240 + 2  # the articles, and the two the API load sends
    assert report.server_errors == 0, report.markdown()
    assert report.ingest_exit_code == 0, report.markdown()
    down, after = report.phases["node down"], report.phases["after"]
    assert down.by_class["2xx"] > 0 and after.by_class["2xx"] == after.sent, report.markdown()
    assert any("back, cluster green" in what for _, what in report.events)


def test_a_restored_backup_gives_the_same_searches(cluster: Settings) -> None:
    own = cluster.model_copy(
        update={"index_alias": f"restore-{uuid.uuid4().hex[:6]}", "allow_anonymous_writes": True}
    )
    client = make_client(own)
    from newsdesk.search_api.app import create_app

    queries = [
        {"query": "Raqqa bridges"},
        {"query": "", "filters": {"source": ["Xinhua"]}},
        {"query": "Mosul"},
    ]
    try:
        with TestClient(create_app(own)) as api:
            assert api.post("/v1/ingest", json={"articles": articles(30)}).json()["failed"] == []
            client.indices.refresh(index=own.index_alias)
            before = [api.post("/v1/search", json=q).json() for q in queries]
            entities_before = api.get("/v1/entities", params={"prefix": "Ha"}).json()
            assert before[0]["total"] > 0

            backup = create_backup(client, own, name=f"{own.index_alias}-drill")
            assert own.index_alias + "-entities" in backup.indices
            assert [b.name for b in list_backups(client, own)] == [backup.name]

            drop_index(client, own)  # the disaster: every index of the alias gone
            restore_backup(client, own, backup.name)

            after = [api.post("/v1/search", json=q).json() for q in queries]
            assert [[h["id"] for h in r["hits"]] for r in after] == [
                [h["id"] for h in r["hits"]] for r in before
            ]
            assert [r["total"] for r in after] == [r["total"] for r in before]
            assert api.get("/v1/entities", params={"prefix": "Ha"}).json() == entities_before
        with pytest.raises(BackupError, match="no backup named"):
            restore_backup(client, own, "no-such-backup")
    finally:
        drop_index(client, own)  # the snapshots go with the cluster's temporary directory
