"""Ingest at scale: bare spaCy, the enrichment chain, bulk indexing and `newsdesk ingest`, compared.

    .venv/bin/python -m benchmarks.ingest.run [--sizes 10000 100000] [--processes 2] [--skip-reindex]

On corpora of `--sizes` articles (`benchmarks.shared_data.repeated_articles`: the shared corpora
again and again under new ids), it measures, each in a subprocess of its own where that matters:

- bare spaCy: `nlp.pipe(texts, n_process=P)` on the articles' texts, nothing else;
- the enrichment chain alone: every processor, parse included, nothing written to the index;
- indexing alone: the chain's enriched documents written by raw `elasticsearch.helpers.bulk` and
  by newsdesk's writer (`newsdesk.search_api.ingest.writer`);
- end to end: `newsdesk ingest FILE` as a subprocess, its wall time, CPU time and peak memory
  (summed over its process tree, sampled from /proc);
- with the largest size indexed, `newsdesk reindex` of it under a bounded query load
  (`reindex_load`): failed queries and how long the alias switch took.

The machine is shared: each phase records the load average, and bare spaCy is measured again
after every end-to-end run so the ratio compares runs made side by side. Results are kept in
`--workdir` (results.json): a second run only measures what is missing (`--fresh` redoes all).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from benchmarks.ingest import bulk, report
from benchmarks.ingest.measure import Measured, run_measured
from benchmarks.ingest.reindex_load import reindex_under_load
from benchmarks.shared_data import REPO_ROOT, repeated_articles
from newsdesk.plugins.manager import load_plugins
from newsdesk.search_api.index.admin import core_fields, drop_index
from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.settings import Settings

PY = sys.executable
console = Console(width=150)


def describe_machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1e6
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "python": platform.python_version(),
    }


def corpus(workdir: Path, size: int) -> Path:
    path = workdir / f"articles-{size}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".part")
        with partial.open("w", encoding="utf-8") as out:
            for article in repeated_articles(size):
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
        partial.rename(path)
    return path


class Results:
    """Phases measured so far, kept on disk after each one: a long run can be resumed."""

    def __init__(self, path: Path, fresh: bool) -> None:
        self.path = path
        self.data: dict[str, Any] = {} if fresh or not path.exists() else json.loads(path.read_text())

    def phase(self, name: str, measure: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if name not in self.data:
            console.print(f"[bold]{name}[/bold] (load {os.getloadavg()[0]:.1f}) ...")
            load_before = os.getloadavg()[0]
            started = time.time()
            result = measure()
            result |= {"load_before": round(load_before, 1), "load_after": round(os.getloadavg()[0], 1)}
            result |= {"started": time.strftime("%H:%M", time.localtime(started))}
            self.data[name] = result
            self.path.write_text(json.dumps(self.data, indent=1))
            console.print(f"  {result.get('articles_per_s', '')} articles/s")
        return dict(self.data[name])


def _last_json(measured: Measured) -> dict[str, Any]:
    if measured.returncode != 0:
        msg = f"stage failed ({measured.returncode})"
        raise RuntimeError(msg)
    return dict(json.loads(measured.stdout.strip().splitlines()[-1]))


def _summary(measured: Measured, articles: int, seconds: float) -> dict[str, Any]:
    return {
        "articles": articles,
        "seconds": round(seconds, 1),
        "wall_seconds": round(measured.seconds, 1),
        "articles_per_s": round(articles / seconds, 2),
        "cpu_ms_per_article": round(1000 * measured.cpu_seconds / articles, 1),
        "peak_rss_mb": round(measured.peak_rss_mb),
        "peak_main_rss_mb": round(measured.peak_main_rss_mb),
    }


def bare_spacy(path: Path, processes: int) -> dict[str, Any]:
    measured = run_measured(
        [PY, "-m", "benchmarks.ingest.stages", "spacy", str(path), "--processes", str(processes)]
    )
    result = _last_json(measured)
    return _summary(measured, result["articles"], result["seconds"])


def chain(path: Path, processes: int, dump: Path, logs: Path) -> dict[str, Any]:
    command = [PY, "-m", "benchmarks.ingest.stages", "chain", str(path), "--processes", str(processes)]
    command += ["--alias", "bench-ingest-chain", "--dump", str(dump)]
    measured = run_measured(command, log=logs / "chain.log")
    drop_index(make_client(Settings()), Settings(index_alias="bench-ingest-chain"))
    result = _last_json(measured)
    return _summary(measured, result["articles"], result["seconds"])


def end_to_end(path: Path, size: int, processes: int, logs: Path) -> dict[str, Any]:
    alias = f"bench-ingest-{size // 1000}k"
    settings = Settings(index_alias=alias)
    client = make_client(settings)
    drop_index(client, settings)
    env = {
        "NEWSDESK_INDEX_ALIAS": alias,
        "COLUMNS": "200",
        "NEWSDESK_DEAD_LETTER_PATH": str(logs / "dead.jsonl"),
    }

    def stored() -> int | None:
        try:
            return int(client.count(index=alias)["count"])
        except Exception:
            return None

    measured = run_measured(
        [PY, "-m", "newsdesk.search_api.cli", "ingest", str(path), "--processes", str(processes)],
        env=env,
        log=logs / f"ingest-{size}.log",
        progress=stored,
        every=60,
    )
    seconds = re.search(r"ingested [\d,]+ articles in (?:(\d+)h)?(?:(\d+)m)?([\d.]+)s", measured.stdout)
    if measured.returncode != 0 or seconds is None:
        msg = f"newsdesk ingest failed ({measured.returncode}):\n{measured.stdout[-2000:]}"
        raise RuntimeError(msg)
    hours, minutes, secs = (float(part or 0) for part in seconds.groups())
    count = int(client.count(index=alias)["count"])
    result = _summary(measured, size, hours * 3600 + minutes * 60 + secs)
    summary = measured.stdout.strip().splitlines()[-3:]
    return result | {"alias": alias, "stored": count, "summary": summary, "timeline": measured.timeline}


def indexing(size: int, dump: Path) -> dict[str, Any]:
    settings = Settings()
    client = make_client(settings)
    host = load_plugins(settings, reserved_fields=core_fields(settings))
    raw = bulk.raw_bulk(client, settings, host, dump, size)
    # the writer gets one enriched batch per request while enrichment is the slower side, and
    # the batches that queued up (COALESCE_DOCUMENTS at most) when Elasticsearch is
    per_batch = bulk.newsdesk_writer(client, settings, host, dump, size, settings.ingest_batch_size)
    coalesced = bulk.newsdesk_writer(client, settings, host, dump, size, 500)
    return {
        "raw_bulk_docs_per_s": round(raw, 1),
        "writer_docs_per_s": round(per_batch, 1),
        "writer_500_docs_per_s": round(coalesced, 1),
        "ratio": round(per_batch / raw, 2),
        "ratio_500": round(coalesced / raw, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workdir", type=Path, default=REPO_ROOT / ".cache" / "bench-ingest")
    parser.add_argument("--skip-reindex", action="store_true")
    parser.add_argument("--query-rate", type=float, default=10)
    parser.add_argument("--fresh", action="store_true", help="measure everything again")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = Results(args.workdir / "results.json", args.fresh)
    results.data.setdefault("machine", describe_machine())
    sizes = sorted(args.sizes)
    base, processes, logs = sizes[0], args.processes, args.workdir
    files = {size: corpus(args.workdir, size) for size in sizes}
    dump = args.workdir / f"enriched-{base}.jsonl"
    results.phase(f"spacy-{base}", lambda: bare_spacy(files[base], processes))
    results.phase(f"chain-{base}", lambda: chain(files[base], processes, dump, logs))
    for size in sizes:
        results.phase(f"bulk-{size}", lambda size=size: indexing(size, dump))
    for size in sizes:
        results.phase(f"e2e-{size}", lambda size=size: end_to_end(files[size], size, processes, logs))
        results.phase(f"spacy-after-{size}", lambda: bare_spacy(files[base], processes))
    if not args.skip_reindex:
        alias = f"bench-ingest-{max(sizes) // 1000}k"
        results.phase(
            f"reindex-{max(sizes)}", lambda: reindex_under_load(alias, processes, args.query_rate, logs)
        )
    (args.workdir / "results.md").write_text(report.render(results.data, sizes, console), encoding="utf-8")
    console.print(f"Markdown tables in {args.workdir / 'results.md'}")


if __name__ == "__main__":
    main()
