"""Questions + paragraphs → fixed-size token windows, with the answer span located in token positions.

A paragraph longer than the window is cut into overlapping windows (`doc_stride` tokens of
overlap). For training, a window that does not contain the whole answer points its start and
end at [CLS] (position 0), as in the original BERT recipe, so the model learns that the window
has no answer rather than a truncated one.
"""

from __future__ import annotations

from dataclasses import dataclass

from tokenizers import Encoding, Tokenizer

from training.reader.squad_data import Example


@dataclass(frozen=True)
class Window:
    """One model input. `context_offsets[i]` is the character span of token i in the paragraph, or None."""

    example_index: int
    input_ids: list[int]
    token_type_ids: list[int]
    context_offsets: list[tuple[int, int] | None]
    start_position: int
    end_position: int


def configure(tokenizer: Tokenizer, max_length: int, doc_stride: int) -> Tokenizer:
    """Truncate the paragraph only, keeping `doc_stride` tokens of overlap between windows; no padding."""
    tokenizer.enable_truncation(max_length=max_length, stride=doc_stride, strategy="only_second")
    tokenizer.no_padding()
    return tokenizer


def _windows_of(encoding: Encoding) -> list[Encoding]:
    return [encoding, *encoding.overflowing]


def _context_offsets(encoding: Encoding) -> list[tuple[int, int] | None]:
    return [
        offsets if sequence_id == 1 else None
        for sequence_id, offsets in zip(encoding.sequence_ids, encoding.offsets, strict=True)
    ]


def _answer_positions(
    offsets: list[tuple[int, int] | None], start_char: int, end_char: int
) -> tuple[int, int]:
    """Token positions of the answer in this window, or (0, 0) when the window does not hold all of it."""
    inside = [i for i, span in enumerate(offsets) if span is not None]
    if not inside:
        return 0, 0
    first, last = inside[0], inside[-1]
    first_span, last_span = offsets[first], offsets[last]
    if first_span is None or last_span is None or first_span[0] > start_char or last_span[1] < end_char:
        return 0, 0
    start = next(i for i in inside if (span := offsets[i]) is not None and span[1] > start_char)
    end = next(i for i in reversed(inside) if (span := offsets[i]) is not None and span[0] < end_char)
    return start, end


def build_windows(tokenizer: Tokenizer, examples: list[Example]) -> list[Window]:
    """Every window of every example, answer positions included (ignored at evaluation)."""
    encodings = tokenizer.encode_batch([(example.question, example.context) for example in examples])
    windows = []
    for index, (example, encoding) in enumerate(zip(examples, encodings, strict=True)):
        start_char = example.answer_start
        end_char = start_char + len(example.answer_text)
        for window in _windows_of(encoding):
            offsets = _context_offsets(window)
            start, end = _answer_positions(offsets, start_char, end_char)
            windows.append(
                Window(
                    example_index=index,
                    input_ids=window.ids,
                    token_type_ids=window.type_ids,
                    context_offsets=offsets,
                    start_position=start,
                    end_position=end,
                )
            )
    return windows
