"""What `newsdesk ingest`, `reindex` and `indexes` show: progress with rate and ETA, then a summary."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from newsdesk.search_api.ingest.ingestor import IngestReport
from newsdesk.search_api.settings import Settings

SMALL_INPUT = 200  # fewer articles than this are parsed in the ingest process: workers take seconds to start
SHOWN_FAILURES = 20


def worker_count(requested: int | None, settings: Settings, total: int | None) -> int:
    """Processes to parse with: as asked, else the setting (0: one per core); one for a small input."""
    count = settings.ingest_processes if requested is None else requested
    if count == 0:
        count = os.cpu_count() or 1
    if total is not None and total < SMALL_INPUT:
        return 1
    return count


class IngestProgress:
    """A progress bar with the rate, the ETA and, while Elasticsearch is away, what is being waited for."""

    def __init__(self, console: Console, label: str) -> None:
        self.progress = Progress(
            TextColumn(f"[bold]{label}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("[yellow]{task.fields[status]}"),
            console=console,
        )
        self.task = self.progress.add_task(label, total=None, rate="", status="")
        self.started = time.monotonic()

    def set_total(self, total: int | None) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, count: int) -> None:
        self.progress.advance(self.task, count)
        done = self.progress.tasks[self.task].completed
        elapsed = time.monotonic() - self.started
        self.progress.update(self.task, rate=f"{done / elapsed:,.1f} articles/s" if elapsed else "")

    def waiting(self, message: str | None) -> None:
        self.progress.update(self.task, status=message or "")

    @contextmanager
    def shown(self) -> Iterator[IngestProgress]:
        with self.progress:
            yield self


def print_summary(
    console: Console, report: IngestReport, dead_letter_path: Path, verb: str = "ingested"
) -> None:
    counts = report.counts
    done = sum(counts[kind] for kind in ("created", "updated", "unchanged", "failed"))
    rate = done / report.seconds if report.seconds else 0.0
    console.print(
        f"{verb} {done:,} articles in {_duration(report.seconds)} ({rate:,.1f} articles/s): "
        f"[green]{counts['created']:,}[/green] new, [cyan]{counts['updated']:,}[/cyan] updated, "
        f"{counts['unchanged']:,} unchanged, [red]{counts['failed']:,}[/red] failed"
    )
    if counts["partial"]:
        console.print(f"[yellow]{counts['partial']:,} indexed without part of their enrichment[/yellow]")
    if counts["retried"]:
        console.print(f"{counts['retried']:,} writes retried after Elasticsearch was overloaded")
    if report.failed:
        table = Table("input", "reason", title=f"Failed articles (kept in {dead_letter_path})")
        for failure in report.failed[:SHOWN_FAILURES]:
            table.add_row(failure.origin, failure.reason)
        if counts["failed"] > SHOWN_FAILURES:
            table.add_row("...", f"{counts['failed'] - SHOWN_FAILURES:,} more in the dead-letter file")
        console.print(table)


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}h{minutes:02d}m{secs:02d}s"
    return f"{minutes}m{secs:02d}s" if minutes else f"{seconds:.1f}s"
