"""Latency of `POST /qa` under concurrent load, on an index of 100,000 articles.

    .venv/bin/python -m benchmarks.qa.latency                              # 100,000 articles
    .venv/bin/python -m benchmarks.qa.latency --articles 10000 --concurrency 4

Building the index (once; kept for later runs, `--rebuild` to redo it):
1. every article of ../shared/corpora (BBC, AG News, Multi-News) and the five seeds is
   ingested through the real pipeline (boilerplate, entities, numbers) into a staging index;
2. the enriched documents are read back and bulk-indexed, under new ids, into the benchmark's
   index until it holds `--articles` documents (each corpus article about ten times for 100,000):
   pre-enriched copies, so the index is full-size without enriching 100,000 articles on 2 cores.

The load: the API runs in its own process (uvicorn on 127.0.0.1, `--workers`), and this process
sends `--requests` questions (the seed dev set's and questions about the corpora's topics, in
turn) from `--concurrency` threads, stopping early after `--seconds`. Loopback only, bounded in
count and time. Reported: p50 / p95 / p99 / max latency, throughput, errors.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from benchmarks.api_server import served_api
from benchmarks.qa.metrics import table
from benchmarks.qa.seeds import SEEDS, load_items
from benchmarks.shared_data import corpora_dir

CORPORA = corpora_dir()
STAGING = "newsdesk-bench-latency-unique"
TOPIC_QUESTIONS = [
    "How many jobs will the company cut?",
    "Who is the chief executive of the company?",
    "How much did the government spend on the new scheme?",
    "When will the election be held?",
    "What percentage of voters backed the proposal?",
    "Who won the match on Saturday?",
    "How many people were killed in the attack?",
    "Which company bought the mobile phone maker?",
    "How long will the strike last?",
    "Where was the film festival held?",
    "How old is the singer?",
    "Who is the prime minister?",
]


def corpus_articles() -> Iterator[dict[str, Any]]:
    for path in sorted(SEEDS.glob("*.txt")):
        yield {"id": f"seed-{path.stem}", "content": path.read_text(encoding="utf-8")}
    for line in (CORPORA / "bbc-news.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        yield {"id": item["id"], "title": item["title"], "content": item["text"], "source": item["source"]}
    for line in (CORPORA / "ag-news.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        yield {
            "id": item["id"],
            "title": item["title"],
            "content": item["description"],
            "source": item["source"],
        }
    for line in (CORPORA / "multi-news-sample.jsonl").open(encoding="utf-8"):
        item = json.loads(line)
        for i, doc in enumerate(item["docs"]):
            if doc.strip():
                yield {"id": f"multinews-{item['cluster']}-{i}", "content": doc}


def build(articles: int, alias: str) -> None:
    from elasticsearch import helpers

    from newsdesk.search_api.index.admin import drop_index
    from newsdesk.search_api.ingest.articles import ArticleIn
    from newsdesk.search_api.ingest.readers import InputItem
    from newsdesk.search_api.services import Services
    from newsdesk.search_api.settings import Settings

    staging = Services.start(Settings(index_alias=STAGING))
    exists = staging.client.indices.exists_alias(name=STAGING)
    unique = list(corpus_articles())
    if not exists or staging.client.count(index=STAGING)["count"] < len(unique) * 0.95:
        drop_index(staging.client, staging.settings)
        started = time.perf_counter()
        items = (
            InputItem(origin=a["id"], article=ArticleIn.model_validate({**a, "format": "text"}))
            for a in unique
        )
        report = staging.ingestor().ingest(items)
        print(f"enriched {len(report.created)} articles in {time.perf_counter() - started:.0f} s", flush=True)
    sources = [
        hit["_source"]
        for hit in helpers.scan(
            staging.client,
            index=STAGING,
            query={"query": {"match_all": {}}, "_source": {"excludes": ["raw"]}},
        )
    ]
    target = Services.start(Settings(index_alias=alias))
    drop_index(target.client, target.settings)
    target.ensure_index()

    def copies() -> Iterator[dict[str, Any]]:
        for n in range(articles):
            source = sources[n % len(sources)]
            doc_id = f"{source['id']}~{n // len(sources)}"
            yield {"_index": alias, "_id": doc_id, "_source": {**source, "id": doc_id}}

    started = time.perf_counter()
    helpers.bulk(target.client.options(request_timeout=120), copies(), chunk_size=1000)
    target.client.indices.refresh(index=alias)
    count = target.client.count(index=alias)["count"]
    print(f"bulk-indexed {count} pre-enriched copies in {time.perf_counter() - started:.0f} s", flush=True)


def load(base: str, questions: list[str], requests: int, concurrency: int, seconds: float) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(requests))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            for i in counter:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                try:
                    response = client.post("/v1/qa", json={"question": questions[i % len(questions)]})
                    ok = response.status_code == 200
                    detail = f"HTTP {response.status_code}"
                except httpx.HTTPError as e:
                    ok, detail = False, type(e).__name__
                elapsed = time.perf_counter() - started
                with lock:
                    (latencies.append(elapsed) if ok else errors.append(detail))

    for _ in range(min(20, requests)):  # warm up: model loads, caches, JIT of the node
        httpx.post(f"{base}/v1/qa", json={"question": questions[0]}, timeout=60)
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for _ in range(concurrency):
            pool.submit(worker)
    wall = time.perf_counter() - started
    ms = sorted(1000 * x for x in latencies)
    quantile = statistics.quantiles(ms, n=100) if len(ms) > 1 else ms * 99
    return {
        "requests": len(ms) + len(errors),
        "errors": len(errors),
        "p50 ms": f"{quantile[49]:.0f}",
        "p95 ms": f"{quantile[94]:.0f}",
        "p99 ms": f"{quantile[98]:.0f}",
        "max ms": f"{ms[-1]:.0f}" if ms else "-",
        "req/s": f"{len(ms) / wall:.1f}",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)

    from newsdesk.search_api.index.client import make_client
    from newsdesk.search_api.settings import Settings

    alias = f"newsdesk-bench-latency-{args.articles}"
    client = make_client(Settings(index_alias=alias))
    exists = client.indices.exists_alias(name=alias)
    if args.rebuild or not exists or client.count(index=alias)["count"] != args.articles:
        build(args.articles, alias)
    documents = client.count(index=alias)["count"]
    questions = [item["question"] for item in load_items()] + TOPIC_QUESTIONS
    env = {"NEWSDESK_INDEX_ALIAS": alias, "NEWSDESK_LOG_LEVEL": "WARNING"}
    with served_api(env, workers=args.workers) as base:
        result = load(base, questions, args.requests, args.concurrency, args.seconds)
    print(
        f"/qa on {documents:,} articles, {args.workers} uvicorn workers, "
        f"{args.concurrency} concurrent clients"
    )
    print(table(list(result), [list(result.values())]))
    print("goal: p95 < 300 ms")


if __name__ == "__main__":
    main()
