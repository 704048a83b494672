"""Learn the story signals' weights and the join threshold from the dev split (logistic regression).

    python -m benchmarks.stories.learn      # writes plugins/builtin/stories/clustering_model.json

Clusters the dev stream once with the weights in use, recording for every article every candidate
story the real candidate search found and every signal's value; a pair is positive when the
article's event is the event most of the story's articles belong to. A logistic regression on
those pairs (weights kept >= 0) gives the weights; the threshold is where the fitted probability
is one half, so the weighted mean of the signals reaches it exactly when a join is more likely
right than wrong. The test split is never read.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console

from benchmarks.stories.clustering import BATCH, ENRICHED
from benchmarks.stories.corpus import stream
from benchmarks.stories.enriched import load_or_build
from newsdesk.plugins.builtin.stories import MODEL_PATH
from newsdesk.plugins.stories import ArticleFeatures, StoryProfile
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.clustering import StoryAssigner
from newsdesk.search_api.stories.store import StoryStore

L2 = 1e-3
STEPS = 4000
RATE = 0.5
FIXED_SHARE = 0.1  # of the learnt weights, for a signal the dev data cannot teach


class RecordingAssigner(StoryAssigner):
    """The real assigner, noting every (article, candidate story, signal values) it scores."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.records: list[tuple[str, str, dict[str, float]]] = []

    def score(self, article: ArticleFeatures, story: StoryProfile) -> tuple[float, dict[str, float]]:
        total, values = super().score(article, story)
        self.records.append((article.id, story.id, values))
        return total, values


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Logistic regression by gradient descent, weights projected to >= 0, classes balanced."""
    weights = np.zeros(x.shape[1])
    bias = 0.0
    balance = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ weights + bias)))
        error = (p - y) * balance
        weights = np.maximum(weights - RATE * (x.T @ error / len(y) + L2 * weights), 0.0)
        bias -= RATE * error.mean()
    return weights, bias


def main() -> None:
    console = Console()
    everything, _ = stream("all")
    enriched = {s["id"]: s for s in load_or_build(ENRICHED, everything, 2, None)}
    articles, gold = stream("dev")
    sources = [enriched[a["id"]] for a in articles if a["id"] in enriched]
    services = Services.start(Settings(index_alias="bench-stories-learn"))
    store = StoryStore(services.client, services.settings.index_alias)
    store.drop()
    assigner = RecordingAssigner(store, services.host.story_signals)
    members: dict[str, list[str]] = defaultdict(list)
    try:
        for start in range(0, len(sources), BATCH):
            for article_id, decision in assigner.assign(sources[start : start + BATCH]).items():
                members[decision.story_id].append(article_id)
    finally:
        store.drop()
    event_of_story = {s: Counter(gold[a] for a in ids).most_common(1)[0][0] for s, ids in members.items()}
    names = [s.name for s in services.host.story_signals]
    x = np.array([[values[n] for n in names] for _, _, values in assigner.records])
    y = np.array([float(gold[a] == event_of_story.get(s)) for a, s, _ in assigner.records])
    # A signal that never varies here (time: no corpus gives a date) cannot be learnt: it keeps a
    # fixed share of the weight, and the threshold absorbs what it adds at the value it always had.
    varies = [bool(np.ptp(x[:, i]) > 0) for i in range(len(names))]
    learnt, bias = fit(x[:, varies], y)
    weights = dict(zip([n for n, v in zip(names, varies, strict=True) if v], learnt.tolist(), strict=True))
    fixed = {n: FIXED_SHARE * sum(weights.values()) for n, v in zip(names, varies, strict=True) if not v}
    bias -= sum(w * x[0, names.index(n)] for n, w in fixed.items())
    weights |= fixed
    total = sum(weights.values()) or 1.0
    model = {
        "weights": {n: round(weights[n] / total, 4) for n in names},
        "threshold": round(float(-bias / total), 4),
        "trained_on": f"dev: {len(y)} article-story pairs ({int(y.sum())} positive), {len(sources)} articles",
        "command": "python -m benchmarks.stories.learn",
    }
    Path(MODEL_PATH).write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    console.print(model)


if __name__ == "__main__":
    main()
