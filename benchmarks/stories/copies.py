"""Copies: precision and recall of the copy finder on labelled pairs (benchmarks/stories/copy_pairs.json).

    python -m benchmarks.stories.copies

Runs the ingest's `CopyFinder` over the enriched stream (benchmarks/stories/enriched.py), in its
order and batches, against an article index of its own on the local node (only the copy fields
are written), and scores the pairs it puts in one copy group against the labels: every pair
within a Multi-News event (copies, rewritten wire copies among them, and the outlets' own
articles, which are not copies) and the BBC corpus's exact duplicates. Pairs it finds outside the
labelled set are counted, not scored. An exact-text baseline runs beside it.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from elasticsearch import helpers
from rich.console import Console
from rich.table import Table

from benchmarks.stories.clustering import BATCH, ENRICHED
from benchmarks.stories.corpus import stream
from benchmarks.stories.enriched import load_or_build
from newsdesk.search_api.index.admin import drop_index, ensure_index
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.copies import DUPLICATE_OF, CopyFinder

LABELS = Path(__file__).with_name("copy_pairs.json")
Pair = frozenset[str]


def labelled(sources: list[dict[str, Any]]) -> tuple[set[Pair], set[Pair], set[Pair]]:
    """(copies, not copies, rewritten copies) among the stream's articles."""
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    copies = {frozenset(p) for p in labels["copies"]}
    undecided = {frozenset(p) for p in labels["undecided"]}
    by_text: dict[str, list[str]] = defaultdict(list)
    events: dict[str, list[str]] = defaultdict(list)
    for s in sources:
        if s["id"].startswith("bbc-"):
            by_text[" ".join(f"{s.get('title')} {s['content']}".split())].append(s["id"])
        elif s["id"].startswith("mn-"):
            events[s["id"].split("-")[1]].append(s["id"])
    copies |= {frozenset(p) for ids in by_text.values() for p in itertools.combinations(ids, 2)}
    within_events = {frozenset(p) for ids in events.values() for p in itertools.combinations(ids, 2)}
    return copies, within_events - copies - undecided, {frozenset(p) for p in labels["rewritten"]}


def copy_groups(labels: dict[str, str]) -> set[Pair]:
    groups: dict[str, list[str]] = defaultdict(list)
    for article, original in labels.items():
        groups[original].append(article)
    return {frozenset(p) for ids in groups.values() for p in itertools.combinations(ids, 2)}


def run_finder(sources: list[dict[str, Any]]) -> dict[str, str]:
    """Each article's copy group (its original's id), found batch by batch as the ingest does."""
    settings = Settings(index_alias=f"bench-copies-{uuid.uuid4().hex[:8]}")
    services = Services.start(settings)
    ensure_index(services.client, settings, services.host)
    finder = CopyFinder(services.client, settings.index_alias)
    group: dict[str, str] = {}
    try:
        for start in range(0, len(sources), BATCH):
            batch = sources[start : start + BATCH]
            found = finder.find(batch)
            actions = [
                {"_index": settings.index_alias, "_id": i, "_source": {"id": i, **fields}}
                for i, fields in found.items()
            ]
            helpers.bulk(services.client, actions, refresh=True)
            for s in batch:
                group[s["id"]] = found.get(s["id"], {}).get(DUPLICATE_OF) or s["id"]
    finally:
        drop_index(services.client, settings)
    return group


def main() -> None:
    everything, _ = stream("all")
    sources = load_or_build(ENRICHED, everything, 2, None)
    copies, not_copies, rewritten = labelled(sources)
    runs = {
        "newsdesk copies (MinHash LSH, 0.5)": copy_groups(run_finder(sources)),
        "exact text (baseline)": copy_groups({s["id"]: " ".join(s["content"].split()) for s in sources}),
    }
    table = Table(
        title=f"Copies: {len(copies)} copy pairs ({len(rewritten)} rewritten), {len(not_copies)} not"
    )
    for column in ("finder", "precision", "recall", "rewritten found", "pairs found outside the labels"):
        table.add_column(column)
    for name, found in runs.items():
        tp, fp = len(found & copies), len(found & not_copies)
        table.add_row(
            name,
            f"{tp / (tp + fp):.3f}" if tp + fp else "-",
            f"{tp / len(copies):.3f}",
            f"{len(found & rewritten)}/{len(rewritten)}",
            str(len(found - copies - not_copies)),
        )
    Console().print(table)


if __name__ == "__main__":
    main()
