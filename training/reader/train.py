"""Fine-tune the span head and the upper encoder layers on the train split, resumable from `latest.pt`.

Training windows are shorter than evaluation windows and hold the whole answer (windows of a long
paragraph without it are dropped): on 2 shared CPU cores every token of compute counts. Every
`checkpoint_every` steps the full training state is written; at the end the model is saved as a
transformers folder, `final/`.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import random
import time
from pathlib import Path

import torch
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from transformers import get_linear_schedule_with_warmup

from training.reader.batching import collate, epoch_batches
from training.reader.checkpoints import load_state, save_state
from training.reader.features import Window, build_windows, configure
from training.reader.model_io import load_qa_model, load_tokenizer
from training.reader.settings import Hyperparameters
from training.reader.squad_data import load_examples

log = logging.getLogger(__name__)
LOG_EVERY = 10
FINAL = "final"
HYPERPARAMETERS_FILE = "hyperparameters.json"


def prepare_windows(model_dir: Path, hyper: Hyperparameters) -> list[Window]:
    """The train split's windows that hold their whole answer."""
    tokenizer = configure(load_tokenizer(model_dir), hyper.train_max_length, hyper.train_doc_stride)
    return [w for w in build_windows(tokenizer, load_examples("train")) if w.start_position > 0]


def step_plan(windows: list[Window], hyper: Hyperparameters) -> list[list[int]]:
    """`max_steps` batches: epoch after epoch of seeded, length-grouped batches, cut at the step budget."""
    plan: list[list[int]] = []
    epoch = 0
    while len(plan) < hyper.max_steps:
        plan.extend(epoch_batches(windows, hyper.batch_size, hyper.seed, epoch))
        epoch += 1
    return plan[: hyper.max_steps]


def freeze_lower_layers(model: torch.nn.Module, layers: int) -> None:
    """Keep the embeddings and the lowest `layers` encoder layers as pre-trained."""
    frozen = ("bert.embeddings.", *(f"bert.encoder.layer.{i}." for i in range(layers)))
    for name, parameter in model.named_parameters():
        if name.startswith(frozen):
            parameter.requires_grad = False


def optimiser(model: torch.nn.Module, hyper: Hyperparameters) -> torch.optim.AdamW:
    no_decay = ("bias", "LayerNorm.weight")
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in trainable if not n.endswith(no_decay)], "weight_decay": hyper.weight_decay},
        {"params": [p for n, p in trainable if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(groups, lr=hyper.learning_rate)


def train(model_dir: Path, checkpoints: Path, hyper: Hyperparameters) -> Path:
    """Train (or resume) and return the trained model folder."""
    final = checkpoints / FINAL
    if final.exists():
        recorded = json.loads((final / HYPERPARAMETERS_FILE).read_text(encoding="utf-8"))
        if recorded != dataclasses.asdict(hyper):
            msg = f"{final} was trained with other hyperparameters; move {checkpoints} away to retrain"
            raise ValueError(msg)
        log.info("already trained: %s", final)
        return final
    torch.set_num_threads(hyper.threads)
    random.seed(hyper.seed)
    torch.manual_seed(hyper.seed)
    windows = prepare_windows(model_dir, hyper)
    plan = step_plan(windows, hyper)
    log.info("train windows=%d steps=%d hyperparameters=%s", len(windows), len(plan), hyper)

    model = load_qa_model(model_dir)
    freeze_lower_layers(model, hyper.frozen_layers)
    model.train()
    optimizer = optimiser(model, hyper)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(hyper.warmup_fraction * len(plan)), len(plan))
    objects = {"model": model, "optimizer": optimizer, "scheduler": scheduler}
    resumed = load_state(checkpoints, hyper, objects)
    if resumed:
        log.info("resumed at step %d of %d", resumed, len(plan))

    started, running = time.perf_counter(), 0.0
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns) as progress:
        task = progress.add_task("training", total=len(plan), completed=resumed)
        for step, batch_indices in enumerate(plan[resumed:], start=resumed + 1):
            batch = collate([windows[i] for i in batch_indices], with_answers=True)
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            running += loss.item()
            progress.update(task, completed=step, description=f"loss {loss.item():.3f}")
            if step % LOG_EVERY == 0:
                rate = LOG_EVERY * hyper.batch_size / (time.perf_counter() - started)
                log.info("step %d/%d loss %.4f windows/s %.2f", step, len(plan), running / LOG_EVERY, rate)
                started, running = time.perf_counter(), 0.0
            if step % hyper.checkpoint_every == 0:
                save_state(checkpoints, step, hyper, objects)
    model.save_pretrained(final)
    recorded = json.dumps(dataclasses.asdict(hyper), indent=2)
    (final / HYPERPARAMETERS_FILE).write_text(recorded, encoding="utf-8")
    log.info("trained model saved to %s", final)
    return final
