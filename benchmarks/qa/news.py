"""A news QA set over the shared corpora: how `POST /qa` answers, per configuration.

    .venv/bin/python -m benchmarks.qa.news --set news_dev          # the dev set, today's settings
    .venv/bin/python -m benchmarks.qa.news --set news_dev -v       # and every question, gold, answer
    .venv/bin/python -m benchmarks.qa.news --set news_dev \\
        --configs baseline: five:NEWSDESK_PLUGINS__QA__ARTICLES=5

`data/<set>.jsonl` holds the questions (shaped as `seeds_qa.jsonl`; `supporting` holds article ids
of `corpus_ids`). The articles they name, plus `--distractors` others drawn with a fixed seed from
the same corpora (never a referenced one or a copy of its text), are ingested once through
`POST /ingest` into an index of the run's own, deleted afterwards. Then, per configuration, a
fresh app is built with that configuration's environment variables set (`name:VAR=value`, several
joined by commas: `name:A=1,B=2`) and asked every question through `POST /qa`. The run is skipped,
with a message, when the shared corpora are not there.

Columns, one row per configuration:
- right on top: over answerable questions, the best answer is right: after SQuAD normalisation it
  equals a gold answer, or it holds a gold answer as a run of whole tokens and is at most 3 tokens
  longer ("$5.4bn offer" for "$5.4bn"); the answer counts as said or as written in its first
  cited sentence, whichever is right;
- EM / F1: SQuAD's, over answerable questions, of the same two forms (as `seeds.py`);
- false "no answer": the share of answerable questions answered "no answer";
- abstention on unanswerables: the share of unanswerable questions answered "no answer";
- citations correct: of all evidence cited for the best answers to answerable questions, the
  share from a supporting article whose sentence holds the cited text (as `seeds.py`);
- median latency ms: of `POST /qa`, as the test client sees it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.qa import corpus_ids, seeds
from benchmarks.qa.metrics import normalize, table
from benchmarks.qa.seeds import Result
from benchmarks.shared_data import corpora_dir

DATA = Path(__file__).resolve().parent / "data"
SLACK_TOKENS = 3  # how much longer than a gold answer a right answer may be
INGEST_BATCH = 50
_NEXT_VARIABLE = re.compile(r",(?=[A-Za-z_][A-Za-z0-9_]*=)")


@dataclass(frozen=True)
class Config:
    name: str
    env: Mapping[str, str]

    @classmethod
    def parse(cls, spec: str) -> Config:
        """`name:VAR=value,VAR2=value` (or just `name`) -> a configuration."""
        name, _, assignments = spec.partition(":")
        env = {}
        for assignment in _NEXT_VARIABLE.split(assignments) if assignments else []:
            variable, equals, value = assignment.partition("=")
            if not equals:
                msg = f"{assignment!r} in --configs {spec!r} is not VAR=value"
                raise argparse.ArgumentTypeError(msg)
            env[variable] = value
        return cls(name or "config", env)


@dataclass(frozen=True)
class Timed:
    result: Result
    latency_ms: float


def right_on_top(result: Result) -> bool:
    """The best answer is a gold answer, or holds one and is at most 3 tokens longer."""
    golds = [normalize(gold).split() for gold in result.item["answers"]]
    for form in result.forms:
        said = normalize(form).split()
        for gold in golds:
            if gold and len(said) - len(gold) <= SLACK_TOKENS and _holds(said, gold):
                return True
    return False


def _holds(tokens: Sequence[str], run: Sequence[str]) -> bool:
    return any(list(tokens[i : i + len(run)]) == list(run) for i in range(len(tokens) - len(run) + 1))


def load_items(name: str) -> list[dict[str, Any]]:
    path = DATA / f"{name}.jsonl"
    if not path.exists():
        sys.exit(f"no QA set {name!r}: {path} not found")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def choose_articles(items: Sequence[dict[str, Any]], distractors: int, seed: int) -> list[dict[str, Any]]:
    """The supporting articles of the questions, then `distractors` others drawn with `seed`."""
    referenced = list(dict.fromkeys(ref for item in items for ref in item["supporting"]))
    chosen = [corpus_ids.article(ref) for ref in referenced]
    excluded = set(referenced)
    # The corpora hold exact copies (BBC's 98 pairs): a copy would be a second, uncited source.
    texts = {article["content"] for article in chosen}
    others = [
        ref
        for ref in corpus_ids.all_ids()
        if ref not in excluded and corpus_ids.article(ref)["content"] not in texts
    ]
    drawn = random.Random(seed).sample(others, min(distractors, len(others)))
    return chosen + [corpus_ids.article(ref) for ref in drawn]


@contextmanager
def environment(overrides: Mapping[str, str]) -> Iterator[None]:
    """`os.environ` with `overrides` set, restored afterwards (as pytest's monkeypatch does)."""
    saved = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def ingested(articles: Sequence[dict[str, Any]]) -> Iterator[Callable[[], Any]]:
    """An index of the run's own holding `articles` (deleted afterwards); yields a settings factory."""
    from fastapi.testclient import TestClient

    from newsdesk.search_api.app import create_app
    from newsdesk.search_api.index.admin import drop_index
    from newsdesk.search_api.index.client import make_client
    from newsdesk.search_api.settings import Settings

    alias = f"newsdesk-bench-news-{uuid.uuid4().hex[:8]}"

    def settings() -> Settings:
        # one spaCy process: the CPU is shared
        return Settings(index_alias=alias, allow_anonymous_writes=True, ingest_processes=1)

    base = settings()
    try:
        with TestClient(create_app(base)) as api:
            for start in range(0, len(articles), INGEST_BATCH):
                batch = list(articles[start : start + INGEST_BATCH])
                ingested = api.post("/ingest", json={"articles": batch})
                if ingested.status_code != 200 or ingested.json()["failed"]:
                    sys.exit(f"ingest failed: {ingested.text}")
        yield settings
    finally:
        client = make_client(base)
        drop_index(client, base)
        client.close()


def run(
    items: Sequence[dict[str, Any]], articles: Sequence[dict[str, Any]], configs: Sequence[Config]
) -> dict[str, list[Timed]]:
    from fastapi.testclient import TestClient

    from newsdesk.search_api.app import create_app

    with ingested(articles) as settings:
        results: dict[str, list[Timed]] = {}
        for config in configs:
            with environment(config.env), TestClient(create_app(settings())) as api:
                results[config.name] = [ask(api, item) for item in items]
        return results


def ask(api: Any, item: dict[str, Any]) -> Timed:
    body = {"question": item["question"], "history": item.get("history", [])}
    started = time.perf_counter()
    response = api.post("/qa", json=body)
    latency_ms = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return Timed(Result(item, response.json()), latency_ms)


def summarise(timed: Sequence[Timed]) -> dict[str, Any]:
    results = [t.result for t in timed]
    shared = seeds.summarise(results)  # EM, F1 and citations are scored as on the seeds
    answerable = [r for r in results if not r.item["unanswerable"]]
    unanswerable = [r for r in results if r.item["unanswerable"]]
    n = len(answerable) or 1
    return {
        "questions": shared["questions"],
        "answerable": shared["answerable"],
        "right on top": sum(right_on_top(r) for r in answerable) / n,
        "EM": shared["EM"],
        "F1": shared["F1"],
        'false "no answer"': sum(r.abstained for r in answerable) / n,
        "abstention on unanswerables": sum(r.abstained for r in unanswerable) / (len(unanswerable) or 1),
        "citations correct": shared["citations correct"],
        "median latency ms": round(statistics.median(t.latency_ms for t in timed)) if timed else 0,
    }


def print_details(name: str, timed: Sequence[Timed]) -> None:
    print(f"## {name}")
    for t in timed:
        r = t.result
        ok = r.abstained if r.item["unanswerable"] else right_on_top(r)
        answer = r.prediction or "(no answer)"
        cited = (
            [e["article_id"] for e in r.response["answers"][0]["evidence"]] if r.response["answers"] else []
        )
        print(f"{'ok ' if ok else 'BAD'} {r.item['id']} {r.item['question']!r} -> {answer!r}")
        gold = "(unanswerable)" if r.item["unanswerable"] else r.item["answers"]
        print(f"    gold={gold} cited={cited} supporting={r.item['supporting']}")
    print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="news_dev", help="QA set: data/<set>.jsonl")
    parser.add_argument("--distractors", type=int, default=300, help="articles ingested besides the cited")
    parser.add_argument("--seed", type=int, default=13, help="seed of the distractor draw")
    parser.add_argument(
        "--configs",
        nargs="+",
        type=Config.parse,
        default=[Config("today", {})],
        help="configurations to compare, each name:VAR=value[,VAR=value]",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every question, gold, answer")
    args = parser.parse_args(argv)
    if not corpora_dir().is_dir():
        print(f"skipped: no shared corpora at {corpora_dir()} (set NEWSDESK_SHARED_DIR or NEWSDESK_CORPORA)")
        return
    items = load_items(args.set)
    articles = choose_articles(items, args.distractors, args.seed)
    results = run(items, articles, args.configs)
    if args.verbose:
        for name, timed in results.items():
            print_details(name, timed)
    rows = [[name, *summarise(timed).values()] for name, timed in results.items()]
    headers = ["config", *summarise([]).keys()]
    print(
        f"{args.set}: {len(items)} questions; {len(articles)} articles ingested, "
        f"{len(articles) - args.distractors} of them cited"
    )
    print(table(headers, rows))


if __name__ == "__main__":
    main()
