"""Gold-paragraph EM / F1 of a reader on one split, scored by the official SQuAD v1.1 scorer.

The scorer is imported from the benchmark folder itself (`score.py`), not re-implemented, so the
numbers are the official ones over exactly the questions of the split.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from training.reader.decode import answers_by_example
from training.reader.features import build_windows, configure
from training.reader.inference import RunBatch, window_logits
from training.reader.model_io import load_tokenizer
from training.reader.settings import SQUAD_DIR, Hyperparameters
from training.reader.squad_data import Split, load_examples

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Score:
    split: str
    exact_match: float
    f1: float
    questions: int
    seconds: float


def official_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("squad_v11_score", SQUAD_DIR / "score.py")
    if spec is None or spec.loader is None:
        msg = f"cannot load the official scorer from {SQUAD_DIR / 'score.py'}"
        raise FileNotFoundError(msg)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(run: RunBatch, tokenizer_dir: Path, split: Split, hyper: Hyperparameters) -> dict[str, str]:
    """{question id: answer span} for every question of the split."""
    tokenizer = configure(load_tokenizer(tokenizer_dir), hyper.max_length, hyper.doc_stride)
    examples = load_examples(split)
    windows = build_windows(tokenizer, examples)
    answers = answers_by_example(windows, window_logits(run, windows), [e.context for e in examples])
    return {example.id: answers.get(index, "") for index, example in enumerate(examples)}


def score(
    run: RunBatch,
    tokenizer_dir: Path,
    split: Split,
    hyper: Hyperparameters,
    predictions_file: Path | None = None,
) -> Score:
    started = time.perf_counter()
    predictions = predict(run, tokenizer_dir, split, hyper)
    seconds = time.perf_counter() - started
    gold = {example.id: list(example.answers) for example in load_examples(split)}
    summary, _ = official_scorer().evaluate(gold, predictions)
    if predictions_file is not None:
        predictions_file.write_text(json.dumps(predictions, indent=1, ensure_ascii=False), encoding="utf-8")
    result = Score(
        split, round(summary["exact_match"], 2), round(summary["f1"], 2), summary["questions"], seconds
    )
    log.info(
        "%s: EM %.2f F1 %.2f over %d questions (%.0f s)",
        split,
        result.exact_match,
        result.f1,
        result.questions,
        seconds,
    )
    return result
