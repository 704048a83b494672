"""Fits the reader's calibration on the news dev split: how sure a candidate is, and when to abstain.

    .venv/bin/python -m benchmarks.qa.calibrate_reader            # print the fit and the grid
    .venv/bin/python -m benchmarks.qa.calibrate_reader --write    # and ship them in model/reader.json

Only `data/news_dev.jsonl` is used (never a blind set), ingested once with the distractors of
`benchmarks.qa.news`. Two steps:
1. every candidate the reader extractor proposes for every dev question is labelled right or
   wrong (as `news.right_on_top` judges an answer; every candidate of an unanswerable question is
   wrong), and a logistic regression of its features (`margin`, `coverage`, `fit`) is fitted to the
   labels: its weights rank the candidates and make their scores probabilities;
2. the engine answers when its best answer's score reaches `min_score`, after answers are merged
   across outlets; a grid of shifts of the bias is run through `POST /qa`, and the shift that gets
   the most dev questions right (answerable ones right on top, unanswerable ones refused) is kept.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from benchmarks.qa import news
from benchmarks.qa.metrics import table
from benchmarks.qa.seeds import Result
from benchmarks.shared_data import corpora_dir

DEV_SET = "news_dev"
FEATURES = ("margin", "coverage", "fit")
SHIFTS = (-1.0, 0.0, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0)
SETTING = "NEWSDESK_PLUGINS__QA__READER_CALIBRATION"  # JSON, over the shipped calibration
L2 = 1.0


def labelled_candidates(
    items: Sequence[dict[str, Any]], settings: Callable[[], Any]
) -> tuple[np.ndarray, np.ndarray]:
    """Features and right/wrong labels of every reader candidate of every question."""
    from newsdesk.plugins.builtin.qa import ReaderExtractor
    from newsdesk.search_api.qa.engine import QAEngine
    from newsdesk.search_api.qa.passages import rank_passages
    from newsdesk.search_api.services import Services

    services = Services.start(settings())
    neutral = {"bias": 0.0, **dict.fromkeys(FEATURES, 0.0)}  # only the features are wanted here
    engine, extractor = QAEngine.from_services(services), ReaderExtractor(calibration=neutral)
    rows, labels = [], []
    for item in items:
        question = engine.question(item["question"])
        passages = rank_passages(engine.retrieve(question), question, engine.config.passages)
        for scored in extractor.scored(question, passages):
            said = scored.candidate.display or scored.candidate.answer
            fake = {"no_answer": False, "answers": [{"answer": said, "evidence": [{"text": said}]}]}
            right = not item["unanswerable"] and news.right_on_top(Result(item, fake))
            rows.append([scored.features[name] for name in FEATURES])
            labels.append(float(right))
    services.client.close()
    return np.array(rows, dtype=float), np.array(labels)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[float, np.ndarray]:
    """Bias and weights of an L2-regularised logistic regression (Newton's method)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.diag([0.0, *([l2] * x.shape[1])])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def right(timed: news.Timed) -> bool:
    result = timed.result
    return result.abstained if result.item["unanswerable"] else news.right_on_top(result)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the calibration in reader.json")
    parser.add_argument("--distractors", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if not corpora_dir().exists():
        print("skipped: the shared corpora are not here")
        return
    from fastapi.testclient import TestClient

    from newsdesk.plugins.builtin.qa.reader import MODEL_DIR
    from newsdesk.search_api.app import create_app

    items = news.load_items(DEV_SET)
    with news.ingested(news.choose_articles(items, args.distractors, args.seed)) as settings:
        x, y = labelled_candidates(items, settings)
        bias, weights = fit_logistic(x, y)
        fitted = {"bias": bias, **{n: float(w) for n, w in zip(FEATURES, weights, strict=True)}}
        print(f"{len(y)} candidates, {int(y.sum())} right; fitted {fitted}")
        rows: list[list[object]] = []
        best = (-1, 0.0, 0.0)  # right answers, closeness to the fitted bias, shift
        for shift in SHIFTS:
            calibration = json.dumps({**fitted, "bias": bias + shift})
            with news.environment({SETTING: calibration}), TestClient(create_app(settings())) as api:
                timed = [news.ask(api, item) for item in items]
            summary, correct = news.summarise(timed), sum(right(t) for t in timed)
            rows.append([shift, correct / len(timed), summary["right on top"], summary['false "no answer"'],
                         summary["abstention on unanswerables"]])  # fmt: skip
            best = max(best, (correct, -abs(shift), shift))
    headers = [
        "bias shift",
        "right (all)",
        "right on top",
        'false "no answer"',
        "abstention on unanswerables",
    ]
    print(table(headers, rows))
    chosen = {name: round(value, 4) for name, value in {**fitted, "bias": bias + best[2]}.items()}
    print(f"chosen: {chosen}")
    if args.write:
        path = MODEL_DIR / "reader.json"
        config = json.loads(path.read_text(encoding="utf-8"))
        config["calibration"] = chosen
        path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        print(f"written to {path}")


if __name__ == "__main__":
    main()
