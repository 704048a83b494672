"""The labelled plain-text dev set: which line of which document is body, and which is not.

`text_labels.jsonl` holds one document a line. Multi-News documents are referenced, never copied
(their licence forbids redistribution): cluster and document index in
`shared/corpora/multi-news-sample.jsonl`, then for every non-empty line its number, a short hash
of its whitespace-normalised text (to notice if the corpus file changed) and its label. The seeds
are ours, so their labels carry the line text too. Labels: `body`, `boilerplate`, `title`, `date`
(the line the publication date is read from; `published_at` holds its value), `source`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache

from benchmarks.boilerplate.data import HERE, multi_news_path, seeds_dir

LABELS_PATH = HERE / "text_labels.jsonl"
BODY = "body"
TITLE = "title"


class DevSetError(Exception):
    """The dev set's references no longer match the corpus they point into."""


def line_hash(line: str) -> str:
    return hashlib.sha1(" ".join(line.split()).encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class LabelledLine:
    number: int
    text: str
    label: str


@dataclass(frozen=True)
class LabelledDocument:
    doc: str
    split: str  # "dev", "dev2", "dev3" (tuned on) or "blind2", "blind3" (held out)
    text: str
    lines: tuple[LabelledLine, ...]
    published_at: str | None

    @property
    def title(self) -> str | None:
        return next((line.text for line in self.lines if line.label == TITLE), None)


@cache
def multi_news_clusters() -> dict[int, list[str]]:
    with multi_news_path().open(encoding="utf-8") as f:
        return {row["cluster"]: row["docs"] for row in map(json.loads, f)}


def _text_of(record: dict) -> str:
    if "seed" in record:
        return (seeds_dir() / record["seed"]).read_text(encoding="utf-8")
    return multi_news_clusters()[record["cluster"]][record["index"]]


def load_devset() -> list[LabelledDocument]:
    """Every labelled document with its text, checked line by line against the stored hashes."""
    documents = []
    with LABELS_PATH.open(encoding="utf-8") as f:
        for record in map(json.loads, f):
            text = _text_of(record)
            raw_lines = text.split("\n")
            lines = []
            for number, digest, label, *_ in record["lines"]:
                line = raw_lines[number] if number < len(raw_lines) else ""
                if line_hash(line) != digest:
                    msg = f"{record['doc']} line {number} does not match its label's hash"
                    raise DevSetError(msg)
                lines.append(LabelledLine(number, " ".join(line.split()), label))
            documents.append(
                LabelledDocument(
                    record["doc"], record["split"], text, tuple(lines), record.get("published_at")
                )
            )
    return documents
