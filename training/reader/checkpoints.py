"""Training state on disk: one `latest.pt` rewritten atomically every N steps, so a killed run resumes."""

from __future__ import annotations

import dataclasses
import os
import random
from pathlib import Path
from typing import Any

import torch

from training.reader.settings import Hyperparameters

LATEST = "latest.pt"


def save_state(folder: Path, step: int, hyper: Hyperparameters, objects: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    state = {
        "step": step,
        "hyperparameters": dataclasses.asdict(hyper),
        "torch_rng": torch.get_rng_state(),
        "python_rng": random.getstate(),
        **{name: thing.state_dict() for name, thing in objects.items()},
    }
    partial = folder / f"{LATEST}.partial"
    torch.save(state, partial)
    os.replace(partial, folder / LATEST)  # a kill during the save leaves the previous checkpoint intact


def load_state(folder: Path, hyper: Hyperparameters, objects: dict[str, Any]) -> int:
    """Restore every object and return the step to resume from (0 when there is no checkpoint)."""
    path = folder / LATEST
    if not path.exists():
        return 0
    state = torch.load(path, weights_only=False)
    if state["hyperparameters"] != dataclasses.asdict(hyper):
        msg = f"{path} was written by a run with other hyperparameters; move it away to start afresh"
        raise ValueError(msg)
    for name, thing in objects.items():
        thing.load_state_dict(state[name])
    torch.set_rng_state(state["torch_rng"])
    random.setstate(state["python_rng"])
    step: int = state["step"]
    return step
