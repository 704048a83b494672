"""Story clustering: B³ F1 on Multi-News events among 5,225 BBC and AG News distractors.

    python -m benchmarks.stories.clustering --split dev     # tune on this
    python -m benchmarks.stories.clustering --split test    # once, at the end

Ingests the stream (benchmarks/stories/corpus.py) through the real ingest, stories on, into an
index of its own on the local node, reads back each article's `story_id`, and scores it beside
two baselines computed on the same articles in the same run: one story per exact title, and
single-pass tf-idf clustering of title and lead words. `--save PATH` keeps the enriched articles
(jsonl), and `--from-saved PATH` clusters those again without enriching (the signals and the
threshold can be changed between two runs in seconds); both remove what they create.
"""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

from elasticsearch import helpers
from rich.console import Console
from rich.table import Table

from benchmarks.stories.corpus import Split, is_event_article, stream
from benchmarks.stories.scoring import b_cubed, bag_of_words_clusters, exact_title_clusters
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.ingestor import Ingestor
from newsdesk.search_api.ingest.readers import InputItem
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.clustering import StoryAssigner
from newsdesk.search_api.stories.store import StoryStore

KEPT_FIELDS = ["id", "title", "content", "source", "url", "published_at", "ingested_at", "entities", "numbers"]
BATCH = 64


def ingest(services: Services, articles: list[dict[str, Any]], processes: int) -> list[dict[str, Any]]:
    """The articles through the real ingest, stories on; each one as stored, in ingest order."""
    ingestor = Ingestor(services.settings, services.host, services.client, processes=processes, max_wait=600)
    items = (InputItem(origin=f"stream:{n}", article=ArticleIn(**a)) for n, a in enumerate(articles))
    ingestor.ingest(items, keep=0)
    stored = {
        hit["_id"]: hit["_source"]
        for hit in helpers.scan(
            services.client, index=services.settings.index_alias, _source_includes=[*KEPT_FIELDS, "story_id"]
        )
    }
    return [stored[a["id"]] for a in articles if a["id"] in stored]


def recluster(services: Services, sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cluster saved articles again, in the same order and batches as an ingest would."""
    store = StoryStore(services.client, services.settings.index_alias)
    assigner = StoryAssigner(store, services.host.story_signals)
    out = []
    for start in range(0, len(sources), BATCH):
        batch = sources[start : start + BATCH]
        decisions = assigner.assign(batch)
        out += [{**s, "story_id": decisions[s["id"]].story_id} for s in batch]
    return out


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
            name, f"{on_events.precision:.3f}", f"{on_events.recall:.3f}", f"{on_events.f1:.3f}", f"{on_all.f1:.3f}"
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--save", type=Path, help="keep the enriched articles here (jsonl)")
    parser.add_argument("--from-saved", type=Path, help="cluster these saved articles again, no enrichment")
    args = parser.parse_args()
    split: Split = args.split
    console = Console()
    articles, gold = stream(split)
    settings = Settings(index_alias=f"bench-stories-{uuid.uuid4().hex[:8]}")
    services = Services.start(settings)
    try:
        if args.from_saved:
            saved = [json.loads(line) for line in args.from_saved.read_text(encoding="utf-8").splitlines()]
            sources = recluster(services, saved)
        else:
            sources = ingest(services, articles, args.processes)
        if args.save:
            args.save.write_text("".join(json.dumps(s) + "\n" for s in sources), encoding="utf-8")
    finally:
        drop_index(services.client, settings)
    events = sum(1 for s in sources if is_event_article(s["id"]))
    title = f"{split}: {events} event articles, {len(sources) - events} distractors"
    console.print(score_table(sources, gold, title))


if __name__ == "__main__":
    main()
