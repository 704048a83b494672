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
from typing import Any

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
class Forest:
    """Regression trees as (tree x node) arrays, walked all at once: go left when feature <= threshold."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The sum of the trees' leaf values for every row of `x`."""
        n_trees = self.feature.shape[0]
        trees = np.arange(n_trees)[None, :]
        node = np.zeros((len(x), n_trees), dtype=np.int64)
        rows = np.arange(len(x))[:, None]
        while not (done := self.leaf[trees, node]).all():
            go_left = x[rows, self.feature[trees, node]] <= self.threshold[trees, node]
            step = np.where(go_left, self.left[trees, node], self.right[trees, node])
            node = np.where(done, node, step)
        return self.value[trees, node].sum(axis=1)


@dataclass(frozen=True)
class LineModel:
    """Word cues scored by a logistic regression, then boosted trees over the dense features and it."""

    cue_weights: np.ndarray
    cue_intercept: float
    baseline: float
    forest: Forest
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
        raw = self.baseline + self.forest.predict(x)
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


def _forest(trees: list[dict[str, list[Any]]]) -> Forest:
    width = max(len(tree["leaf"]) for tree in trees)

    def stacked(key: str, dtype: type) -> np.ndarray:
        padded: np.ndarray = np.zeros((len(trees), width), dtype=dtype)
        for t, tree in enumerate(trees):
            padded[t, : len(tree[key])] = tree[key]
        return padded

    return Forest(
        stacked("feature", np.int64),
        stacked("threshold", np.float64),
        stacked("left", np.int64),
        stacked("right", np.int64),
        stacked("leaf", bool),
        stacked("value", np.float64),
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
        _forest(data["trees"]),
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
