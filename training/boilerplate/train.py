"""Fit the line classifier: gradient-boosted trees over the dense features and a word-cue score.

The word cues (hashed words of the unit) go through a logistic regression first; its score is one
more input of the trees, taken out of fold on the training documents so the trees do not learn to
trust a score that has seen their labels. Strictness thresholds are chosen on the dev splits only
(docs/boilerplate.md); the test splits are never read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

from newsdesk.plugins.builtin.boilerplate.learned.features import HASH_BUCKETS
from training.boilerplate.dataset import Rows

SEED = 20261202
CUE_C = 1.0
TREES = 100
LEARNING_RATE = 0.1
MAX_LEAF_NODES = 15
FOLDS = 5
# The labelled Multi-News lines weigh this much more than a flattened page's line: a page has
# hundreds of menu lines, an article a few boilerplate lines that matter more.
TEXT_WEIGHT = 10.0
# Body kept on the dev documents (averaged over documents) at each strictness: the threshold is the
# lowest that keeps this much.
RETENTION_FLOOR = {"low": 0.99, "medium": 0.98, "high": 0.97}
_AE_PREFIX = "ae-"


@dataclass
class Fitted:
    cue_weights: np.ndarray
    cue_intercept: float
    baseline: float
    trees: list[dict[str, list[Any]]]
    thresholds: dict[str, float]
    dev_scores: dict[str, tuple[float, float]]


def cue_matrix(rows: Rows) -> sparse.csr_matrix:
    indptr, indices, values = [0], [], []
    for buckets in rows.buckets:
        unique = sorted(set(buckets))
        indices.extend(unique)
        values.extend([1.0 / np.sqrt(max(len(unique), 1))] * len(unique))
        indptr.append(len(indices))
    return sparse.csr_matrix((values, indices, indptr), shape=(len(rows.buckets), HASH_BUCKETS))


def _sample_weights(rows: Rows) -> np.ndarray:
    return np.asarray([1.0 if s.startswith(_AE_PREFIX) else TEXT_WEIGHT for s in rows.splits])


def split_scores(p: np.ndarray, rows: Rows, threshold: float) -> dict[str, tuple[float, float]]:
    """(body kept, boilerplate removed) per split, pooled over units."""
    out = {}
    for split in sorted(set(rows.splits)):
        at = np.asarray([s == split for s in rows.splits])
        body, junk = at & (rows.labels == 0), at & (rows.labels == 1)
        out[split] = (float(np.mean(p[body] < threshold)), float(np.mean(p[junk] >= threshold)))
    return out


def document_retention(p: np.ndarray, rows: Rows, threshold: float) -> float:
    """Body units kept, averaged over documents: one odd page (a gallery whose credits its ground
    truth counts as body) must not decide the threshold for all."""
    kept: dict[str, list[bool]] = {}
    for i in np.flatnonzero(rows.labels == 0):
        kept.setdefault(rows.documents[i], []).append(bool(p[i] < threshold))
    return float(np.mean([np.mean(v) for v in kept.values()])) if kept else 1.0


def _threshold(p: np.ndarray, rows: Rows, floor: float) -> float:
    for threshold in np.arange(0.05, 0.99, 0.01):
        if document_retention(p, rows, threshold) >= floor:
            return round(float(threshold), 2)
    return 0.99


def _cue_model(x: sparse.csr_matrix, y: np.ndarray, w: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=CUE_C, max_iter=3000, random_state=SEED).fit(x, y, sample_weight=w)


def _out_of_fold_cues(train: Rows, x: sparse.csr_matrix, w: np.ndarray) -> np.ndarray:
    documents = sorted(set(train.documents))
    fold = np.asarray([documents.index(d) % FOLDS for d in train.documents])
    scores = np.zeros(len(train.labels))
    for k in range(FOLDS):
        model = _cue_model(x[fold != k], train.labels[fold != k], w[fold != k])
        scores[fold == k] = model.decision_function(x[fold == k])
    return scores


def export_trees(model: HistGradientBoostingClassifier) -> list[dict[str, list[Any]]]:
    """Each tree as parallel lists: feature, threshold (go left when <=), left, right, leaf, value."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append(
            {
                "feature": nodes["feature_idx"].astype(int).tolist(),
                "threshold": np.round(nodes["num_threshold"].astype(float), 8).tolist(),
                "left": nodes["left"].astype(int).tolist(),
                "right": nodes["right"].astype(int).tolist(),
                "leaf": nodes["is_leaf"].astype(bool).tolist(),
                "value": np.round(nodes["value"].astype(float), 8).tolist(),
            }
        )
    return trees


def fit(train: Rows, dev: Rows) -> Fitted:
    w = _sample_weights(train)
    x_train, x_dev = cue_matrix(train), cue_matrix(dev)
    out_of_fold = _out_of_fold_cues(train, x_train, w)
    cues = _cue_model(x_train, train.labels, w)
    trees = HistGradientBoostingClassifier(
        max_iter=TREES, learning_rate=LEARNING_RATE, max_leaf_nodes=MAX_LEAF_NODES, random_state=SEED
    )
    trees.fit(np.c_[train.dense, out_of_fold], train.labels, sample_weight=w)
    p = trees.predict_proba(np.c_[dev.dense, cues.decision_function(x_dev)])[:, 1]
    thresholds = {level: _threshold(p, dev, floor) for level, floor in RETENTION_FLOOR.items()}
    return Fitted(
        cue_weights=cues.coef_[0],
        cue_intercept=float(cues.intercept_[0]),
        baseline=float(np.ravel(trees._baseline_prediction)[0]),
        trees=export_trees(trees),
        thresholds=thresholds,
        dev_scores=split_scores(p, dev, thresholds["medium"]),
    )
