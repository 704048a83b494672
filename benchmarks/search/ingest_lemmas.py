"""Ingest speed with the lemma fields against without them, `newsdesk ingest` end to end, same run.

    python -m benchmarks.search.ingest_lemmas [--articles 600] [--rounds 2]

Writes `--articles` corpus articles to a JSON Lines file and ingests it with `newsdesk ingest`
into a fresh index, with every built-in plugin, and with the `lemmas` plugin disabled
(`NEWSDESK_DISABLED_PLUGINS`), alternating (with, without, without, with, ...) so both see the
same share of a busy machine. Prints each run's articles per second and the ratio of the totals.
The indexes are deleted afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.shared_data import repeated_articles
from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.settings import Settings

CONFIGS = {"with lemmas": "[]", "without lemmas": '["lemmas"]'}


def ingest_seconds(path: Path, disabled: str) -> tuple[float, str]:
    """Wall time of one `newsdesk ingest` into an index of its own (deleted after), and its alias."""
    alias = f"bench-lemmas-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "NEWSDESK_INDEX_ALIAS": alias, "NEWSDESK_DISABLED_PLUGINS": disabled}
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "newsdesk.search_api.cli", "ingest", str(path)],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started, alias


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    client = make_client(Settings())
    order = [
        name for r in range(args.rounds) for name in (list(CONFIGS) if r % 2 == 0 else list(CONFIGS)[::-1])
    ]
    seconds: dict[str, list[float]] = {name: [] for name in CONFIGS}
    table = Table(title=f"newsdesk ingest of {args.articles} articles, with and without the lemma fields")
    for column in ("run", "config", "seconds", "articles/s", "load average"):
        table.add_column(column, justify="right")
    with tempfile.TemporaryDirectory() as workdir:
        path = Path(workdir) / "articles.jsonl"
        path.write_text(
            "".join(json.dumps(a) + "\n" for a in repeated_articles(args.articles)), encoding="utf-8"
        )
        for run, name in enumerate(order, 1):
            elapsed, alias = ingest_seconds(path, CONFIGS[name])
            for index in client.indices.get(index=f"{alias}-*"):  # the node refuses wildcard deletes
                client.indices.delete(index=index)
            seconds[name].append(elapsed)
            load = f"{os.getloadavg()[0]:.1f}"
            table.add_row(str(run), name, f"{elapsed:.1f}", f"{args.articles / elapsed:.1f}", load)
    rate = {name: args.articles * len(runs) / sum(runs) for name, runs in seconds.items()}
    ratio = rate["with lemmas"] / rate["without lemmas"]
    table.add_row("all", "with / without", "", f"{ratio:.3f}", "")
    Console().print(table)


if __name__ == "__main__":
    main()
