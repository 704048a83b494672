"""Measure entity tagging, resolution and speed; print the tables `docs/entities.md` shows.

    .venv/bin/python -m benchmarks.entities.run                 # everything (about ten minutes)
    .venv/bin/python -m benchmarks.entities.run --only conll    # one part: conll, resolution, speed
    .venv/bin/python -m benchmarks.entities.run --only resolution --errors  # train and dev
    .venv/bin/python -m benchmarks.entities.run --only resolution --resolution-split test  # once

Needs the shared data beside the repository (`../shared/benchmarks/conll2003`,
`../shared/corpora`; or NEWSDESK_CONLL / NEWSDESK_CORPORA). The registry rows and the registry
in the speed run need the Elasticsearch node (`newsdesk es start`); without it they are skipped.
"""

from __future__ import annotations

import argparse
from typing import Any

from benchmarks.entities.conll import run_conll
from benchmarks.entities.corpus import multi_news_documents
from benchmarks.entities.resolution import DEFAULT_SPLITS, SPLITS, run_resolution
from benchmarks.entities.speed import run_speed
from newsdesk.plugins import nlp as shared_parse
from newsdesk.search_api.settings import Settings

PARTS = ("conll", "resolution", "speed")


def conll_table(results: dict[str, dict[str, Any]], split: str) -> str:
    lines = [
        f"CoNLL-2003 English, {split}.txt (gold tokens; entity-level, scored by score.py)",
        "",
        "| system | P | R | F1 | PER F1 | ORG F1 | LOC F1 | MISC F1 | seconds |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, result in results.items():
        micro, types = result["micro"], result["per_type"]
        per_type = " | ".join(
            f"{100 * types.get(t, {}).get('f1', 0):.2f}" for t in ("PER", "ORG", "LOC", "MISC")
        )
        p, r, f = (100 * micro[k] for k in ("precision", "recall", "f1"))
        lines.append(f"| {name} | {p:.2f} | {r:.2f} | **{f:.2f}** | {per_type} | {result['seconds']:.1f} |")
    return "\n".join(lines)


def resolution_table(results: dict[tuple[str, str], Any]) -> str:
    lines = [
        "Resolution, gold_clusters.json (pairs and B-cubed within a story; train and dev looked at while the "
        "rules were written, test not; found = share of gold name mentions tagged)",
        "",
        "| system | split | pair P | pair R | pair F1 | B3 P | B3 R | B3 F1 | mentions found |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for (name, split), s in results.items():
        lines.append(
            f"| {name} | {split} | {s.pair_p:.3f} | {s.pair_r:.3f} | **{s.pair_f:.3f}** | {s.b3_p:.3f} "
            f"| {s.b3_r:.3f} | {s.b3_f:.3f} | {s.found:.3f} |"
        )
    return "\n".join(lines)


def speed_table(result: dict[str, Any]) -> str:
    chain = " → ".join(result["processors"]) + (
        " (registry on the node)" if result["registry"] else " (no registry)"
    )
    rows = [
        ("bare spaCy nlp.pipe, raw text", result["spacy_wall"], result["spacy_cpu"]),
        (f"enrichment chain: {chain}", result["chain_wall"], result["chain_cpu"]),
    ]
    lines = [
        f"Speed, {result['spacy_wall'].articles} Multi-News documents (best of the rounds and batch sizes)",
        "",
        "| | articles/s (wall) | batch | articles/s (CPU time) | batch |",
        "|---|--:|--:|--:|--:|",
    ]
    for name, wall, cpu in rows:
        by_wall, by_cpu = (
            f"{wall.per_second:.2f} | {wall.batch_size}",
            f"{cpu.per_cpu_second:.2f} | {cpu.batch_size}",
        )
        lines.append(f"| {name} | {by_wall} | {by_cpu} |")
    wall_ratio = result["chain_wall"].per_second / result["spacy_wall"].per_second
    cpu_ratio = result["chain_cpu"].per_cpu_second / result["spacy_cpu"].per_cpu_second
    lines.append(f"| chain / spaCy | {wall_ratio:.2f} | | {cpu_ratio:.2f} | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=PARTS, action="append", help="run only this part (repeatable)")
    parser.add_argument("--split", default="test", choices=("test", "valid"), help="CoNLL file to score")
    parser.add_argument(
        "--resolution-split",
        choices=SPLITS,
        action="append",
        help="resolve and score this split of the gold clusters (repeatable; default train and dev: "
        "test only by name)",
    )
    parser.add_argument("--errors", action="store_true", help="list newsdesk-batch's pair errors by topic")
    parser.add_argument("--articles", type=int, default=100, help="documents in the speed run")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds in the speed run")
    args = parser.parse_args(argv)
    settings = Settings()
    aliases = str(settings.entity_aliases_path)
    parts = args.only or PARTS
    if "conll" in parts:
        nlp = shared_parse.load_model(settings.spacy_model)
        print(conll_table(run_conll(nlp, args.split, aliases), args.split), end="\n\n")
    if "resolution" in parts:
        scores, errors = run_resolution(
            aliases, settings.es_url, settings.spacy_model, args.resolution_split or DEFAULT_SPLITS
        )
        print(resolution_table(scores), end="\n\n")
        if args.errors:
            for topic, lines in errors.items():
                for line in lines:
                    print(f"{topic}  {line}")
    if "speed" in parts:
        texts = multi_news_documents()[: args.articles]
        print(speed_table(run_speed(texts, settings.spacy_model, settings.es_url, args.rounds)), end="\n\n")


if __name__ == "__main__":
    main()
