"""Inference speed of the int8 ONNX reader: one batch of 8 passages × 256 tokens, median of 10 runs."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import numpy as np

from training.reader.inference import onnx_runner

PASSAGES = 8
TOKENS = 256
RUNS = 10


def median_batch_ms(model_file: Path, threads: int) -> float:
    run = onnx_runner(model_file, threads)
    rng = np.random.default_rng(0)
    batch = {
        "input_ids": rng.integers(1000, 29000, size=(PASSAGES, TOKENS), dtype=np.int64),
        "attention_mask": np.ones((PASSAGES, TOKENS), dtype=np.int64),
        "token_type_ids": np.concatenate(
            [np.zeros((PASSAGES, 24), dtype=np.int64), np.ones((PASSAGES, TOKENS - 24), dtype=np.int64)],
            axis=1,
        ),
    }
    run(batch)  # warm-up: session initialisation and memory arenas
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run(batch)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
