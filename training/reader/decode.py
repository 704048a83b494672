"""Start/end logits of a question's windows → the best answer span as text of the paragraph."""

from __future__ import annotations

import numpy as np

from training.reader.features import Window

MAX_ANSWER_TOKENS = 30
TOP_CANDIDATES = 20


def best_span(
    window: Window, start_logits: np.ndarray, end_logits: np.ndarray
) -> tuple[float, int, int] | None:
    """(score, first char, end char) of the best span inside the paragraph part of one window."""
    offsets = window.context_offsets
    length = len(offsets)
    starts = np.argsort(start_logits[:length])[::-1][:TOP_CANDIDATES]
    ends = np.argsort(end_logits[:length])[::-1][:TOP_CANDIDATES]
    best: tuple[float, int, int] | None = None
    for start in starts:
        first = offsets[start]
        if first is None:
            continue
        for end in ends:
            last = offsets[end]
            if last is None or end < start or end - start + 1 > MAX_ANSWER_TOKENS:
                continue
            score = float(start_logits[start] + end_logits[end])
            if best is None or score > best[0]:
                best = (score, first[0], last[1])
    return best


def answers_by_example(
    windows: list[Window], logits: list[tuple[np.ndarray, np.ndarray]], contexts: list[str]
) -> dict[int, str]:
    """The best span over all windows of each example, keyed by example index."""
    best: dict[int, tuple[float, int, int]] = {}
    for window, (start_logits, end_logits) in zip(windows, logits, strict=True):
        found = best_span(window, start_logits, end_logits)
        if found is not None and (
            window.example_index not in best or found[0] > best[window.example_index][0]
        ):
            best[window.example_index] = found
    return {index: contexts[index][first:last] for index, (_, first, last) in best.items()}
