"""Windows → padded tensor batches. Batches are built from windows of similar length, so that
dynamic padding wastes little compute on 2 CPU cores, and their order is fixed by the seed so a
resumed run sees exactly the batches the killed run would have seen."""

from __future__ import annotations

import random

import torch

from training.reader.features import Window

Batch = dict[str, torch.Tensor]
LENGTH_POOL = 50  # batches per pool: windows are sorted by length inside a pool of 50 batches


def epoch_batches(windows: list[Window], batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """Shuffled window indices in batches of similar length; the same for the same seed and epoch."""
    rng = random.Random(seed * 1000 + epoch)
    order = list(range(len(windows)))
    rng.shuffle(order)
    pool = batch_size * LENGTH_POOL
    batches: list[list[int]] = []
    for begin in range(0, len(order), pool):
        chunk = sorted(order[begin : begin + pool], key=lambda i: len(windows[i].input_ids))
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def collate(windows: list[Window], with_answers: bool) -> Batch:
    """Pad to the longest window of the batch (pad id 0, as BERT's vocabulary has it)."""
    width = max(len(window.input_ids) for window in windows)
    input_ids = torch.zeros((len(windows), width), dtype=torch.long)
    token_type_ids = torch.zeros_like(input_ids)
    attention_mask = torch.zeros_like(input_ids)
    for row, window in enumerate(windows):
        length = len(window.input_ids)
        input_ids[row, :length] = torch.tensor(window.input_ids)
        token_type_ids[row, :length] = torch.tensor(window.token_type_ids)
        attention_mask[row, :length] = 1
    batch = {"input_ids": input_ids, "token_type_ids": token_type_ids, "attention_mask": attention_mask}
    if with_answers:
        batch["start_positions"] = torch.tensor([window.start_position for window in windows])
        batch["end_positions"] = torch.tensor([window.end_position for window in windows])
    return batch
