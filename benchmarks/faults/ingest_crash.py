"""Fault script: kill `newsdesk ingest` half-way (SIGKILL, no clean-up), run it again, count.

    python -m benchmarks.faults.ingest_crash [--articles 10000] [--processes 2] [--json report.json]

On the configured node, into an index of its own (dropped first and afterwards): ingests
`--articles` articles of the shared corpora, kills the ingest once half are stored, runs the same
command again, then once more with nothing left to do. Reports what was stored at the crash, what
the restart skipped (stored already from the same input) and enriched, its time, the time a run
with nothing to do takes (the cost of the checkpoint check), and whether every article ended up
indexed exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from elasticsearch import Elasticsearch, helpers

from benchmarks.shared_data import repeated_articles
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.ingest.dead_letter import DeadLetterStore
from newsdesk.search_api.settings import Settings

ALIAS = "newsdesk-ingest-crash"
_COUNTS = re.compile(r"([\d,]+) new, ([\d,]+) updated, ([\d,]+) unchanged, ([\d,]+) failed")


@dataclass
class CrashReport:
    articles: int
    stored_at_crash: int
    first_run_seconds: float
    restart_skipped: int
    restart_enriched: int
    restart_seconds: float
    nothing_to_do_seconds: float
    stored: int
    distinct: int
    dead_lettered: int

    @property
    def exactly_once(self) -> bool:
        return self.stored == self.distinct == self.articles and self.dead_lettered == 0

    def markdown(self) -> str:
        rows = [
            ("articles", f"{self.articles:,}"),
            (
                "stored when the ingest was killed",
                f"{self.stored_at_crash:,} (after {self.first_run_seconds:,.0f} s)",
            ),
            ("restart: skipped (stored already, same input)", f"{self.restart_skipped:,}"),
            ("restart: enriched and indexed", f"{self.restart_enriched:,}"),
            ("restart: time", f"{self.restart_seconds:,.0f} s"),
            (
                "a run with nothing left to do (the checkpoint check alone)",
                f"{self.nothing_to_do_seconds:,.1f} s",
            ),
            (
                "a restart without the check (what was stored, enriched again)",
                f"about {self.first_run_seconds + self.restart_seconds:,.0f} s",
            ),
            (
                "stored / distinct ids / dead-lettered",
                f"{self.stored:,} / {self.distinct:,} / {self.dead_lettered}",
            ),
            ("every article exactly once", "yes" if self.exactly_once else "NO"),
        ]
        return "\n".join(["| | |", "| --- | ---: |", *(f"| {name} | {value} |" for name, value in rows)])


def ingest_command(source: Path, processes: int) -> list[str]:
    """`newsdesk ingest` of `source`, run by this interpreter, as an operator would start it."""
    return [
        sys.executable,
        "-m",
        "newsdesk.search_api.cli",
        "ingest",
        str(source),
        "--processes",
        str(processes),
    ]


def _ingest(source: Path, env: dict[str, str], processes: int) -> subprocess.Popen[str]:
    command = ingest_command(source, processes)
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def _count(client: Elasticsearch) -> int:
    try:
        return int(client.count(index=ALIAS)["count"]) if client.indices.exists_alias(name=ALIAS) else 0
    except Exception:
        return 0


def _finished(process: subprocess.Popen[str]) -> tuple[list[int], float]:
    started = time.monotonic()
    output, _ = process.communicate()
    found = _COUNTS.search(output)
    if process.returncode != 0 or found is None:
        msg = f"newsdesk ingest failed ({process.returncode}):\n{output[-2000:]}"
        raise RuntimeError(msg)
    return [int(n.replace(",", "")) for n in found.groups()], time.monotonic() - started


def run(base: Settings, articles: int = 10_000, processes: int = 2) -> CrashReport:
    settings = base.model_copy(update={"index_alias": ALIAS})
    client = make_client(settings)
    drop_index(client, settings)
    with tempfile.TemporaryDirectory() as tmp:
        source, dead = Path(tmp) / "articles.jsonl", Path(tmp) / "dead.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for article in repeated_articles(articles):
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
        env = {
            **os.environ,
            "NEWSDESK_INDEX_ALIAS": ALIAS,
            "NEWSDESK_DEAD_LETTER_PATH": str(dead),
            "COLUMNS": "200",
        }
        started = time.monotonic()
        first = _ingest(source, env, processes)
        while _count(client) < articles // 2 and first.poll() is None:
            time.sleep(0.5)
        first.send_signal(signal.SIGKILL)
        first.wait()
        first_seconds = time.monotonic() - started
        client.indices.refresh(index=ALIAS)
        at_crash = _count(client)
        restart_started = time.monotonic()
        (new, updated, unchanged, _), _ = _finished(_ingest(source, env, processes))
        restart_seconds = time.monotonic() - restart_started
        idle_started = time.monotonic()
        _finished(_ingest(source, env, processes))
        idle_seconds = time.monotonic() - idle_started
        client.indices.refresh(index=ALIAS)
        ids = [hit["_id"] for hit in helpers.scan(client, index=ALIAS, source=False)]
        dead_lettered = len(DeadLetterStore(dead).records())
    drop_index(client, settings)
    return CrashReport(
        articles=articles,
        stored_at_crash=at_crash,
        first_run_seconds=round(first_seconds, 1),
        restart_skipped=unchanged,
        restart_enriched=new + updated,
        restart_seconds=round(restart_seconds, 1),
        nothing_to_do_seconds=round(idle_seconds, 1),
        stored=len(ids),
        distinct=len(set(ids)),
        dead_lettered=dead_lettered,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    report = run(Settings(), args.articles, args.processes)
    print(report.markdown())
    if args.json:
        args.json.write_text(json.dumps({**asdict(report), "exactly_once": report.exactly_once}, indent=2))
    return 0 if report.exactly_once else 1


if __name__ == "__main__":
    sys.exit(main())
