"""Fault drills on a three-node cluster: a data node killed mid-ingest, the master killed, a rolling restart.

    python -m benchmarks.faults.cluster_faults node-loss [--articles 10000] [--json report.json]
    python -m benchmarks.faults.cluster_faults master-loss [--articles 2000]
    python -m benchmarks.faults.cluster_faults rolling-restart [--articles 300]

Loopback only, bounded: a scratch cluster of the project's own three nodes (free ports, a
temporary directory; `scratch_cluster`), the API in a uvicorn server in this process given all
three nodes, `--clients` threads sending every kind of request to it (search, QA, chat, ingest,
entities, articles, health, ready) throughout, and `newsdesk ingest --processes 2` of
`--articles` articles of the shared corpora as a subprocess with `NEWSDESK_ES_HOSTS`.

- node-loss: once a third are stored, the node holding the article index's primary (not the
  master) is killed with SIGKILL; it is started again `--down-seconds` later.
- master-loss: the same, but the elected master is killed.
- rolling-restart: once all are stored, each node in turn is stopped (SIGTERM), started again,
  and the next one waits for the cluster to be green again.

Goals: every article stored once with the content sent (none lost, none duplicated, none
altered); no 5xx from the API while a copy of every shard can serve (with one replica: always
here), and any 503 carries Retry-After; the ingest exits 0; the API is never restarted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from pydantic import SecretStr

from benchmarks.faults.api_outage import ARTICLE, Load, PhaseCounts, serve_api
from benchmarks.faults.ingest_crash import ingest_command
from benchmarks.faults.ingest_outage import indexed
from benchmarks.faults.scratch_cluster import StoredCheck, check_stored, scratch_cluster
from benchmarks.shared_data import news_articles, repeated_articles
from newsdesk.search_api.devtools import es_cluster
from newsdesk.search_api.devtools.es_cluster import ClusterNode
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.settings import Settings

logger = logging.getLogger(__name__)
ALIAS = "newsdesk-cluster-faults"
LOAD_ARTICLES = [{"id": "outage-1", "content": ARTICLE}, {"id": "outage-2", "content": ARTICLE}]


@dataclass
class ClusterFaultReport:
    scenario: str
    articles: int
    phases: dict[str, PhaseCounts]
    stored: StoredCheck
    ingest_exit_code: int
    ingest_seconds: float
    events: list[tuple[float, str]] = field(default_factory=list)  # seconds since the load started, what

    @property
    def server_errors(self) -> int:
        return sum(n for p in self.phases.values() for status, n in p.by_status.items() if status >= 500)

    def server_errors_by_endpoint(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for phase in self.phases.values():
            for endpoint, statuses in phase.by_endpoint.items():
                if errors := sum(n for status, n in statuses.items() if status and status >= 500):
                    found[endpoint] = found.get(endpoint, 0) + errors
        return found

    @property
    def passed(self) -> bool:
        return self.stored.passed and self.server_errors == 0 and self.ingest_exit_code == 0

    def markdown(self) -> str:
        lines = [
            "| phase | requests | 2xx | 4xx | 5xx | 503 (all with Retry-After?) | no answer |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, p in self.phases.items():
            header = "yes" if not p.without_retry_after else f"{p.without_retry_after} without"
            lines.append(
                f"| {name} | {p.sent:,} | {p.by_class['2xx']:,} | {p.by_class['4xx']} | {p.by_class['5xx']} "
                f"| {p.by_status[503]} ({header}) | {p.by_class['no answer']} |"
            )
        s = self.stored
        lines += [
            "",
            f"- articles sent {s.sent:,}; stored {s.stored:,}; distinct ids {s.distinct:,}; "
            f"missing {s.missing}; "
            f"duplicated {s.duplicated}; unexpected {s.unexpected}; content differing {s.content_differs}",
            f"- ingest exit code {self.ingest_exit_code}, {self.ingest_seconds:.0f} s",
            f"- 5xx by endpoint: {self.server_errors_by_endpoint() or 'none'}",
            *(f"- at {at:.1f} s: {what}" for at, what in self.events),
        ]
        return "\n".join(lines)


class Drill:
    """The cluster, the API under load, and a clock for the events of one scenario."""

    def __init__(self, settings: Settings, load: Load, client: Elasticsearch) -> None:
        self.settings, self.load, self.client = settings, load, client
        self.started = time.monotonic()
        self.events: list[tuple[float, str]] = []

    def note(self, what: str) -> None:
        logger.info(what)
        self.events.append((round(time.monotonic() - self.started, 1), what))

    def primary_holder(self, avoid_master: bool) -> ClusterNode:
        """The node holding the primary of the live article index (or, if that is the master and
        `avoid_master`, another node holding a copy)."""
        shards = self.client.cat.shards(index=ALIAS, format="json", h="prirep,node,state")
        master = es_cluster.elected_master(self.settings)
        by_name = {node.name: node for node in es_cluster.nodes(self.settings)}
        holders = sorted(shards, key=lambda s: s["prirep"] != "p")  # type: ignore[union-attr]
        for shard in holders:
            node = by_name.get(str(shard["node"]))  # type: ignore[index]
            if node is not None and not (avoid_master and node == master):
                return node
        msg = f"no node holds a copy of {ALIAS}: {shards}"
        raise RuntimeError(msg)

    def kill_and_restart(self, node: ClusterNode, sig: int, down_seconds: float) -> None:
        self.load.phase = "node down"
        self.note(f"{node.name} killed with {signal.Signals(sig).name}")
        es_cluster.kill_node(node, sig)
        time.sleep(down_seconds)
        launcher = es_cluster.start_node(self.settings, node)
        self.note(f"{node.name} started again")
        es_cluster.wait_for_nodes(self.settings, es_cluster.SIZE, 300, {node.name: launcher}, status="green")
        self.note(f"{node.name} back, cluster green")
        self.load.phase = "after"


def _run_ingest(settings: Settings, source: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NEWSDESK_ES_HOSTS": ",".join(settings.es_hosts),
        "NEWSDESK_ES_URL": settings.es_hosts[0],
        "NEWSDESK_INDEX_ALIAS": ALIAS,
        "NEWSDESK_DEAD_LETTER_PATH": str(settings.dead_letter_path),
        "COLUMNS": "200",
    }
    with log.open("w") as out:
        return subprocess.Popen(ingest_command(source, 2), env=env, stdout=out, stderr=subprocess.STDOUT)


def run(
    base: Settings,
    scenario: str,
    sent: list[dict[str, Any]],
    down_seconds: float = 30,
    clients: int = 2,
    heap: str = "384m",
) -> ClusterFaultReport:
    """The scenario on a scratch cluster of its own, stopped and deleted afterwards."""
    with scratch_cluster(base, heap=heap) as cluster:
        return run_on(cluster, scenario, sent, down_seconds, clients)


def run_on(
    cluster: Settings,
    scenario: str,
    sent: list[dict[str, Any]],
    down_seconds: float = 30,
    clients: int = 2,
    max_requests: int = 200_000,
) -> ClusterFaultReport:
    """The scenario on a running cluster (`es_hosts` lists its nodes), in an index of its own."""
    key = secrets.token_urlsafe(24)
    settings = cluster.model_copy(update={"index_alias": ALIAS, "api_keys": [SecretStr(key)]})
    client = make_client(settings)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        source.write_text("".join(json.dumps(a) + "\n" for a in sent), encoding="utf-8")
        try:
            with serve_api(settings) as url:
                _seed(url, key)
                with Load(url, key, clients, max_requests) as load:
                    drill = Drill(settings, load, client)
                    ingest = _run_ingest(settings, source, Path(tmp) / "ingest.log")
                    try:
                        SCENARIOS[scenario](drill, ingest, len(sent), down_seconds)
                        code = ingest.wait(timeout=3600)
                    finally:
                        if ingest.poll() is None:
                            ingest.kill()
                    ingest_seconds = time.monotonic() - drill.started
                    drill.note(f"ingest ended, exit code {code}")
                    time.sleep(5)  # a few more seconds of load on the recovered cluster
            if code:
                logger.error("ingest log:\n%s", (Path(tmp) / "ingest.log").read_text()[-3000:])
            stored = check_stored(client, ALIAS, sent + LOAD_ARTICLES)
        finally:
            drop_index(client, settings)
    return ClusterFaultReport(scenario, len(sent), load.phases, stored, code, ingest_seconds, drill.events)


def _seed(url: str, key: str) -> None:
    import httpx

    with httpx.Client(base_url=url, timeout=120, headers={"X-API-Key": key}) as api:
        api.post("/v1/ingest", json={"articles": LOAD_ARTICLES}).raise_for_status()


def _when_stored(drill: Drill, ingest: subprocess.Popen[bytes], count: int) -> None:
    while indexed(drill.client, ALIAS) < count and ingest.poll() is None:
        time.sleep(0.5)


def node_loss(drill: Drill, ingest: subprocess.Popen[bytes], total: int, down_seconds: float) -> None:
    _when_stored(drill, ingest, total // 3)
    drill.kill_and_restart(drill.primary_holder(avoid_master=True), signal.SIGKILL, down_seconds)


def master_loss(drill: Drill, ingest: subprocess.Popen[bytes], total: int, down_seconds: float) -> None:
    _when_stored(drill, ingest, total // 3)
    master = es_cluster.elected_master(drill.settings)
    if master is None:
        msg = "no elected master to kill"
        raise RuntimeError(msg)
    drill.kill_and_restart(master, signal.SIGKILL, down_seconds)
    drill.note(f"master now {getattr(es_cluster.elected_master(drill.settings), 'name', None)}")


def rolling_restart(drill: Drill, ingest: subprocess.Popen[bytes], total: int, down_seconds: float) -> None:
    ingest.wait(timeout=3600)
    drill.note("all articles stored; rolling restart begins")
    for node in es_cluster.nodes(drill.settings):
        drill.kill_and_restart(node, signal.SIGTERM, down_seconds)


SCENARIOS: dict[str, Callable[[Drill, subprocess.Popen[bytes], int, float], None]] = {
    "node-loss": node_loss,
    "master-loss": master_loss,
    "rolling-restart": rolling_restart,
}
DEFAULT_ARTICLES = {"node-loss": 10_000, "master-loss": 2_000, "rolling-restart": 300}


def sample_articles(count: int, stride: int = 10) -> list[dict[str, Any]]:
    """`count` articles of the shared corpora: every `stride`-th (long BBC, short AG News and Multi-News
    mixed, as in `ingest_outage`) while there are enough, else the corpora again under new ids."""
    every = list(news_articles())[::stride]
    return every[:count] if count <= len(every) else list(repeated_articles(count))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--articles", type=int, help="articles to ingest (default per scenario)")
    parser.add_argument("--down-seconds", type=float, default=30, help="how long a killed node stays down")
    parser.add_argument("--clients", type=int, default=2, help="threads sending API requests")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    for chatty in ("search_api", "newsdesk", "elastic_transport", "httpx", "haystack"):
        logging.getLogger(chatty).setLevel(logging.WARNING)  # a line per request would drown the report
    articles = sample_articles(args.articles or DEFAULT_ARTICLES[args.scenario])
    report = run(Settings(), args.scenario, articles, args.down_seconds, args.clients)
    print(report.markdown())
    if args.json:
        phases = {  # not `asdict`: it turns a Counter's items into keys
            name: {"sent": p.sent, "by_class": dict(p.by_class), "by_status": dict(p.by_status)}
            for name, p in report.phases.items()
        }
        body: dict[str, Any] = {
            "scenario": report.scenario,
            "phases": phases,
            "stored": asdict(report.stored),
            "ingest_exit_code": report.ingest_exit_code,
            "events": report.events,
            "server_errors": report.server_errors_by_endpoint(),
            "passed": report.passed,
        }
        args.json.write_text(json.dumps(body, indent=2, default=str))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
