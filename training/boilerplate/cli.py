"""`python -m training.boilerplate`: rebuild the labelled units, fit, write the model beside the plugin.

Reads `../shared` (or `NEWSDESK_SHARED_DIR`): the Multi-News corpus the labels point into and the
article-extraction pages. Deterministic (fixed seed and hyperparameters); needs the
`train-boilerplate` extra (scikit-learn, html-text).
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np

from newsdesk.plugins.builtin.boilerplate.learned.classifier import MODEL_PATH
from newsdesk.plugins.builtin.boilerplate.learned.features import DENSE_NAMES, HASH_BUCKETS
from training.boilerplate.dataset import ROLE_OF_SPLIT, build_rows, labelled_documents, subset
from training.boilerplate.train import fit

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    rows = build_rows(labelled_documents())
    role = np.asarray([ROLE_OF_SPLIT[s] for s in rows.splits])
    fitted = fit(subset(rows, role == "train"), subset(rows, role == "dev"))
    model = {
        "dense_names": list(DENSE_NAMES),
        "hash_buckets": HASH_BUCKETS,
        "cue_weights": np.round(fitted.cue_weights, 6).tolist(),
        "cue_intercept": round(fitted.cue_intercept, 6),
        "baseline": fitted.baseline,
        "trees": fitted.trees,
        "thresholds": fitted.thresholds,
    }
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    logger.info(
        "thresholds %s; dev (kept, removed) at medium %s; wrote %s",
        fitted.thresholds,
        fitted.dev_scores,
        args.out,
    )
    return 0
