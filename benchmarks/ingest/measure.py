"""Runs a command in a subprocess and measures it: wall time, CPU time and peak memory.

Memory is sampled from /proc twice a second over the whole process tree (the command and the
worker processes it starts): `peak_rss_mb` is the largest sum seen, `peak_main_rss_mb` the
command's own process. CPU is user + system of the command and every child it waited for.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Measured:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    peak_main_rss_mb: float
    returncode: int
    stdout: str
    timeline: list[tuple[float, float, float, int | None]]  # (seconds, tree MB, main MB, progress)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _rss_mb(pid: int) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 1e6
    except (OSError, IndexError, ValueError):
        return 0.0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and all its descendants, now."""
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        total += _rss_mb(current)
        stack += _children(current)
    return total


def run_measured(
    command: list[str],
    env: dict[str, str] | None = None,
    log: Path | None = None,
    progress: Callable[[], int | None] | None = None,
    every: float = 30.0,
) -> Measured:
    """Run `command` to its end; every `every` seconds note the memory and `progress()` (e.g. a count)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    out = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        command, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=out, text=True
    )
    peaks = {"tree": 0.0, "main": 0.0}
    timeline: list[tuple[float, float, float, int | None]] = []
    done = threading.Event()

    def sample() -> None:
        noted = started
        while not done.wait(0.5):
            tree, main = tree_rss_mb(process.pid), _rss_mb(process.pid)
            peaks["tree"], peaks["main"] = max(peaks["tree"], tree), max(peaks["main"], main)
            if time.monotonic() - noted >= every:
                noted = time.monotonic()
                count = progress() if progress else None
                timeline.append((round(noted - started), round(tree), round(main), count))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    done.set()
    sampler.join()
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if log:
        out.close()  # type: ignore[union-attr]
    return Measured(seconds, cpu, peaks["tree"], peaks["main"], process.returncode, stdout, timeline)
