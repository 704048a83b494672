"""The learned reader: where in a short text the answer to a question is, and how sure it is.

A 6-layer MiniLM encoder fine-tuned on SQuAD v1.1 questions with a start/end span head, exported
to int8 ONNX (`model/`, with its card). It runs on CPU through onnxruntime, loaded once per
process, one batch for all the texts of a question.

Usage:
    reader = Reader.shipped()
    spans = reader.read("Who leads the SDF?", ["The SDF, led by Mazloum Abdi, took the city."])
    spans[0].text  # "Mazloum Abdi"
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "model"
MAX_ANSWER_TOKENS = 30
TOP_TOKENS = 20  # start and end positions looked at per window
BATCH = 16
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")


@dataclass(frozen=True)
class Span:
    """A candidate answer: `text[start:end]` of the `index`-th text given to `read`.

    `score` is the sum of the start and end logits; `null_score` that of the window's [CLS]
    position, which the model was trained to prefer where the window holds no answer.
    """

    index: int
    start: int
    end: int
    text: str
    score: float
    null_score: float

    @property
    def margin(self) -> float:
        """How much the model prefers this span to "no answer here"."""
        return self.score - self.null_score


class Reader:
    """Reads questions against texts with the ONNX model in `model_dir`; thread-safe, loaded lazily."""

    def __init__(self, model_dir: Path = MODEL_DIR, threads: int = 0) -> None:
        self.model_dir = model_dir
        self.threads = threads
        self._lock = threading.Lock()

    @classmethod
    def shipped(cls) -> Reader:
        return _SHIPPED

    @cached_property
    def config(self) -> dict[str, Any]:
        return dict(json.loads((self.model_dir / "reader.json").read_text(encoding="utf-8")))

    @cached_property
    def _tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(
            max_length=int(self.config["max_length"]),
            stride=int(self.config["doc_stride"]),
            strategy="only_second",
        )
        tokenizer.no_padding()
        return tokenizer

    @cached_property
    def _session(self) -> Any:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        return onnxruntime.InferenceSession(
            str(self.model_dir / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def warm_up(self) -> None:
        with self._lock:
            self._tokenizer, self._session  # noqa: B018 (loads both once)

    def read(
        self,
        question: str,
        texts: Sequence[str],
        per_text: int = 2,
        marked: Sequence[Sequence[tuple[int, int]]] = (),
    ) -> list[Span]:
        """The best `per_text` spans of each text, and every span `marked[i]` gives for text i (the
        figures and names its annotations found) scored by the same logits; best first."""
        if not texts:
            return []
        self.warm_up()
        encodings = self._tokenizer.encode_batch([(question, text) for text in texts])
        windows = [
            (index, window) for index, enc in enumerate(encodings) for window in (enc, *enc.overflowing)
        ]
        found: list[Span] = []
        for begin in range(0, len(windows), BATCH):
            chunk = windows[begin : begin + BATCH]
            start_logits, end_logits = self._logits([window for _, window in chunk])
            for row, (index, window) in enumerate(chunk):
                logits = (start_logits[row], end_logits[row])
                found.extend(_best_spans(window, *logits, index, texts[index], per_text))
                spans = marked[index] if index < len(marked) else ()
                found.extend(_marked_spans(window, *logits, index, texts[index], spans))
        best: dict[tuple[int, int, int], Span] = {}
        for span in found:  # overlapping windows find the same span twice
            key = (span.index, span.start, span.end)
            if key not in best or span.score > best[key].score:
                best[key] = span
        return sorted(best.values(), key=lambda s: s.margin, reverse=True)

    def _logits(self, windows: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        width = max(len(w.ids) for w in windows)
        batch = {name: np.zeros((len(windows), width), dtype=np.int64) for name in INPUT_NAMES}
        for row, window in enumerate(windows):
            n = len(window.ids)
            batch["input_ids"][row, :n] = window.ids
            batch["attention_mask"][row, :n] = 1
            batch["token_type_ids"][row, :n] = window.type_ids
        start, end = self._session.run(["start_logits", "end_logits"], batch)
        return np.asarray(start), np.asarray(end)


def _best_spans(
    window: Any, start_logits: np.ndarray, end_logits: np.ndarray, index: int, text: str, keep: int
) -> list[Span]:
    """The best `keep` spans inside the text part of one window, not overlapping each other."""
    in_text = [seq == 1 for seq in window.sequence_ids]
    length = len(window.ids)
    starts = [i for i in np.argsort(start_logits[:length])[::-1][:TOP_TOKENS] if in_text[i]]
    ends = [i for i in np.argsort(end_logits[:length])[::-1][:TOP_TOKENS] if in_text[i]]
    scored = sorted(
        (
            (float(start_logits[s] + end_logits[e]), int(s), int(e))
            for s in starts
            for e in ends
            if s <= e < s + MAX_ANSWER_TOKENS
        ),
        reverse=True,
    )
    null = float(start_logits[0] + end_logits[0])
    chosen: list[Span] = []
    for score, s, e in scored:
        first, last = window.offsets[s][0], window.offsets[e][1]
        if any(first < span.end and span.start < last for span in chosen):
            continue
        chosen.append(Span(index, first, last, text[first:last], score, null))
        if len(chosen) == keep:
            break
    return chosen


def _marked_spans(
    window: Any,
    start_logits: np.ndarray,
    end_logits: np.ndarray,
    index: int,
    text: str,
    spans: Sequence[tuple[int, int]],
) -> list[Span]:
    """Each given character span that this window holds whole, scored as the model scores spans."""
    pairs = zip(window.sequence_ids, window.offsets, strict=True)
    tokens = [(i, offsets) for i, (seq, offsets) in enumerate(pairs) if seq == 1]
    if not tokens:
        return []
    null = float(start_logits[0] + end_logits[0])
    scored = []
    for first, last in spans:
        if not (tokens[0][1][0] <= first and last <= tokens[-1][1][1]):
            continue
        start = next((i for i, (_, end) in tokens if end > first), None)
        end = next((i for i, (begin, _) in reversed(tokens) if begin < last), None)
        if start is None or end is None or end < start:
            continue
        score = float(start_logits[start] + end_logits[end])
        scored.append(Span(index, first, last, text[first:last], score, null))
    return scored


_SHIPPED = Reader()
