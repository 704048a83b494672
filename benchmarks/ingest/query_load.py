"""A bounded query load, from a process of its own: `--rate` searches a second through the API.

    python -m benchmarks.ingest.query_load URL --rate 10 --out load.json

Runs until SIGTERM or `--seconds`; then writes what it saw: queries sent, failures (anything but
a 200, or no answer), latency percentiles, the hit totals seen, and (from `/v1/health`, every
20th request) which index the alias led to and how many documents it held, with their times.
"""

from __future__ import annotations

import argparse
import json
import signal
import threading
import time
from pathlib import Path
from typing import Any

import httpx

QUERIES: list[dict[str, Any]] = [
    {"query": "government election"},
    {"query": '"interest rates"'},
    {"query": "oil prices"},
    {"query": "football -cricket", "sort": "date"},
    {"query": "mobile phone OR broadband"},
    {"query": "", "filters": {"source": ["BBC News"]}},
    {"query": "police arrested", "page": 2},
    {"query": ""},  # everything: its total is the number of articles searched
]


def run(url: str, rate: float, seconds: float, out: Path) -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    latencies: list[float] = []
    failures: list[dict[str, Any]] = []
    totals: list[tuple[float, int]] = []  # (seconds since start, total of the match-everything query)
    live: list[tuple[float, str | None, int | None]] = []  # (seconds since start, index, documents)
    started = time.monotonic()
    sent = 0
    with httpx.Client(base_url=url, timeout=30) as client:
        while not stop.is_set() and time.monotonic() - started < seconds:
            body = QUERIES[sent % len(QUERIES)]
            sent += 1
            began = time.monotonic()
            try:
                response = client.post("/v1/search", json=body)
                if response.status_code != 200:
                    failures.append(
                        {"at": began - started, "status": response.status_code, "body": response.text[:200]}
                    )
                elif body == {"query": ""}:
                    totals.append((round(began - started, 2), response.json()["total"]))
            except httpx.HTTPError as e:
                failures.append({"at": began - started, "status": None, "body": str(e)[:200]})
            latencies.append(time.monotonic() - began)
            if sent % 20 == 1:  # which index the alias leads to, and how many articles it holds
                try:
                    health = client.get("/v1/health").json()
                    live.append((round(began - started, 1), health.get("index"), health.get("documents")))
                except (httpx.HTTPError, ValueError):
                    pass
            pause = 1 / rate - (time.monotonic() - began)
            if pause > 0:
                stop.wait(pause)
    ordered = sorted(latencies)

    def percentile(p: float) -> float:
        return (
            round(1000 * ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 1) if ordered else 0.0
        )

    summary = {
        "sent": sent,
        "failed": len(failures),
        "failures": failures[:20],
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "p99_ms": percentile(99),
        "seconds": round(time.monotonic() - started, 1),
        "totals": totals,
        "live": live,
    }
    out.write_text(json.dumps(summary))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=4 * 3600)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    run(args.url, args.rate, args.seconds, args.out)


if __name__ == "__main__":
    main()
