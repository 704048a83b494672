"""`newsdesk reindex` of a whole index while searches run against it through the API.

The API is served by uvicorn on a loopback port; `query_load` sends a bounded stream of searches
from a process of its own for the whole rebuild and a little after; `newsdesk reindex` runs as a
subprocess (its time and peak memory measured). Reported: queries sent and failed (must be 0),
latency percentiles, the totals the searches saw (the old index's until the switch, the new
index's after: never an empty or half-built one), and how long the alias switch took.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.api_server import served_api
from benchmarks.ingest.measure import run_measured


def reindex_under_load(alias: str, processes: int, rate: float, log_dir: Path) -> dict[str, Any]:
    env = {"NEWSDESK_INDEX_ALIAS": alias, "COLUMNS": "200"}
    with served_api(env, log=log_dir / f"api-{alias}.log") as url, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "load.json"
        load_command = [sys.executable, "-m", "benchmarks.ingest.query_load", url]
        load = subprocess.Popen([*load_command, "--rate", str(rate), "--out", str(out)])
        time.sleep(10)  # the load alone first
        rebuild = run_measured(
            [sys.executable, "-m", "newsdesk.search_api.cli", "reindex", "--processes", str(processes)],
            env=env,
            log=log_dir / f"reindex-{alias}.log",
        )
        time.sleep(10)  # and after the switch
        load.send_signal(signal.SIGTERM)
        load.wait(timeout=60)
        seen = json.loads(out.read_text())
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
