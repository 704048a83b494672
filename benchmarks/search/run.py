"""Search latency, today's mapping against the old one, through the API and straight to Elasticsearch.

    python -m benchmarks.search.run [--sizes 10000 100000] [--seconds 15] [--connections 8]

Builds (once) a 10,000-article index from the shared corpora through the full pipeline, and from
its documents an index with the old mapping (nested entity facets, no lemmas) and one with
today's (flat entity facet fields, eager global ordinals, lemma fields); at 100,000 articles,
copies of those documents under new ids, each in its mapping (`mappings.py`). Serves the API
with uvicorn and loads it and Elasticsearch with wrk from a separate process (loopback only,
bounded in time), every facet counted. Prints p50/p95/p99, throughput, errors, API / direct.
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
from benchmarks.search.indexes import build_enriched
from benchmarks.search.mappings import (
    OLD_REGISTRY,
    build_new_mapping,
    build_old_mapping,
    build_repeated_same_mapping,
)
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


def old_body(request: SearchRequest, services: Services) -> dict:
    """The body the API built before: nested entity facets, no lemmas, synonyms or suggestions."""
    return build_search_body(request, OLD_REGISTRY, services.text_fields)


def new_body(request: SearchRequest, services: Services) -> dict:
    return build_search_body(request, services.facets, services.text_fields, services.expander)


def measure(
    settings: Settings, seconds: int, connections: int, workdir: Path, *, old: bool
) -> dict[str, dict[str, float]]:
    """wrk on Elasticsearch directly, and (today's mapping only: the API builds today's bodies) on the API."""
    services = Services.start(settings)
    api_bodies, es_bodies = workdir / "api.tsv", workdir / "es.tsv"
    write_bodies(
        api_bodies, [("/v1/search", q.model_dump(mode="json", exclude_defaults=True)) for q in QUERIES]
    )
    build = old_body if old else new_body
    write_bodies(es_bodies, [(f"/{settings.index_alias}/_search", build(q, services)) for q in QUERIES])
    targets = [("elasticsearch", settings.es_url, es_bodies)]
    env = {"NEWSDESK_INDEX_ALIAS": settings.index_alias, "NEWSDESK_ES_URL": settings.es_url}
    results = {}
    with served_api(env) as api_url:
        if not old:
            targets.append(("api", api_url, api_bodies))
        for name, url, bodies in targets:
            wrk(url, bodies, 3, connections)  # warm caches and JIT before measuring
            results[name] = wrk(url, bodies, seconds, connections)
    return results


def build_indexes(size: int) -> dict[str, Settings]:
    """The old- and new-mapping indexes of `size` articles, built if missing."""
    enriched = Settings(index_alias="bench-search-10k")
    build_enriched(enriched, 10_000)
    client = Services.start(enriched).client
    old10, new10 = Settings(index_alias="bench-search-10k-old"), Settings(index_alias="bench-search-10k-new")
    build_old_mapping(client, enriched.index_alias, old10.index_alias)
    build_new_mapping(client, enriched.index_alias, Services.start(new10))
    if size <= 10_000:
        return {"old": old10, "new": new10}
    built = {}
    for name, base in (("old", old10), ("new", new10)):
        built[name] = Settings(index_alias=f"bench-search-{size // 1000}k-{name}")
        build_repeated_same_mapping(client, base.index_alias, built[name].index_alias, size)
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    table = Table(title=f"Search latency under load ({args.connections} connections, {args.seconds} s each)")
    columns = (
        "index",
        "mapping",
        "target",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "req/s",
        "errors",
        "p95 API / direct",
    )
    for column in columns:
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory() as workdir:
        for size in args.sizes:
            for mapping, settings in build_indexes(size).items():
                results = measure(
                    settings, args.seconds, args.connections, Path(workdir), old=mapping == "old"
                )
                direct = results["elasticsearch"]["p95"]
                for name, result in results.items():
                    table.add_row(
                        f"{size:,}",
                        mapping,
                        name,
                        f"{result['p50']:.1f}",
                        f"{result['p95']:.1f}",
                        f"{result['p99']:.1f}",
                        f"{result['rps']:.0f}",
                        str(int(result["errors"])),
                        f"{result['p95'] / direct:.2f}",
                    )
    Console().print(table)


if __name__ == "__main__":
    main()
