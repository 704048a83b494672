"""Soak: mixed load on one node for `--minutes`, then p95 per route and memory, early against late.

    python -m benchmarks.soak.run [--minutes 60] [--readers 2] [--json report.json]

Loopback only, bounded in time: a scratch Elasticsearch node of its own (a free port, a temporary
directory), two API processes served by uvicorn (one answers the reads: search, QA, chat; the
other takes `POST /v1/ingest` in small batches, so each one's memory is measured alone), the
index seeded with `--seed` articles of the shared corpora, then `--minutes` of load and one
`newsdesk reindex` at half time. The first five minutes are warm-up; the windows compared are
the ten minutes after it ("first") and the last ten ("last"); a run under 50 minutes scales them.
Goals: p95 of every route last ≤ 1.2 × first; each process's mean RSS last ≤ 1.1 × first; no
answer other than 2xx (and no transport error); the reindex exits 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.api_server import free_port, wait_for
from benchmarks.faults.api_outage import scratch_node
from benchmarks.shared_data import news_articles
from benchmarks.soak.mixed_load import Answer, MixedLoad
from newsdesk.search_api.settings import Settings

logger = logging.getLogger(__name__)
ALIAS = "newsdesk-soak"
P95_GOAL, RSS_GOAL = 1.2, 1.1


@dataclass
class SoakReport:
    minutes: float
    windows: dict[str, tuple[float, float]]  # name -> (from, to) seconds into the load
    p95: dict[str, dict[str, float | None]]  # route -> window -> p95 ms
    requests: dict[str, int]  # route -> answers
    errors: dict[str, int]  # "route status" -> count, for anything not 2xx
    rss_mb: dict[str, dict[str, float]]  # process -> window -> mean RSS MB
    reindex_exit_code: int | None
    reindex_seconds: float | None
    ingested: int
    documents_at_end: int
    rss_samples: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def p95_ratio(self, route: str) -> float | None:
        first, last = self.p95[route]["first"], self.p95[route]["last"]
        return round(last / first, 2) if first and last else None

    def rss_ratio(self, process: str) -> float:
        return round(self.rss_mb[process]["last"] / self.rss_mb[process]["first"], 3)

    @property
    def passed(self) -> bool:
        ratios = [self.p95_ratio(route) for route in self.p95]
        return (
            all(r is not None and r <= P95_GOAL for r in ratios)
            and all(self.rss_ratio(p) <= RSS_GOAL for p in self.rss_mb)
            and not self.errors
            and self.reindex_exit_code == 0
        )

    def markdown(self) -> str:
        (f0, f1), (l0, l1) = self.windows["first"], self.windows["last"]
        lines = [
            f"| route | requests | p95 first ({f0 / 60:.0f}–{f1 / 60:.0f} min), ms "
            f"| p95 last ({l0 / 60:.0f}–{l1 / 60:.0f} min), ms | last / first (goal ≤ {P95_GOAL}) |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for route, by_window in sorted(self.p95.items()):
            lines.append(
                f"| {route} | {self.requests[route]:,} | {by_window['first']} | {by_window['last']} "
                f"| {self.p95_ratio(route)} |"
            )
        lines += [
            "",
            f"| process | mean RSS first, MB | mean RSS last, MB | last / first (goal ≤ {RSS_GOAL}) |",
        ]
        lines.append("| --- | ---: | ---: | ---: |")
        for process, memory in self.rss_mb.items():
            lines.append(f"| {process} | {memory['first']} | {memory['last']} | {self.rss_ratio(process)} |")
        errors = ", ".join(f"{k}: {v}" for k, v in sorted(self.errors.items())) or "none"
        lines += [
            "",
            f"- errors (answers not 2xx, or no answer): {errors}",
            f"- reindex at half time: exit code {self.reindex_exit_code}, {self.reindex_seconds} s",
            f"- articles sent to ingest: {self.ingested:,}; articles in the index at the end: "
            f"{self.documents_at_end:,}",
        ]
        return "\n".join(lines)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


@contextmanager
def api_process(env: dict[str, str], log: Path) -> Iterator[tuple[str, int]]:
    """(base URL, pid) of one uvicorn API process (a single worker: the pid is the server itself)."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "newsdesk.search_api.app:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"]
    with log.open("w") as out:
        server = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(f"{url}/v1/health")
            yield url, server.pid
        finally:
            server.terminate()
            server.wait(timeout=60)


def p95_ms(answers: list[Answer]) -> float | None:
    if len(answers) < 20:  # too few for a 95th percentile to mean anything
        return None
    return round(statistics.quantiles([a.seconds for a in answers], n=20)[-1] * 1000, 1)


