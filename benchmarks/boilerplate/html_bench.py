"""Score HTML extractors on the article-extraction benchmark with its own scorer (`score.py`)."""

from __future__ import annotations

import gzip
import importlib.util
import time
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from benchmarks.boilerplate.data import article_extraction_dir
from benchmarks.boilerplate.html_extractors import Extractor

BOOTSTRAP_ROUNDS = 200
_WARM_UP_PAGES = 3


@cache
def scorer() -> ModuleType:
    """The benchmark's `score.py`, imported from where it lies (it is not a package)."""
    path = article_extraction_dir() / "score.py"
    spec = importlib.util.spec_from_file_location("article_extraction_score", path)
    if spec is None or spec.loader is None:
        msg = f"cannot import the benchmark scorer at {path}"
        raise ImportError(msg)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def pages() -> tuple[dict[str, str], dict[str, str]]:
    """(id -> HTML, id -> ground-truth body) for every page of the benchmark."""
    root = article_extraction_dir()
    truth: dict[str, str] = scorer().load_ground_truth(root / "ground-truth.json")
    html = {}
    for page_id in truth:
        with gzip.open(root / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as f:
            html[page_id] = f.read()
    return html, truth


@dataclass(frozen=True)
class HtmlResult:
    name: str
    metrics: dict[str, Any]
    pages_per_second: float


def run_extractor(name: str, extractor: Extractor) -> HtmlResult:
    html, truth = pages()
    for page in list(html.values())[:_WARM_UP_PAGES]:  # lazy imports and caches are not the steady state
        extractor(page)
    # CPU time of this process: pages per core-second, whatever else the machine is running.
    started = time.process_time()
    predictions = {page_id: extractor(page) for page_id, page in html.items()}
    elapsed = time.process_time() - started
    score = scorer()
    metrics, per_doc = score.score(truth, predictions)
    metrics.update(score.bootstrap_std(list(per_doc.values()), BOOTSTRAP_ROUNDS))
    return HtmlResult(name, metrics, len(html) / elapsed)
