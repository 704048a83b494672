"""SQuAD v1.1 dev, cut into the train / dev / test articles listed in `squad_split.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from training.reader.settings import SPLIT_FILE, SQUAD_DIR

Split = Literal["train", "dev", "test"]


@dataclass(frozen=True)
class Example:
    """One question over its gold paragraph; `answer_start` and `answer_text` are the first gold answer."""

    id: str
    question: str
    context: str
    answers: tuple[str, ...]
    answer_start: int
    answer_text: str


def split_titles(split: Split) -> list[str]:
    titles: list[str] = json.loads(SPLIT_FILE.read_text(encoding="utf-8"))[split]
    return titles


def load_articles(split: Split) -> list[dict[str, Any]]:
    """The SQuAD articles of one split, in the file's own structure (what the official scorer reads)."""
    data = json.loads((SQUAD_DIR / "dev-v1.1.json").read_text(encoding="utf-8"))
    wanted = set(split_titles(split))
    articles = [article for article in data["data"] if article["title"] in wanted]
    if len(articles) != len(wanted):
        msg = f"{len(wanted) - len(articles)} titles of the {split} split are missing from {SQUAD_DIR}"
        raise ValueError(msg)
    return articles


def load_examples(split: Split) -> list[Example]:
    examples = []
    for article in load_articles(split):
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                first = qa["answers"][0]
                examples.append(
                    Example(
                        id=qa["id"],
                        question=qa["question"].strip(),
                        context=paragraph["context"],
                        answers=tuple(answer["text"] for answer in qa["answers"]),
                        answer_start=first["answer_start"],
                        answer_text=first["text"],
                    )
                )
    return examples
