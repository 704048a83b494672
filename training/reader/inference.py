"""Running a reader over windows in padded batches: the fp32 transformers model or an ONNX file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch

from training.reader.batching import collate
from training.reader.features import Window

Logits = tuple[np.ndarray, np.ndarray]
RunBatch = Callable[[dict[str, np.ndarray]], tuple[np.ndarray, np.ndarray]]
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
EVAL_BATCH = 32


def torch_runner(model_dir: Path, threads: int) -> RunBatch:
    from training.reader.model_io import load_qa_model

    torch.set_num_threads(threads)
    model = load_qa_model(model_dir).eval()

    def run(batch: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        with torch.inference_mode():
            out = model(**{name: torch.from_numpy(value) for name, value in batch.items()})
        return out.start_logits.numpy(), out.end_logits.numpy()

    return run


def onnx_runner(model_file: Path, threads: int) -> RunBatch:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])

    def run(batch: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        start, end = session.run(["start_logits", "end_logits"], batch)
        return start, end

    return run


def window_logits(run: RunBatch, windows: list[Window]) -> list[Logits]:
    """Logits of every window, in the windows' order; batches group windows of similar length."""
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
    found: dict[int, Logits] = {}
    for begin in range(0, len(order), EVAL_BATCH):
        chunk = order[begin : begin + EVAL_BATCH]
        tensors = collate([windows[i] for i in chunk], with_answers=False)
        start, end = run({name: tensors[name].numpy() for name in INPUT_NAMES})
        for row, index in enumerate(chunk):
            length = len(windows[index].input_ids)
            found[index] = (start[row, :length], end[row, :length])
    return [found[i] for i in range(len(windows))]
