"""`newsdesk reindex` of a whole index while searches run against it through the API.

The API is served by uvicorn on a loopback port; `query_load` sends a bounded stream of searches
from a process of its own for the whole rebuild and a little after; `newsdesk reindex` runs as a
subprocess (its time and peak memory measured). Reported: queries sent and failed (must be 0),
latency percentiles, the totals the searches saw (the old index's until the switch, the new
index's after: never an empty or half-built one), and how long the alias switch took.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from benchmarks.ingest.measure import run_measured

API_PORT = 8767


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    msg = f"{url} did not answer within {timeout} s"
    raise TimeoutError(msg)


def reindex_under_load(alias: str, processes: int, rate: float, log_dir: Path) -> dict[str, Any]:
    env = {**os.environ, "NEWSDESK_INDEX_ALIAS": alias, "COLUMNS": "200"}
    serve = ["search_api.app:create_app", "--factory", "--host", "127.0.0.1", "--port", str(API_PORT)]
    quiet = ["--log-level", "warning", "--no-access-log"]
    server_log = (log_dir / f"api-{alias}.log").open("w")  # the API logs every request
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", *serve, *quiet],
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{API_PORT}"
    try:
        wait_for(f"{url}/v1/health")
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "load.json"
            load = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.ingest.query_load",
                    url,
                    "--rate",
                    str(rate),
                    "--out",
                    str(out),
                ]
            )
            time.sleep(10)  # the load alone first
            rebuild = run_measured(
                [sys.executable, "-m", "search_api.cli", "reindex", "--processes", str(processes)],
                env=env,
                log=log_dir / f"reindex-{alias}.log",
            )
            time.sleep(10)  # and after the switch
            load.send_signal(signal.SIGTERM)
            load.wait(timeout=60)
            seen = json.loads(out.read_text())
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
    switch = re.search(r"switched in (\d+) ms", rebuild.stdout)
    articles = re.search(r"re-enriched ([\d,]+) articles", rebuild.stdout)
    totals = [total for _, total in seen["totals"]]
    return {
        "alias": alias,
        "articles": int(articles.group(1).replace(",", "")) if articles else None,
        "reindex_seconds": round(rebuild.seconds, 1),
        "reindex_exit_code": rebuild.returncode,
        "peak_rss_mb": round(rebuild.peak_rss_mb),
        "switch_ms": int(switch.group(1)) if switch else None,
        "queries": seen["sent"],
        "failed_queries": seen["failed"],
        "failures": seen["failures"],
        "p50_ms": seen["p50_ms"],
        "p95_ms": seen["p95_ms"],
        "p99_ms": seen["p99_ms"],
        "totals_seen": sorted(set(totals), key=totals.index),
        "indexes_seen": _transitions(seen["live"]),
        "output_tail": rebuild.stdout[-600:],
    }


def _transitions(live: list[list[Any]]) -> list[dict[str, Any]]:
    """Each index the alias led to, in order, with the document counts /v1/health saw in it."""
    seen: list[dict[str, Any]] = []
    for at, index, documents in live:
        if not seen or seen[-1]["index"] != index:
            seen.append({"index": index, "from_s": at, "documents": []})
        if documents not in seen[-1]["documents"]:
            seen[-1]["documents"].append(documents)
    return seen
