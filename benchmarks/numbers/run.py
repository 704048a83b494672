"""Score the number processor and its baselines on the gold set; print the tables docs/numbers.md shows.

    .venv/bin/python -m benchmarks.numbers.run            # the tables
    .venv/bin/python -m benchmarks.numbers.run --errors   # and every disagreement, split by split
    .venv/bin/python -m benchmarks.numbers.run --blind --baseline main   # the test split: once, at the end

Splits: `dev` (what the rules were first written against), `heldout`, `blind1` and `blind2` (each
blind when first scored, used for development since), `dev3` (sentences with the hard forms of
issue 17, development) and `blind3` (the test split: sentences labelled before the processor was
changed for them). The blind split is left out unless `--blind` is given, so tuning never sees it;
`--baseline REF` adds the processor of another git revision, run on the same texts.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import time
import warnings
from collections.abc import Iterable
from pathlib import Path

from haystack import Document
from text_to_num import alpha2digit

from benchmarks.numbers.corpus import document_text
from benchmarks.numbers.score import DATE_KINDS, Mention, Tally, by_document, score_document
from benchmarks.numbers.systems import DATE_SYSTEMS, MODEL, SYSTEMS, Article, System, timed
from newsdesk.plugins.builtin.numbers import NumberNormaliser
from newsdesk.plugins.builtin.numbers.reading.parse_values import NUMBER_WORDS

GOLD = Path(__file__).with_name("gold.jsonl")
BLIND = "blind3"
SPLITS = ("dev", "heldout", "blind1", "blind2", "dev3", BLIND, "all")
SENTENCE_SPLITS = ("dev3", BLIND)  # drawn by stratum: scored per stratum too
_WORD = re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def is_mention(line: Mention) -> bool:
    """A gold line is a mention, or (`"empty": true`) a text of the split that holds none."""
    return not line.get("empty")


def load_gold(path: Path = GOLD) -> list[Mention]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def articles_of(gold: list[Mention]) -> list[Article]:
    first = {m["doc"]: m for m in reversed(gold)}
    return [Article(doc, document_text(doc), first[doc]["published_at"]) for doc in by_document(gold)]


def _in_split(mention: Mention, split: str) -> bool:
    return split == "all" or mention["split"] == split


def evaluate(
    system: System, gold: list[Mention], articles: list[Article], keep: Iterable[str] | None = None
) -> tuple[dict[str, Tally], float]:
    """Tallies per split and per stratum; `keep` limits gold and predictions to some kinds (dates, say)."""
    found, ms = timed(system.read, articles)
    kinds = set(keep) if keep is not None else None
    tallies: dict[str, Tally] = {split: Tally() for split in SPLITS}
    gold_by_doc = by_document(gold)
    for article in articles:
        doc_gold = [
            m for m in gold_by_doc[article.id] if is_mention(m) and (kinds is None or m["kind"] in kinds)
        ]
        predicted = [m for m in found.get(article.id, []) if kinds is None or m.get("kind") in kinds]
        first = gold_by_doc[article.id][0]
        names = [first["split"], "all"]
        if first.get("stratum"):
            names.append(f"{first['split']}: {first['stratum']}")
        for name in names:
            tally = tallies.setdefault(name, Tally())
            score_document(tally, doc_gold, predicted, scores_qualifier="qualifier" in system.scores)
    return tallies, ms


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def table(rows: list[tuple[str, str, Tally, float, frozenset[str]]]) -> str:
    head = ("system", "split", "gold", "found", "P", "R", "F1", "exact span", "kind", "value", "unit",
            "qualifier", "counted", "change", "ms/article")  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, split, t, ms, scores in rows:
        cells = [name, split, str(t.gold), str(t.predicted), _pct(t.precision), _pct(t.recall), _pct(t.f1),
                 _pct(t.rate("exact_span")), _pct(t.rate("kind")), _pct(t.rate("value")),
                 _pct(t.rate("unit")),
                 _pct(t.rate("qualifier")) if "qualifier" in scores else "—",
                 _pct(t.rate("counted")) if "counted" in scores else "—",
                 _pct(t.rate("change")) if "change" in scores else "—", f"{ms:.1f}"]  # fmt: skip
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def word_number_table(gold: list[Mention], ours: dict[str, list[Mention]]) -> str:
    """Value accuracy on figures written in words: text2num alone (alpha2digit) against newsdesk."""
    subset = [
        m
        for m in gold
        if is_mention(m) and _WORD.search(m["text"]) and m["value"] is not None and m["kind"] != "ordinal"
    ]
    text2num_right = newsdesk_right = 0
    for m in subset:
        digits = _DIGITS.search(alpha2digit(m["text"], "en").replace(",", ""))
        text2num_right += digits is not None and abs(float(digits.group()) - m["value"]) < 1e-9
        newsdesk_right += any(
            p["start"] < m["end"] and m["start"] < p["end"] and p.get("value") is not None
            and abs(p["value"] - m["value"]) <= 1e-3 * abs(m["value"])
            for p in ours.get(m["doc"], [])
        )  # fmt: skip
    n = len(subset)
    return "\n".join([
        "| system | figures in words | value right |",
        "|---|---|---|",
        f"| newsdesk | {n} | {_pct(newsdesk_right / n if n else None)} |",
        f"| text2num (alpha2digit on the gold span) | {n} | {_pct(text2num_right / n if n else None)} |",
    ])  # fmt: skip


def speed_table(articles: list[Article]) -> str:
    """Where newsdesk's time goes: the lexical pass, the parse, and the run when the parse is cached."""
    from benchmarks.numbers.systems import read_newsdesk
    from newsdesk.plugins.builtin.numbers.mentions import find_mentions
    from newsdesk.plugins.builtin.numbers.reading.dates import reference_date

    characters = sum(len(a.text) for a in articles)
    started = time.perf_counter()
    for article in articles:
        find_mentions(article.text, reference_date(article.published_at))
    lexical = time.perf_counter() - started
    _, cold = timed(read_newsdesk, articles)
    normaliser = NumberNormaliser(model=MODEL)
    documents = [Document(content=a.text, meta={"published_at": a.published_at}) for a in articles]
    started = time.perf_counter()
    normaliser.run(documents=documents)  # the parse cached, as after the entity tagger
    warm = (time.perf_counter() - started) * 1000 / len(articles)
    rows = [
        ("lexical pass only (regular expressions, text2num)", lexical * 1000 / len(articles)),
        ("whole processor, spaCy parse included", cold),
        ("whole processor, parse shared with the entity tagger", warm),
    ]
    lines = ["| newsdesk | ms/article | articles/s |", "|---|---|---|"]
    lines += [f"| {name} | {ms:.1f} | {1000 / ms:.0f} |" for name, ms in rows]
    return (
        "\n".join(lines)
        + f"\n\n({len(articles)} articles, {characters / len(articles):,.0f} characters on average)"
    )


