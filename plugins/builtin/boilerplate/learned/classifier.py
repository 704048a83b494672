"""The trained line classifier, read from `line_model.json` and scored with numpy alone.

Trained by `python -m training.boilerplate` (card: `MODEL_CARD.md` beside it). It sees every
unit's shape, its neighbours, its words and what the hand rules said of it, and gives the
probability that the unit is not article body; each strictness level has its threshold, chosen
on the dev splits. Its verdict replaces the rules' except for the headline, which the rules pick
for the `title` field. A removal the rules had no name for is listed with the reason `learned`
and a detail naming the probability and the unit's words that weighed most.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsdesk.plugins.builtin.boilerplate.learned.features import (
    DENSE_NAMES,
    HASH_BUCKETS,
    UnitFeatures,
    unit_features,
)
from newsdesk.plugins.builtin.boilerplate.lines import rules

MODEL_PATH = Path(__file__).with_name("line_model.json")
LEARNED = "learned"
_EXPLAINED_CUES = 3


@dataclass(frozen=True)
class Tree:
    """One regression tree as parallel arrays: go left when feature <= threshold."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        node = np.zeros(len(x), dtype=np.int64)
        rows = np.arange(len(x))
        while not self.leaf[node].all():
            go_left = x[rows, self.feature[node]] <= self.threshold[node]
            step = np.where(go_left, self.left[node], self.right[node])
            node = np.where(self.leaf[node], node, step)
        return self.value[node]


@dataclass(frozen=True)
class LineModel:
    """Word cues scored by a logistic regression, then boosted trees over the dense features and it."""

    cue_weights: np.ndarray
    cue_intercept: float
    baseline: float
    trees: tuple[Tree, ...]
    thresholds: dict[str, float]

    def cue_scores(self, features: UnitFeatures) -> np.ndarray:
        return (
            np.asarray(
                [
                    self.cue_weights[sorted(set(b))].sum() / np.sqrt(len(set(b))) if b else 0.0
                    for b in features.buckets
                ]
            )
            + self.cue_intercept
        )

    def probabilities(self, features: UnitFeatures) -> np.ndarray:
        x = np.c_[features.dense, self.cue_scores(features)]
        raw = self.baseline + sum(tree.predict(x) for tree in self.trees)
        return 1.0 / (1.0 + np.exp(-raw))

    def telling_cues(self, features: UnitFeatures, i: int) -> list[str]:
        """The unit's words that weigh most towards boilerplate, strongest first."""
        weighted = sorted(
            (
                (float(self.cue_weights[b]), cue)
                for cue, b in zip(features.cues[i], features.buckets[i], strict=True)
            ),
            reverse=True,
        )
        return [cue.split(":", 1)[1] for weight, cue in weighted[:_EXPLAINED_CUES] if weight > 0]


def _tree(data: dict[str, list[float]]) -> Tree:
    return Tree(
        np.asarray(data["feature"], dtype=np.int64),
        np.asarray(data["threshold"], dtype=np.float64),
        np.asarray(data["left"], dtype=np.int64),
        np.asarray(data["right"], dtype=np.int64),
        np.asarray(data["leaf"], dtype=bool),
        np.asarray(data["value"], dtype=np.float64),
    )


@cache
def load_model(path: Path = MODEL_PATH) -> LineModel:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data["dense_names"] != list(DENSE_NAMES) or data["hash_buckets"] != HASH_BUCKETS:
        msg = f"{path} was trained on other features; retrain it with `python -m training.boilerplate`"
        raise ValueError(msg)
    return LineModel(
        np.asarray(data["cue_weights"]),
        float(data["cue_intercept"]),
        float(data["baseline"]),
        tuple(_tree(tree) for tree in data["trees"]),
        dict(data["thresholds"]),
    )


def relabel(
    units: list[str], reasons: list[str | None], language: str | None, strictness: str
) -> tuple[list[str | None], list[str | None]]:
    """The model's verdict on every unit: (reason or None for body, a detail for each learned removal)."""
    if not units:
        return reasons, []
    model = load_model()
    features = unit_features(units, reasons, language)
    p = model.probabilities(features)
    threshold = model.thresholds[strictness]
    out: list[str | None] = []
    details: list[str | None] = []
    for i, reason in enumerate(reasons):
        if reason == rules.TITLE:
            out.append(reason)
            details.append(None)
        elif p[i] >= threshold and reason is not None:
            out.append(reason)  # the rule's name for it says why; the model agreed
            details.append(None)
        elif p[i] >= threshold:
            out.append(LEARNED)
            cues = model.telling_cues(features, i)
            details.append(f"model p={p[i]:.2f}" + (f"; words: {', '.join(cues)}" if cues else ""))
        else:
            out.append(None)
            details.append(None)
    return out, details
