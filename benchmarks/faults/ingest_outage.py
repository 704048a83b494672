"""Fault script: stop Elasticsearch in the middle of an ingest, start it again, count every article.

    python -m benchmarks.faults.ingest_outage [--articles 1000] [--down-seconds 20] [--json report.json]

Loopback only, bounded: a scratch Elasticsearch node of its own (a free port, a temporary
directory; the node `make test` uses is never touched). `newsdesk ingest` runs as a subprocess,
as an operator would run it, on `--articles` articles of the shared corpora; once a third of
them are indexed the node is stopped, left down `--down-seconds`, and started again. The report:
articles sent, indexed (distinct ids in the index), dead-lettered, lost (sent - indexed -
dead-lettered; must be 0), indexed without part of their enrichment (must be 0: a batch the
outage hit is enriched again), and the recovery time, from the node answering again to the
ingest's next article indexed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from elasticsearch import Elasticsearch, helpers

from benchmarks.faults.api_outage import free_port, scratch_node
from benchmarks.faults.ingest_crash import ingest_command
from benchmarks.shared_data import news_articles
from newsdesk.search_api.devtools import es_node
from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.ingest.dead_letter import DeadLetterStore
from newsdesk.search_api.settings import Settings

ALIAS = "newsdesk-ingest-outage"


@dataclass
class IngestOutageReport:
    sent: int
    indexed: int
    dead_lettered: int
    lost: int
    partially_enriched: int
    indexed_before_stop: int
    outage_seconds: float
    recovery_seconds: float | None
    ingest_seconds: float
    ingest_exit_code: int
    waits_logged: int

    @property
    def passed(self) -> bool:
        return self.lost == 0 and self.partially_enriched == 0 and self.ingest_exit_code == 0

    def markdown(self) -> str:
        rows = [
            ("articles sent", self.sent),
            ("indexed (distinct ids)", self.indexed),
            ("dead-lettered", self.dead_lettered),
            ("lost", self.lost),
            ("indexed without part of their enrichment", self.partially_enriched),
            ("indexed when the node was stopped", self.indexed_before_stop),
            ("node down (stop to answering again), s", self.outage_seconds),
            ("recovery: node answering to next article indexed, s", self.recovery_seconds),
            ("whole ingest, s", self.ingest_seconds),
            ("waits the ingest logged", self.waits_logged),
            ("ingest exit code", self.ingest_exit_code),
        ]
        return "\n".join(["| | |", "| --- | ---: |", *(f"| {name} | {value} |" for name, value in rows)])


def write_articles(path: Path, count: int, stride: int = 10) -> int:
    """Every `stride`-th article of the corpora (a mix of long and short ones), `count` of them."""
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for number, article in enumerate(news_articles()):
            if number % stride == 0:
                out.write(json.dumps(article) + "\n")
                written += 1
                if written == count:
                    break
    return written


def indexed(client: Elasticsearch, alias: str) -> int:
    try:
        if not client.indices.exists_alias(name=alias):
            return 0
        return int(client.count(index=alias)["count"])
    except Exception:
        return -1  # not answering


def run(
    base: Settings, articles: int = 1000, down_seconds: float = 20, processes: int = 2
) -> IngestOutageReport:
    with scratch_node(base, port=free_port()) as node, tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        settings = node.model_copy(update={"index_alias": ALIAS, "dead_letter_path": workdir / "dead.jsonl"})
        source = workdir / "articles.jsonl"
        sent = write_articles(source, articles)
        env = {
            **os.environ,
            "NEWSDESK_ES_URL": settings.es_url,
            "NEWSDESK_INDEX_ALIAS": ALIAS,
            "NEWSDESK_DEAD_LETTER_PATH": str(settings.dead_letter_path),
            "COLUMNS": "200",
        }
        client = make_client(settings)
        log = workdir / "ingest.log"
        command = ingest_command(source, processes)
        started = time.monotonic()
        with log.open("w") as out:
            ingest = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
            try:
                while indexed(client, ALIAS) < sent // 3 and ingest.poll() is None:
                    time.sleep(0.2)
                before_stop = indexed(client, ALIAS)
                stopped_at = time.monotonic()
                es_node.stop(settings)
                time.sleep(down_seconds)
                es_node.start(settings)
                back_at = time.monotonic()
                recovered_at = None
                while ingest.poll() is None or recovered_at is None:
                    count = indexed(client, ALIAS)
                    if recovered_at is None and count > before_stop:
                        recovered_at = time.monotonic()
                    if ingest.poll() is not None and recovered_at is None:
                        break
                    time.sleep(0.2)
                ingest.wait(timeout=3600)
            finally:
                if ingest.poll() is None:
                    ingest.kill()
        ingest_seconds = time.monotonic() - started
        client.indices.refresh(index=ALIAS)
        ids = set()
        partial = 0
        for hit in helpers.scan(client, index=ALIAS, source_includes=["enrichment_errors"]):
            ids.add(hit["_id"])
            partial += bool(hit["_source"].get("enrichment_errors"))
        dead = len(DeadLetterStore(settings.dead_letter_path).records())
        output = log.read_text(errors="replace")
        return IngestOutageReport(
            sent=sent,
            indexed=len(ids),
            dead_lettered=dead,
            lost=sent - len(ids) - dead,
            partially_enriched=partial,
            indexed_before_stop=before_stop,
            outage_seconds=round(back_at - stopped_at, 1),
            recovery_seconds=round(recovered_at - back_at, 1) if recovered_at else None,
            ingest_seconds=round(ingest_seconds, 1),
            ingest_exit_code=ingest.returncode,
            waits_logged=output.count("Elasticsearch unavailable"),
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--down-seconds", type=float, default=20)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    report = run(Settings(), args.articles, args.down_seconds, args.processes)
    print(report.markdown())
    if args.json:
        args.json.write_text(json.dumps({**asdict(report), "passed": report.passed}, indent=2))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
