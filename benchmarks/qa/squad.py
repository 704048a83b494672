"""SQuAD v1.1 dev, open-book over our own index: EM and F1 of the whole system.

    .venv/bin/python -m benchmarks.qa.squad                  # every paragraph and question
    .venv/bin/python -m benchmarks.qa.squad --articles 10    # the first 10 Wikipedia articles only

Every paragraph of the chosen articles is ingested as an article of its own, through the same
indexing pipeline as news (boilerplate, entities, numbers), into an index of the benchmark's
own (`newsdesk-bench-squad-<n>`, kept for the next run; `--reingest` rebuilds it). Each question
then goes through the QA engine with the question alone, as `/qa` gets it: retrieval over all
indexed paragraphs, not the gold paragraph. The prediction is the best answer as its first
source writes it (a span, as SQuAD wants); an abstention is an empty prediction. EM and F1 come
from the official scorer in ../shared/benchmarks/squad-v1.1/score.py, over every question of
the chosen articles, and are printed next to the published figures from that folder's README.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from benchmarks.qa.metrics import exact_match, f1, table
from benchmarks.shared_data import shared_dir

SQUAD = Path(os.environ.get("NEWSDESK_SQUAD_DIR") or shared_dir() / "benchmarks" / "squad-v1.1")
PUBLISHED = [
    ("logistic regression, gold paragraph given (Rajpurkar et al. 2016)", 40.1, 51.0),
    ("DrQA reader, gold paragraph given (Chen et al. 2017)", 69.4, 78.9),
    ("BERT-base, gold paragraph given (Devlin et al. 2019)", 80.8, 88.5),
    ("DrQA, open-domain over all Wikipedia (Chen et al. 2017)", 29.5, None),
    ("BERTserini, BM25 top-10 paragraphs + BERT-base (castorini)", 40.2, 47.8),
]


def load(articles: int | None) -> dict[str, Any]:
    data = json.loads((SQUAD / "dev-v1.1.json").read_text(encoding="utf-8"))
    if articles is not None:
        data["data"] = data["data"][:articles]
    return data


def paragraphs(data: dict[str, Any]) -> list[dict[str, str]]:
    found = []
    for article in data["data"]:
        for i, paragraph in enumerate(article["paragraphs"]):
            found.append(
                {
                    "id": re.sub(r"[^A-Za-z0-9._:-]+", "_", f"{article['title'][:80]}-{i}"),
                    "title": article["title"].replace("_", " "),
                    "content": paragraph["context"],
                }
            )
    return found


def ingest(services: Any, items: list[dict[str, str]]) -> tuple[int, float]:
    from newsdesk.search_api.ingest.articles import ArticleIn
    from newsdesk.search_api.ingest.readers import InputItem

    started = time.perf_counter()
    inputs = [
        InputItem(origin=f"squad:{item['id']}", article=ArticleIn.model_validate({**item, "format": "text"}))
        for item in items
    ]
    report = services.ingestor().ingest(inputs)
    return len(report.created) + len(report.updated), time.perf_counter() - started


def official_scores(data: dict[str, Any], predictions: dict[str, str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        gold, predicted = Path(tmp) / "gold.json", Path(tmp) / "predictions.json"
        gold.write_text(json.dumps(data), encoding="utf-8")
        predicted.write_text(json.dumps(predictions), encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(SQUAD / "score.py"), str(predicted), "--gold", str(gold)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="only the first N Wikipedia articles")
    parser.add_argument(
        "--questions", type=int, default=None, help="only the first N questions (a quick look)"
    )
    parser.add_argument("--reingest", action="store_true", help="rebuild the benchmark's index")
    args = parser.parse_args(argv)

    from newsdesk.plugins.builtin.qa.dense import FIELD
    from newsdesk.search_api.index.admin import drop_index
    from newsdesk.search_api.qa.engine import QAEngine
    from newsdesk.search_api.services import Services
    from newsdesk.search_api.settings import Settings

    data = load(args.articles)
    settings = Settings(index_alias=f"newsdesk-bench-squad-{args.articles or 'all'}")
    services = Services.start(settings)
    dense = FIELD in services.host.mappings  # an embedding model is installed: its own index
    if dense:
        settings = Settings(index_alias=f"{settings.index_alias}-dense")
        services = Services.start(settings)
    items = paragraphs(data)
    if args.reingest:
        drop_index(services.client, settings)
    exists = services.client.indices.exists_alias(name=settings.index_alias)
    count = services.client.count(index=settings.index_alias)["count"] if exists else 0
    ingest_seconds = 0.0
    if count != len(items):
        drop_index(services.client, settings)
        count, ingest_seconds = ingest(services, items)
        print(f"ingested {count} paragraphs in {ingest_seconds:.0f} s ({count / ingest_seconds:.1f}/s)")
    engine = QAEngine.from_services(services)

    questions = [
        (qa, i) for article in data["data"] for i, p in enumerate(article["paragraphs"]) for qa in p["qas"]
    ][: args.questions]
    predictions: dict[str, str] = {}
    by_type: dict[str, list[float]] = defaultdict(list)
    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    for qa, _ in questions:
        response = engine.answer(qa["question"])
        prediction = "" if response.no_answer else response.answers[0].evidence[0].text
        predictions[qa["id"]] = prediction
        golds = [a["text"] for a in qa["answers"]]
        by_type[response.expected].append(exact_match(prediction, golds))
        by_type[f"{response.expected} F1"].append(f1(prediction, golds))
        kinds[response.expected] += 1
    seconds = time.perf_counter() - started
    if args.questions:
        wanted = set(predictions)
        for article in data["data"]:
            for p in article["paragraphs"]:
                p["qas"] = [qa for qa in p["qas"] if qa["id"] in wanted]
    scores = official_scores(data, predictions)
    retrieval = "BM25 + MiniLM kNN, RRF" if engine.embedder is not None else "BM25"
    answered = sum(1 for p in predictions.values() if p)

    print(
        f"SQuAD v1.1 dev: {len(data['data'])} articles, {len(items)} paragraphs indexed, "
        f"{scores['questions']} questions; {answered} answered ({answered / len(questions):.1%}); "
        f"{seconds / len(questions) * 1000:.0f} ms per question"
    )
    rows: list[list[object]] = [
        [
            f"newsdesk ({retrieval} + annotations), question only",
            f"{scores['exact_match']:.1f}",
            f"{scores['f1']:.1f}",
        ]
    ]
    rows += [[name, f"{em:.1f}", "–" if f is None else f"{f:.1f}"] for name, em, f in PUBLISHED]
    print(table(["system", "EM", "F1"], rows))
    type_rows = [
        [kind, n, f"{100 * sum(by_type[kind]) / n:.1f}", f"{100 * sum(by_type[f'{kind} F1']) / n:.1f}"]
        for kind, n in kinds.most_common()
    ]
    print(table(["expected answer type", "questions", "EM", "F1"], type_rows))


if __name__ == "__main__":
    main()
