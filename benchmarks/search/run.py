"""Search latency through the API against the same queries sent straight to Elasticsearch.

    python -m benchmarks.search.run [--sizes 10000 100000] [--seconds 20] [--connections 8]

Builds (once) a 10,000- and a 100,000-article index from the shared corpora, serves the API
with uvicorn, and loads both the API and Elasticsearch itself with wrk from a separate process
(loopback only, bounded in time). Prints p50/p95/p99, throughput, errors, and API / direct.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.api_server import served_api
from benchmarks.search.indexes import build_enriched, build_repeated
from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.query import build_search_body
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings

HERE = Path(__file__).resolve().parent
QUERIES = [
    SearchRequest(query="government election"),
    SearchRequest(query='"interest rates"'),
    SearchRequest(query="oil prices", filters={"category": ["business", "Business"]}),
    SearchRequest(query="football -cricket", sort="date"),
    SearchRequest(query="mobile phone OR broadband"),
    SearchRequest(query="film award", filters={"source": ["BBC News"]}),
    SearchRequest(query="president", filters={"people": ["Bush"]}),
    SearchRequest(query="", filters={"places": ["Iraq"]}),
    SearchRequest(query="title:market shares"),
    SearchRequest(query="police arrested", page=2),
    SearchRequest(query="economy growth", filters={"category": ["business"], "source": ["BBC News"]}),
    SearchRequest(query="software security"),
]


def write_bodies(path: Path, lines: list[tuple[str, dict]]) -> None:
    path.write_text("".join(f"{target}\t{json.dumps(body)}\n" for target, body in lines), encoding="utf-8")


def wrk(url: str, bodies: Path, seconds: int, connections: int) -> dict[str, float]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(HERE / "load.lua"), url]
    out = subprocess.run(
        command, env={**os.environ, "BODIES": str(bodies)}, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(settings: Settings, seconds: int, connections: int, workdir: Path) -> dict[str, dict[str, float]]:
    services = Services.start(settings)
    api_bodies, es_bodies = workdir / "api.tsv", workdir / "es.tsv"
    write_bodies(
        api_bodies, [("/v1/search", q.model_dump(mode="json", exclude_defaults=True)) for q in QUERIES]
    )
    write_bodies(
        es_bodies,
        [(f"/{settings.index_alias}/_search", build_search_body(q, services.facets)) for q in QUERIES],
    )
    env = {"NEWSDESK_INDEX_ALIAS": settings.index_alias, "NEWSDESK_ES_URL": settings.es_url}
    with served_api(env) as api_url:
        results = {}
        for name, url, bodies in (
            ("elasticsearch", settings.es_url, es_bodies),
            ("api", api_url, api_bodies),
        ):
            wrk(url, bodies, 3, connections)  # warm caches and JIT before measuring
            results[name] = wrk(url, bodies, seconds, connections)
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    base = Settings(index_alias="bench-search-10k")
    build_enriched(base, 10_000)
    table = Table(title=f"Search latency under load ({args.connections} connections, {args.seconds} s each)")
    for column in ("index", "target", "p50 ms", "p95 ms", "p99 ms", "req/s", "errors", "p95 API / direct"):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory() as workdir:
        for size in args.sizes:
            settings = base if size <= 10_000 else Settings(index_alias=f"bench-search-{size // 1000}k")
            if size > 10_000:
                build_repeated(base, settings, size)
            results = measure(settings, args.seconds, args.connections, Path(workdir))
            ratio = results["api"]["p95"] / results["elasticsearch"]["p95"]
            for name, result in results.items():
                table.add_row(
                    f"{size:,}",
                    name,
                    f"{result['p50']:.1f}",
                    f"{result['p95']:.1f}",
                    f"{result['p99']:.1f}",
                    f"{result['rps']:.0f}",
                    str(int(result["errors"])),
                    f"{ratio:.2f}" if name == "api" else "1.00",
                )
    Console().print(table)


if __name__ == "__main__":
    main()
