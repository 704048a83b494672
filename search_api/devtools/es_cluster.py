"""A local three-node Elasticsearch cluster, beside the single node, for fault drills and tests.

Three processes of the same distribution `es_node` fetches, on loopback: HTTP on
`es_cluster_http_port` and the two ports after it, transport on `es_cluster_transport_port` and
after, small heaps (`es_cluster_heap`), one data path each under `<es_cache_dir>/cluster/<name>`,
and every node master-eligible and a data node. `path.repo` is `es_snapshot_dir`, as on the
single node, so backups work on both. Point newsdesk at it with `NEWSDESK_ES_HOSTS` = `hosts()`.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from newsdesk.search_api.devtools import es_node
from newsdesk.search_api.devtools.es_node import ElasticsearchNodeError
from newsdesk.search_api.settings import Settings

logger = logging.getLogger(__name__)
SIZE = 3
CLUSTER_NAME = "newsdesk-cluster"


@dataclass(frozen=True)
class ClusterNode:
    name: str
    http_port: int
    transport_port: int
    directory: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def pid(self) -> int | None:
        return es_node.pid_in(self.directory)


def nodes(settings: Settings) -> list[ClusterNode]:
    root = settings.es_cache_dir / "cluster"
    return [
        ClusterNode(
            f"node-{n + 1}",
            settings.es_cluster_http_port + n,
            settings.es_cluster_transport_port + n,
            root / f"node-{n + 1}",
        )
        for n in range(SIZE)
    ]


def hosts(settings: Settings) -> list[str]:
    """The URLs to give newsdesk (`NEWSDESK_ES_HOSTS`): every node of the cluster."""
    return [node.url for node in nodes(settings)]


def _config(settings: Settings, node: ClusterNode) -> dict[str, object]:
    members = nodes(settings)
    return {
        "cluster.name": CLUSTER_NAME,
        "node.name": node.name,
        "network.host": "127.0.0.1",
        "http.port": node.http_port,
        "transport.port": node.transport_port,
        "discovery.seed_hosts": [f"127.0.0.1:{m.transport_port}" for m in members],
        "cluster.initial_master_nodes": [m.name for m in members],  # read on the very first start only
        "xpack.security.enabled": False,
        "cluster.routing.allocation.disk.threshold_enabled": False,  # a full disk must not block writes
    }


def start_node(settings: Settings, node: ClusterNode) -> subprocess.Popen[bytes] | None:
    """Launch one node unless it runs; returns its launcher (which exits once the node is up)."""
    if node.pid is not None:
        return None
    home = es_node.ensure_distribution(settings)
    return es_node.launch(
        settings, home, node.directory, _config(settings, node), heap=settings.es_cluster_heap
    )


def start(settings: Settings, timeout: float = 240) -> list[str]:
    """Start every node that is not running and wait until all three form a cluster at least yellow."""
    es_node.ensure_distribution(settings)  # before the clock starts: a first fetch may take a while
    members = nodes(settings)
    launchers = {node.name: start_node(settings, node) for node in members}
    wait_for_nodes(settings, SIZE, timeout, launchers)
    return hosts(settings)


def wait_for_nodes(
    settings: Settings,
    count: int,
    timeout: float,
    launchers: dict[str, subprocess.Popen[bytes] | None] | None = None,
    status: str = "yellow",
) -> None:
    """Wait until `count` nodes have joined and the health is `status` or better; raise after `timeout`."""
    deadline = time.monotonic() + timeout
    query = f"/_cluster/health?wait_for_nodes={count}&wait_for_status={status}&timeout=1s"
    while time.monotonic() < deadline:
        for node in nodes(settings):
            try:
                health = es_node.get_json(node.url + query)
            except es_node.HTTP_ERRORS:
                continue
            if not health.get("timed_out") and health["number_of_nodes"] >= count:
                for launcher in (launchers or {}).values():
                    if launcher is not None:
                        launcher.wait(30)  # reaped, so it leaves the node's process group
                return
        for name, launcher in (launchers or {}).items():
            node = next(n for n in nodes(settings) if n.name == name)
            if launcher is not None and launcher.poll() not in (None, 0) and node.pid is None:
                msg = f"Elasticsearch {name} failed to start.\n{es_node.launcher_errors(node.directory)}"
                raise ElasticsearchNodeError(msg)
        time.sleep(0.5)
    msg = f"the cluster did not have {count} nodes and a {status} health within {timeout:g}s"
    raise ElasticsearchNodeError(msg)


def kill_node(node: ClusterNode, sig: int = signal.SIGKILL, timeout: float = 60) -> None:
    """Kill one node (SIGKILL: without warning, as a crash or the OOM killer would) and wait until it is gone.

    SIGTERM is a clean stop; a node still running `timeout` seconds after it is killed with SIGKILL."""
    if (pid := node.pid) is None:
        return
    logger.info("Killing Elasticsearch %s (pid %s) with %s", node.name, pid, signal.Signals(sig).name)
    es_node.end_group(os.getpgid(pid), timeout, first_signal=sig)
    (node.directory / es_node.PID_FILE).unlink(missing_ok=True)


def elected_master(settings: Settings) -> ClusterNode | None:
    """The node that is master now, asked of any node that answers."""
    by_name = {node.name: node for node in nodes(settings)}
    for node in by_name.values():
        try:
            state = es_node.get_json(
                f"{node.url}/_cluster/state/master_node,nodes?filter_path=master_node,nodes.*.name"
            )
        except es_node.HTTP_ERRORS:
            continue
        if master := state.get("master_node"):
            return by_name.get(str(state["nodes"][master]["name"]))
    return None


def status(settings: Settings) -> list[tuple[ClusterNode, bool]]:
    """Each node and whether it answers."""
    answers = []
    for node in nodes(settings):
        try:
            es_node.get_json(f"{node.url}/_nodes/_local?filter_path=nodes.*.name")
            answers.append((node, True))
        except es_node.HTTP_ERRORS:
            answers.append((node, False))
    return answers


def stop(settings: Settings, timeout: float = 60) -> None:
    """Stop every node of the cluster that we started (SIGTERM, then SIGKILL after `timeout`)."""
    for node in nodes(settings):
        kill_node(node, signal.SIGTERM, timeout)
