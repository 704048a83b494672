"""Labelled units for the line classifier, from the labelled documents of every split.

The classifier judges units (`split_units`: lines, hard-wrapped paragraphs joined back); the labels
are per line, so each unit takes the labels of the lines it is made of, in order, and is body
when any of them is. Units no labelled line matches (never seen so far) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from benchmarks.boilerplate.flat_pages import flat_pages
from benchmarks.boilerplate.text_devset import BODY, LabelledDocument, load_devset
from newsdesk.plugins.builtin.boilerplate.language import guess_language
from newsdesk.plugins.builtin.boilerplate.learned.features import unit_features
from newsdesk.plugins.builtin.boilerplate.lines.text_lines import classify_lines

# Which split of the protocol (docs/boilerplate.md) each labelled split belongs to.
ROLE_OF_SPLIT = {
    "dev": "train",
    "dev3": "train",
    "ae-train": "train",
    "dev2": "dev",
    "ae-dev": "dev",
    "blind2": "test",
    "blind3": "test",
    "ae-test": "test",
}


@dataclass
class Rows:
    """Every aligned unit of some documents: features, label (1 = not body) and document."""

    dense: np.ndarray
    buckets: list[list[int]]
    labels: np.ndarray
    documents: list[str]
    splits: list[str]


def labelled_documents() -> list[LabelledDocument]:
    return [*load_devset(), *(page.document for page in flat_pages())]


def _unit_labels(units: list[str], document: LabelledDocument) -> list[int | None]:
    lines = [line for line in document.lines if line.text]
    j = 0
    out: list[int | None] = []
    for unit in units:
        taken = []
        while j < len(lines) and lines[j].text in unit:
            taken.append(lines[j].label)
            j += 1
        out.append(None if not taken else int(BODY not in taken))
    return out


def build_rows(documents: list[LabelledDocument]) -> Rows:
    dense, buckets, labels, names, splits = [], [], [], [], []
    for document in documents:
        language = guess_language(document.text)
        verdicts = classify_lines(document.text, language=language)
        features = unit_features(verdicts.units, verdicts.reasons, language)
        for i, label in enumerate(_unit_labels(verdicts.units, document)):
            if label is None:
                continue
            dense.append(features.dense[i])
            buckets.append(features.buckets[i])
            labels.append(label)
            names.append(document.doc)
            splits.append(document.split)
    return Rows(np.asarray(dense), buckets, np.asarray(labels), names, splits)


def subset(rows: Rows, keep: np.ndarray) -> Rows:
    at = np.flatnonzero(keep)
    return Rows(
        rows.dense[at],
        [rows.buckets[i] for i in at],
        rows.labels[at],
        [rows.documents[i] for i in at],
        [rows.splits[i] for i in at],
    )