def _systems(baseline: str | None) -> list[System]:
    if baseline is None:
        return list(SYSTEMS)
    from benchmarks.numbers.baseline import read_revision

    before = System(
        f"newsdesk {baseline}",
        functools.partial(read_revision, baseline),
        frozenset({"qualifier", "counted"}),
    )
    return [SYSTEMS[0], before, *SYSTEMS[1:]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--errors", action="store_true", help="list newsdesk's disagreements, split by split")
    parser.add_argument("--blind", action="store_true", help="score the blind split too (once, at the end)")
    parser.add_argument(
        "--baseline", metavar="REF", help="also run the processor of this git revision (main)"
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")  # quantulum3 warns about its optional classifier on import

    gold = [m for m in load_gold() if args.blind or m["split"] != BLIND]
    articles = articles_of(gold)
    docs = {split: len({m["doc"] for m in gold if _in_split(m, split)}) for split in SPLITS}
    counts = ", ".join(f"{split} {docs[split]}" for split in SPLITS if split != "all")
    print(f"Gold set: {sum(map(is_mention, gold))} mentions in {docs['all']} texts ({counts}).\n")

    rows: list[tuple[str, str, Tally, float, frozenset[str]]] = []
    strata: list[tuple[str, str, Tally, float, frozenset[str]]] = []
    errors: dict[str, list[str]] = {}
    for system in _systems(args.baseline):
        tallies, ms = evaluate(system, gold, articles)
        rows += [(system.name, split, tallies[split], ms, system.scores) for split in SPLITS if docs[split]]
        strata += [
            (system.name, name, tally, ms, system.scores) for name, tally in tallies.items() if ": " in name
        ]
        if system is SYSTEMS[0]:
            errors = {split: tallies[split].errors for split in SPLITS if split != "all" and docs[split]}
    print("All mentions\n\n" + table(rows) + "\n")
    print("Sentence splits by stratum\n\n" + table(sorted(strata, key=lambda row: row[1])) + "\n")

    date_rows = []
    for system in DATE_SYSTEMS:
        tallies, ms = evaluate(system, gold, articles, keep=DATE_KINDS)
        date_rows += [
            (system.name, split, tallies[split], ms, system.scores) for split in SPLITS if docs[split]
        ]
    print("Dates and times only\n\n" + table(date_rows) + "\n")

    ours = SYSTEMS[0].read(articles)
    print("Figures written in words\n\n" + word_number_table(gold, ours) + "\n")
    print("Speed\n\n" + speed_table(articles))
    if args.errors:
        for split, lines in errors.items():
            print(f"\nnewsdesk on the {split} split:\n" + "\n".join(f"  {line}" for line in lines))


if __name__ == "__main__":
    main()
