"""Story clustering: B³ F1 on Multi-News events among 5,225 BBC and AG News distractors.

    python -m benchmarks.stories.clustering --split dev     # tune on this
    python -m benchmarks.stories.clustering --split test    # once, at the end

Clusters the stream (benchmarks/stories/corpus.py), in its order and in ingest-sized batches,
with the same `StoryAssigner` the ingest runs, into a stories index of its own on the local node,
and scores each article's story beside two baselines computed on the same articles in the same
run: one story per exact title, and single-pass tf-idf clustering of title and lead words. The
articles are enriched once and kept (benchmarks/stories/enriched.py): `--enriched PATH`.
"""

from __future__ import annotations

import argparse
import random
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from rich.console import Console
from rich.table import Table

from benchmarks.stories.corpus import Split, is_event_article, stream
from benchmarks.stories.enriched import load_or_build
from benchmarks.stories.scoring import b_cubed, bag_of_words_clusters, exact_title_clusters
from newsdesk.search_api.app import create_app
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.clustering import StoryAssigner
from newsdesk.search_api.stories.store import StoryStore

BATCH = 32  # NEWSDESK_INGEST_BATCH_SIZE's default: the ingest clusters one batch at a time
ENRICHED = Path(".cache/stories-benchmark-enriched.jsonl")
LATENCY_SAMPLES = 200


def cluster(sources: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float, Table]:
    """Each article with its story, clustered in order and in batches as an ingest would; the
    seconds it took; and the latency of `GET /v1/stories/{id}` over the stories it made."""
    settings = Settings(index_alias=f"bench-stories-{uuid.uuid4().hex[:8]}")
    services = Services.start(settings)
    store = StoryStore(services.client, settings.index_alias)
    assigner = StoryAssigner(store, services.host.story_signals)
    out = []
    started = time.monotonic()
    try:
        for start in range(0, len(sources), BATCH):
            batch = sources[start : start + BATCH]
            decisions = assigner.assign(batch)
            out += [{**s, "story_id": decisions[s["id"]].story_id} for s in batch]
        seconds = time.monotonic() - started
        store.refresh()
        latency = story_latency(settings, [s["story_id"] for s in out])
    finally:
        store.drop()
        drop_index(services.client, settings)
    return out, seconds, latency


def p95(sorted_ms: list[float]) -> float:
    return sorted_ms[int(0.95 * (len(sorted_ms) - 1))]


def story_latency(settings: Settings, story_ids: list[str]) -> Table:
    """p50/p95 of `GET /v1/stories/{id}` through the API, and of the story's get from Elasticsearch
    direct (the baseline), over up to LATENCY_SAMPLES stories, the biggest ones included."""
    sizes = Counter(story_ids)
    sample = [s for s, _ in sizes.most_common(20)]
    rest = sorted(set(sizes) - set(sample))
    sample += random.Random(19).sample(rest, min(LATENCY_SAMPLES - len(sample), len(rest)))
    api_ms, direct_ms = [], []
    with TestClient(create_app(settings)) as client:
        services = client.app.state.services  # type: ignore[attr-defined]
        index = StoryStore(services.client, settings.index_alias).index
        for story_id in sample * 2:  # the first pass warms caches; the second is measured
            t0 = time.perf_counter()
            services.client.get(index=index, id=story_id, source_excludes=["text"])
            t1 = time.perf_counter()
            assert client.get(f"/v1/stories/{story_id}").status_code == 200
            t2 = time.perf_counter()
            direct_ms.append((t1 - t0) * 1000)
            api_ms.append((t2 - t1) * 1000)
    largest = sizes.most_common(1)[0][1]
    table = Table(title=f"GET /v1/stories/{{id}}, {len(sample)} stories (the largest of {largest} articles)")
    for column in ("target", "p50 ms", "p95 ms", "p95 / direct"):
        table.add_column(column)
    half = len(sample)
    direct, api = sorted(direct_ms[half:]), sorted(api_ms[half:])
    table.add_row(
        "Elasticsearch get (baseline)", f"{direct[len(direct) // 2]:.1f}", f"{p95(direct):.1f}", "1.00"
    )
    table.add_row("API", f"{api[len(api) // 2]:.1f}", f"{p95(api):.1f}", f"{p95(api) / p95(direct):.2f}")
    return table


def score_table(sources: list[dict[str, Any]], gold: dict[str, str], title: str) -> Table:
    ids = [s["id"] for s in sources]
    gold = {i: gold[i] for i in ids}
    events = [i for i in ids if is_event_article(i)]
    runs = {
        "newsdesk stories": {s["id"]: s.get("story_id") or s["id"] for s in sources},
        "exact title (baseline)": exact_title_clusters(sources),
        "bag of words, tf-idf 0.3 (baseline)": bag_of_words_clusters(sources),
    }
    table = Table(title=title)
    for column in ("clustering", "B³ P (events)", "B³ R (events)", "B³ F1 (events)", "B³ F1 (all articles)"):
        table.add_column(column)
    for name, predicted in runs.items():
        on_events = b_cubed(predicted, gold, events)
        on_all = b_cubed(predicted, gold, ids)
        table.add_row(
            name,
            f"{on_events.precision:.3f}",
            f"{on_events.recall:.3f}",
            f"{on_events.f1:.3f}",
            f"{on_all.f1:.3f}",
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument(
        "--enriched", type=Path, default=ENRICHED, help="the enriched stream, built when missing"
    )
    parser.add_argument("--reuse-index", help="take articles enriched already from this index (read only)")
    parser.add_argument("--processes", type=int, default=2, help="spaCy workers when enriching")
    args = parser.parse_args()
    split: Split = args.split
    everything, _ = stream("all")
    enriched = {
        s["id"]: s for s in load_or_build(args.enriched, everything, args.processes, args.reuse_index)
    }
    articles, gold = stream(split)
    sources, seconds, latency = cluster([enriched[a["id"]] for a in articles if a["id"] in enriched])
    events = sum(1 for s in sources if is_event_article(s["id"]))
    title = (
        f"{split}: {events} event articles, {len(sources) - events} distractors; "
        f"clustered in {seconds:.0f} s ({len(sources) / seconds:.0f} articles/s)"
    )
    console = Console()
    console.print(score_table(sources, gold, title))
    console.print(latency)


if __name__ == "__main__":
    main()
