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
import time
import uuid
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from benchmarks.stories.corpus import Split, is_event_article, stream
from benchmarks.stories.enriched import load_or_build
from benchmarks.stories.scoring import b_cubed, bag_of_words_clusters, exact_title_clusters
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.clustering import StoryAssigner
from newsdesk.search_api.stories.store import StoryStore

BATCH = 32  # NEWSDESK_INGEST_BATCH_SIZE's default: the ingest clusters one batch at a time
ENRICHED = Path(".cache/stories-benchmark-enriched.jsonl")


def cluster(sources: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    """Each article with its story, clustered in order and in batches as an ingest would, and the seconds."""
    services = Services.start(Settings(index_alias=f"bench-stories-{uuid.uuid4().hex[:8]}"))
    store = StoryStore(services.client, services.settings.index_alias)
    assigner = StoryAssigner(store, services.host.story_signals)
    out = []
    started = time.monotonic()
    try:
        for start in range(0, len(sources), BATCH):
            batch = sources[start : start + BATCH]
            decisions = assigner.assign(batch)
            out += [{**s, "story_id": decisions[s["id"]].story_id} for s in batch]
        store.refresh()
    finally:
        store.drop()
    return out, time.monotonic() - started


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
    sources, seconds = cluster([enriched[a["id"]] for a in articles if a["id"] in enriched])
    events = sum(1 for s in sources if is_event_article(s["id"]))
    title = (
        f"{split}: {events} event articles, {len(sources) - events} distractors; "
        f"clustered in {seconds:.0f} s ({len(sources) / seconds:.0f} articles/s)"
    )
    Console().print(score_table(sources, gold, title))


if __name__ == "__main__":
    main()
