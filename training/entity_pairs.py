"""Train the entity pair model (`plugins/builtin/entities/model/pairs.json`) and write its card.

    .venv/bin/python -m training.entity_pairs

Data: the hand-labelled clusters of `benchmarks/entities/gold_clusters.json` (texts read from
`../shared/corpora`, never copied). Per story of a split, its articles are tagged (the default
spaCy model) and resolved by the rules alone, as one batch; every candidate pair the rules left
apart (`pairs.candidate_pairs`) is an example, labelled 1 when the two names' mentions belong to
one gold entity. Weights are fitted on the `train` split (logistic regression, L2, classes
balanced); the threshold is the one of best F1 on the `dev` split's pairs with precision at
least `MIN_PRECISION`. The `test` split is never read here. Deterministic: the same data gives the
same file.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from haystack import Document

from benchmarks.entities.resolution import load_gold, tagged_documents
from newsdesk.plugins.builtin.entities.aliases import load_aliases
from newsdesk.plugins.builtin.entities.clustering import family, resolve_forms
from newsdesk.plugins.builtin.entities.names import name_key
from newsdesk.plugins.builtin.entities.pairs import FEATURES, MODEL_PATH, Name, candidate_pairs, features
from newsdesk.plugins.builtin.entities.resolver import collect_forms, pinned_entities
from newsdesk.plugins.nlp import DEFAULT_MODEL

REPO = Path(__file__).resolve().parents[1]
ALIASES = REPO / "index_config" / "entity_aliases.yaml"
MIN_PRECISION = 0.85
L2 = 1e-2
STEPS = 3000
LEARNING_RATE = 0.5


def _form_gold(docs: list[Document], body: dict[str, Any]) -> dict[str, str]:
    """The gold entity of each form of a story: the commonest among its mentions' entities."""
    gold = {(doc, text): entity["name"] for entity in body["entities"] for doc, text in entity["mentions"]}
    votes: dict[str, Counter[str]] = {}
    for doc in docs:
        for mention in doc.meta["entities"]:
            if (entity := gold.get((str(doc.id), mention["text"]))) is not None:
                votes.setdefault(name_key(mention["form"]), Counter())[entity] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in votes.items()}


def examples(split: str, model: str) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels of every candidate pair of the split's stories."""
    gold = load_gold()
    topics = {t: body for t, body in gold["topics"].items() if body["split"] == split}
    tagged = tagged_documents({"topics": topics}, str(ALIASES), model)
    by_id = {str(doc.id): doc for doc in tagged}
    known = pinned_entities(load_aliases(str(ALIASES)))
    rows: list[list[float]] = []
    labels: list[int] = []
    for body in topics.values():
        docs = [by_id[doc] for doc in body["documents"]]
        forms, acronyms = collect_forms(docs, "entities")
        resolved = resolve_forms(forms, acronyms, known)
        names = {
            key: Name(key, resolved[key].type, family(resolved[key].type), form.weight, form.is_acronym)
            for key, form in forms.items()
        }
        form_gold = _form_gold(docs, body)
        group_of = {key: resolved[key].id for key in forms}
        for a, b, holders in candidate_pairs(names, group_of):
            if a.key in form_gold and b.key in form_gold:
                rows.append(features(a, b, holders))
                labels.append(int(form_gold[a.key] == form_gold[b.key]))
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression by gradient descent, classes weighted to balance, L2 on all but the bias."""
    positives = max(y.sum(), 1.0)
    sample = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * max(len(y) - positives, 1.0)))
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (sample * (p - y)) / len(y) + L2 * np.r_[0.0, w[1:]]
        w -= LEARNING_RATE * grad
    return w


def scores(p: np.ndarray, y: np.ndarray, threshold: float) -> dict[str, float]:
    said = p >= threshold
    tp = float((said & (y == 1)).sum())
    precision = tp / said.sum() if said.sum() else 0.0
    recall = tp / y.sum() if y.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "pairs": float(len(y)),
        "same": float(y.sum()),
    }


def choose_threshold(p: np.ndarray, y: np.ndarray) -> float:
    candidates = [t / 100 for t in range(50, 100)]
    fitting = [t for t in candidates if scores(p, y, t)["precision"] >= MIN_PRECISION] or [0.99]
    return max(fitting, key=lambda t: (scores(p, y, t)["f1"], t))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model that tags the articles")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    x_train, y_train = examples("train", args.model)
    x_dev, y_dev = examples("dev", args.model)
    w = fit(x_train, y_train)
    threshold = choose_threshold(1 / (1 + np.exp(-(x_dev @ w))), y_dev)
    result = {
        "features": list(FEATURES),
        "weights": [round(float(v), 6) for v in w],
        "threshold": threshold,
        "trained_on": "gold_clusters.json train split; threshold on the dev split",
        "spacy_model": args.model,
        "scores": {
            split: scores(1 / (1 + np.exp(-(x @ w))), y, threshold)
            for split, (x, y) in (("train", (x_train, y_train)), ("dev", (x_dev, y_dev)))
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    p_dev = 1 / (1 + np.exp(-(x_dev @ w)))
    for t in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        print(f"dev at {t:.2f}:", scores(p_dev, y_dev, t))
    print(json.dumps({k: result[k] for k in ("threshold", "scores")}, indent=1))
    print(dict(zip(FEATURES, result["weights"], strict=True)))


if __name__ == "__main__":
    main()