def summarise(
    answers: list[Answer], samples: dict[str, list[tuple[float, float]]], seconds: float
) -> tuple[dict[str, tuple[float, float]], dict[str, dict[str, float | None]], dict[str, dict[str, float]]]:
    """The windows (after a warm-up, the next ten minutes; the last ten), p95 and mean RSS in each.

    A run shorter than 50 minutes scales them: a tenth of it as warm-up, windows of a fifth."""
    warm_up, window = min(300, seconds / 10), min(600, seconds / 5)
    windows = {"first": (warm_up, warm_up + window), "last": (seconds - window, seconds)}
    p95: dict[str, dict[str, float | None]] = {}
    for route in sorted({a.route for a in answers}):
        p95[route] = {
            name: p95_ms([a for a in answers if a.route == route and lo <= a.at < hi])
            for name, (lo, hi) in windows.items()
        }
    memory = {
        process: {
            name: round(statistics.fmean([mb for at, mb in points if lo <= at < hi] or [0.0]), 1)
            for name, (lo, hi) in windows.items()
        }
        for process, points in samples.items()
    }
    return windows, p95, memory


def seed_index(url: str, key: str, articles: list[dict[str, Any]]) -> None:
    with httpx.Client(base_url=url, timeout=600, headers={"X-API-Key": key}) as client:
        for start in range(0, len(articles), 50):
            client.post("/v1/ingest", json={"articles": articles[start : start + 50]}).raise_for_status()


def run(base: Settings, minutes: float, readers: int, seed: int, batch: int) -> SoakReport:
    key = secrets.token_urlsafe(24)
    corpus = list(news_articles())[::3]  # every third: long BBC, short AG News, Multi-News
    seeded, pool = corpus[:seed], corpus[seed:]
    seconds = minutes * 60
    with scratch_node(base, heap="512m") as node, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = {
            "NEWSDESK_ES_URL": node.es_url,
            "NEWSDESK_INDEX_ALIAS": ALIAS,
            "NEWSDESK_API_KEYS": key,
            "NEWSDESK_DEAD_LETTER_PATH": str(workdir / "dead.jsonl"),
        }
        with (
            api_process(env, workdir / "reads.log") as (read_url, read_pid),
            api_process(env, workdir / "ingest.log") as (ingest_url, ingest_pid),
        ):
            logger.info("seeding %d articles", len(seeded))
            seed_index(ingest_url, key, seeded)
            titles = [a["title"] for a in corpus if a.get("title")]
            samples: dict[str, list[tuple[float, float]]] = {"API (reads)": [], "API (ingest)": []}
            reindex: dict[str, float | int | None] = {"code": None, "seconds": None}
            load = MixedLoad(read_url, ingest_url, key, titles, pool, readers=readers, batch=batch)
            with load:
                reindexer = threading.Thread(
                    target=_reindex_at, args=(seconds / 2, env, workdir, reindex, load), daemon=True
                )
                reindexer.start()
                while (now := time.monotonic() - load.recorder.started) < seconds:
                    samples["API (reads)"].append((now, rss_mb(read_pid)))
                    samples["API (ingest)"].append((now, rss_mb(ingest_pid)))
                    logger.info("%.0f of %.0f s, %d answers", now, seconds, len(load.recorder.answers))
                    time.sleep(min(10.0, seconds / 60))
            reindexer.join(600)
            answers = load.recorder.snapshot()
            count = httpx.get(f"{node.es_url}/{ALIAS}/_count").json()["count"]
    windows, p95, memory = summarise(answers, samples, seconds)
    errors: dict[str, int] = {}
    for a in answers:
        if a.status is None or not 200 <= a.status < 300:
            errors[f"{a.route} {a.status}"] = errors.get(f"{a.route} {a.status}", 0) + 1
    requests = {route: sum(a.route == route for a in answers) for route in p95}
    return SoakReport(
        minutes=minutes,
        windows=windows,
        p95=p95,
        requests=requests,
        errors=errors,
        rss_mb=memory,
        reindex_exit_code=reindex["code"],  # type: ignore[arg-type]
        reindex_seconds=reindex["seconds"],
        ingested=load.ingested,
        documents_at_end=int(count),
        rss_samples=samples,
    )


def _reindex_at(
    delay: float, env: dict[str, str], workdir: Path, result: dict[str, float | int | None], load: MixedLoad
) -> None:
    """`newsdesk reindex` once, `delay` seconds into the load, as an operator would run it."""
    if load.stop.wait(delay):
        return
    began = time.monotonic()
    command = [sys.executable, "-m", "newsdesk.search_api.cli", "reindex", "--processes", "1"]
    with (workdir / "reindex.log").open("w") as out:
        done = subprocess.run(command, env={**os.environ, **env, "COLUMNS": "200"}, stdout=out, stderr=out)
    result |= {"code": done.returncode, "seconds": round(time.monotonic() - began, 1)}
    if done.returncode:
        logger.error("reindex failed:\n%s", (workdir / "reindex.log").read_text()[-2000:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--readers", type=int, default=2, help="reader threads, each pausing 0.5 s")
    parser.add_argument("--seed", type=int, default=200, help="articles indexed before the load")
    parser.add_argument("--batch", type=int, default=5, help="articles per ingest request, every 10 s")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request would drown the progress
    report = run(Settings(), args.minutes, args.readers, args.seed, args.batch)
    print(report.markdown())
    if args.json:
        args.json.write_text(json.dumps({**asdict(report), "passed": report.passed}, indent=2))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
