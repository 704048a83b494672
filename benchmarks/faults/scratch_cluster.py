"""A scratch three-node cluster for fault drills, and the check that an ingest kept every article.

The cluster is the project's own (`newsdesk.search_api.devtools.es_cluster`), on free loopback
ports and in a temporary directory, so it never meets the node `make test` uses or another run.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

from newsdesk.search_api.devtools import es_cluster, es_node
from newsdesk.search_api.settings import Settings


def _free_run(count: int) -> int:
    """The first of `count` consecutive loopback ports that are all free now."""
    rng = random.Random()
    for _ in range(200):
        first = rng.randrange(20_000, 60_000 - count)
        try:
            with contextlib.ExitStack() as held:
                for port in range(first, first + count):
                    sock = held.enter_context(socket.socket())
                    sock.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    msg = f"found no {count} consecutive free ports"
    raise RuntimeError(msg)


@contextlib.contextmanager
def scratch_cluster(base: Settings, heap: str = "384m", timeout: float = 300) -> Iterator[Settings]:
    """Settings of a three-node cluster of its own (`es_hosts` lists its nodes); stopped and deleted after."""
    home = es_node.ensure_distribution(base)
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-cluster-"))
    os.chmod(workdir, 0o755)  # the nodes run as an unprivileged account when we are root
    (workdir / home.name).symlink_to(home)
    settings = base.model_copy(
        update={
            "es_cache_dir": workdir,
            "es_cluster_http_port": _free_run(es_cluster.SIZE),
            "es_cluster_transport_port": _free_run(es_cluster.SIZE),
            "es_cluster_heap": heap,
            "es_snapshot_dir": workdir / "snapshots",
            "dead_letter_path": workdir / "dead-letter.jsonl",
        }
    )
    settings = settings.model_copy(
        update={"es_hosts": es_cluster.hosts(settings), "es_url": es_cluster.hosts(settings)[0]}
    )
    try:
        es_cluster.start(settings, timeout=timeout)
        yield settings
    finally:
        es_cluster.stop(settings)
        shutil.rmtree(workdir, ignore_errors=True)


@dataclass(frozen=True)
class StoredCheck:
    """What the index holds against what was sent: every article once, with the content it was sent with."""

    sent: int
    stored: int  # documents in the index
    distinct: int  # distinct ids among them
    missing: int  # sent, not stored
    duplicated: int  # stored - distinct
    unexpected: int  # stored, never sent
    content_differs: int  # stored under a sent id with other content than sent

    @property
    def passed(self) -> bool:
        return not (self.missing or self.duplicated or self.unexpected or self.content_differs)


def check_stored(client: Elasticsearch, alias: str, sent: Sequence[dict[str, Any]]) -> StoredCheck:
    """Scan the whole index and compare it with the articles sent (by id, and the raw content of each)."""
    client.indices.refresh(index=alias)
    expected = {article["id"]: article["content"] for article in sent}
    seen: dict[str, str] = {}
    stored = 0
    for hit in helpers.scan(client, index=alias, source_includes=["raw.content"], size=1000):
        stored += 1
        seen[hit["_id"]] = hit["_source"].get("raw", {}).get("content", "")
    return StoredCheck(
        sent=len(expected),
        stored=stored,
        distinct=len(seen),
        missing=len(expected.keys() - seen.keys()),
        duplicated=stored - len(seen),
        unexpected=len(seen.keys() - expected.keys()),
        content_differs=sum(seen[i] != text for i, text in expected.items() if i in seen),
    )
