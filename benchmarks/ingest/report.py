"""The benchmark's tables, from its results: as rich tables on the console and as Markdown."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

Rows = list[tuple[str, ...]]


def stage_rows(data: dict[str, Any], sizes: list[int]) -> Rows:
    base = min(sizes)
    named = [
        (f"bare spaCy `nlp.pipe` ({base:,})", f"spacy-{base}"),
        (f"enrichment chain ({base:,})", f"chain-{base}"),
    ]
    for size in sizes:
        named += [
            (f"`newsdesk ingest` ({size:,})", f"e2e-{size}"),
            (f"bare spaCy, after it ({base:,})", f"spacy-after-{size}"),
        ]
    rows: Rows = []
    for label, key in named:
        if (r := data.get(key)) is not None:
            rss = f"{r['peak_rss_mb']:,} / {r['peak_main_rss_mb']:,}"
            cells = (f"{r['articles']:,}", f"{r['articles_per_s']:.1f}", f"{r['cpu_ms_per_article']}", rss)
            rows.append((label, *cells, f"{r['load_before']}–{r['load_after']}"))
    return rows


def goal_rows(data: dict[str, Any], sizes: list[int]) -> Rows:
    rows: Rows = []
    order = [f"spacy-{min(sizes)}", *(f"spacy-after-{size}" for size in sizes)]
    for position, size in enumerate(sizes):
        e2e = data.get(f"e2e-{size}")
        # bare spaCy measured just before and just after this run: the machine is shared
        baselines = [data[key] for key in order[position : position + 2] if key in data]
        if e2e and baselines:
            bare = sum(b["articles_per_s"] for b in baselines) / len(baselines)
            bare_cpu = sum(b["cpu_ms_per_article"] for b in baselines) / len(baselines)
            rows.append(
                (
                    f"end to end / bare spaCy, articles/s ({size:,})",
                    f"{e2e['articles_per_s'] / bare:.2f}",
                    "≥ 0.8",
                )
            )
            rows.append(
                (
                    f"bare spaCy / end to end, CPU per article ({size:,})",
                    f"{bare_cpu / e2e['cpu_ms_per_article']:.2f}",
                    "",
                )
            )
        if (written := data.get(f"bulk-{size}")) is not None:
            rows.append(
                (f"indexing / raw bulk, one batch a request ({size:,})", f"{written['ratio']:.2f}", "")
            )
            if "ratio_500" in written:
                rows.append(
                    (f"indexing / raw bulk, 500 a request ({size:,})", f"{written['ratio_500']:.2f}", "")
                )
    small, large = data.get(f"e2e-{min(sizes)}"), data.get(f"e2e-{max(sizes)}")
    if len(sizes) > 1 and small and large:
        for what, key in (("process tree", "peak_rss_mb"), ("ingest process alone", "peak_main_rss_mb")):
            label = f"peak RSS {max(sizes):,} / {min(sizes):,}, {what}"
            rows.append((label, f"{large[key] / small[key]:.2f}", "≤ 1.2"))
    return rows


def bulk_rows(data: dict[str, Any], sizes: list[int]) -> Rows:
    rows: Rows = []
    for size in sizes:
        if (r := data.get(f"bulk-{size}")) is not None:
            per_500 = f"{r.get('writer_500_docs_per_s', 0):,.0f}"
            rows.append(
                (f"{size:,}", f"{r['raw_bulk_docs_per_s']:,.0f}", f"{r['writer_docs_per_s']:,.0f}", per_500)
            )
    return rows


def reindex_rows(data: dict[str, Any], sizes: list[int]) -> Rows:
    r = data.get(f"reindex-{max(sizes)}")
    if r is None:
        return []
    indexes = " → ".join(
        f"{seen['index']} ({'/'.join(f'{d:,}' for d in seen['documents'])})"
        for seen in r.get("indexes_seen", [])
    )
    return [
        (
            f"{r['articles']:,}",
            f"{r['reindex_seconds']:,.0f}",
            f"{r['articles'] / r['reindex_seconds']:.1f}",
            f"{r['queries']:,}",
            str(r["failed_queries"]),
            f"{r['p50_ms']} / {r['p95_ms']} / {r['p99_ms']}",
            str(r["switch_ms"]),
            indexes,
        )
    ]


def memory_rows(data: dict[str, Any], size: int, every: int = 10_000) -> Rows:
    """The process tree's and the ingest process's memory as the largest run went on."""
    rows: Rows = []
    next_mark = every
    for seconds, tree, main, stored in data.get(f"e2e-{size}", {}).get("timeline", []):
        if stored is not None and stored >= next_mark:
            rows.append((f"{stored:,}", f"{seconds:,}", f"{tree:,}", f"{main:,}"))
            next_mark = (stored // every + 1) * every
    return rows


TABLES = {
    "stages": (
        stage_rows,
        ("stage", "articles", "articles/s", "CPU ms / article", "peak RSS MB (tree / ingest)", "load"),
    ),
    "goals": (goal_rows, ("measure", "value", "goal")),
    "bulk": (
        bulk_rows,
        ("documents", "raw helpers.bulk docs/s", "writer, one batch a request", "writer, 500 a request"),
    ),
    "reindex": (
        reindex_rows,
        (
            "articles",
            "seconds",
            "articles/s",
            "queries",
            "failed",
            "p50 / p95 / p99 ms",
            "switch ms",
            "index behind the alias (documents)",
        ),
    ),
}


def markdown(headers: tuple[str, ...], rows: Rows) -> str:
    lines = ["| " + " | ".join(headers) + " |", "| --- |" + " ---: |" * (len(headers) - 1)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def render(data: dict[str, Any], sizes: list[int], console: Console) -> str:
    """Print every table; return them all as Markdown (for docs/scale.md)."""
    parts = []
    machine = data["machine"]
    title = (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB, Python {machine['python']}"
    )
    for name, (rows_of, headers) in TABLES.items():
        rows = rows_of(data, sizes)
        if not rows:
            continue
        table = Table(*headers, title=f"{name} ({title})" if name == "stages" else name)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        parts.append(f"### {name}\n\n{markdown(headers, rows)}")
    if memory := memory_rows(data, max(sizes)):
        headers = ("articles stored", "seconds", "tree RSS MB", "ingest process RSS MB")
        parts.append(f"### memory during the {max(sizes):,} run\n\n{markdown(headers, memory)}")
    return "\n\n".join(parts) + "\n"
