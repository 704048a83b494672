"""Measure newsdesk's boilerplate stripping against the best extractors; print the tables.

    .venv/bin/python -m benchmarks.boilerplate.run [--only html|text] [--show-mistakes]

Prerequisite: `pip install -e .[bench]` (jusText, readability-lxml, html-text, boilerpy3); this
command installs nothing. Data: `shared/benchmarks/article-extraction/` and
`shared/corpora/multi-news-sample.jsonl` beside the repository (or `NEWSDESK_SHARED_DIR`).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.boilerplate import text_bench
from benchmarks.boilerplate.flat_pages import flat_pages
from benchmarks.boilerplate.html_bench import HtmlResult, run_extractor
from benchmarks.boilerplate.html_extractors import EXTRACTORS
from benchmarks.boilerplate.text_devset import LabelledDocument, load_devset, multi_news_clusters

BENCH_MODULES = {
    "justext": "jusText",
    "readability": "readability-lxml",
    "html_text": "html-text",
    "boilerpy3": "boilerpy3",
}
_WARM_UP_DOCUMENTS = 20
# The protocol of docs/boilerplate.md: the classifier trains on "dev", "dev3" and "ae-train",
# picks its thresholds on "dev2" and "ae-dev"; "blind2", "blind3" and "ae-test" are held out.
TUNED_SPLITS = ("dev", "dev2", "dev3", "ae-train", "ae-dev")
SPLITS = ("dev", "dev3", "ae-train", "dev2", "ae-dev", "blind2", "blind3", "ae-test")
TEXT_SYSTEMS: dict[str, text_bench.TextSystem] = {
    "newsdesk (medium, the default)": text_bench.newsdesk("medium"),
    "newsdesk (low)": text_bench.newsdesk("low"),
    "newsdesk (high)": text_bench.newsdesk("high"),
    "hand rules of round four (medium)": text_bench.newsdesk("medium", learned=False),
    "jusText (English, lines as <p>)": text_bench.justext_paragraphs,
    "keep everything": text_bench.keep_everything,
}


def _missing_modules() -> list[str]:
    return [package for module, package in BENCH_MODULES.items() if importlib.util.find_spec(module) is None]


def _machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line
        ]
        cpu = models[0] if models else cpu
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}; one process, one thread; "
        "speed in documents per CPU-second of that process"
    )


def html_table(out: Callable[[str], None]) -> None:
    out("| extractor | F1 | precision | recall | exact pages | empty | pages/s (1 core) |")
    out("|---|---|---|---|---|---|---|")
    for name, extractor in EXTRACTORS.items():
        r: HtmlResult = run_extractor(name, extractor)
        m = r.metrics
        out(
            f"| {name} | {m['f1']:.3f} ± {m['f1_std']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} "
            f"| {m['accuracy']:.3f} | {m['n_empty']} | {r.pages_per_second:.0f} |"
        )


def _speed(system: text_bench.TextSystem, texts: list[str]) -> float:
    for text in texts[:_WARM_UP_DOCUMENTS]:  # lazy imports and caches are not the steady state
        system(text)
    started = time.process_time()  # CPU time: documents per core-second, whatever else is running
    for text in texts:
        system(text)
    return len(texts) / (time.process_time() - started)


def text_table(out: Callable[[str], None], documents: list[LabelledDocument], corpus: list[str]) -> None:
    out(
        "| system | split | docs | body retention | boilerplate removal | title right | date right "
        "| docs/s (1 core) |"
    )
    out("|---|---|---|---|---|---|---|---|")
    for name, system in TEXT_SYSTEMS.items():
        speed = _speed(system, corpus)
        for split in SPLITS:
            s = text_bench.score(system, [d for d in documents if d.split == split])
            out(
                f"| {name} | {split} | {s.documents} | {s.body_retention:.3f} ({s.body_kept}/{s.body_lines}) "
                f"| {s.boilerplate_removal:.3f} ({s.other_removed}/{s.other_lines}) "
                f"| {s.titles_right}/{s.titled} | {s.dates_right}/{s.dated} | {speed:.0f} |"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["html", "text"])
    parser.add_argument(
        "--show-mistakes",
        action="store_true",
        help="list the lines of the training and dev splits newsdesk gets wrong; never the held-out ones",
    )
    args = parser.parse_args(argv)
    if missing := _missing_modules():
        print(
            f"missing benchmark libraries: {', '.join(missing)}; run: pip install -e '.[bench]'",
            file=sys.stderr,
        )
        return 2

    def out(line: str) -> None:
        print(line, flush=True)

    out(f"Machine: {_machine()}")
    if args.only in (None, "html"):
        out("\nHTML: article-extraction benchmark (181 pages), its score.py (4-gram token shingles)\n")
        html_table(out)
    if args.only in (None, "text"):
        documents = [*load_devset(), *(page.document for page in flat_pages())]
        corpus = [doc for docs in multi_news_clusters().values() for doc in docs]
        out(
            f"\nPlain text: labelled documents and flattened pages ({len(documents)}, line by line); "
            "speed over the "
            f"{len(corpus)} Multi-News documents\n"
        )
        text_table(out, documents, corpus)
        if args.show_mistakes:
            out("\nnewsdesk (medium) mistakes on the tuned splits:")
            dev = [d for d in documents if d.split in TUNED_SPLITS]
            for doc, label, line in text_bench.mistakes(TEXT_SYSTEMS["newsdesk (medium, the default)"], dev):
                out(f"  {doc:32s} {label:11s} {line[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
