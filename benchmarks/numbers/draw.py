"""Draw the documents of a new blind batch, reproducibly, from those the gold set does not hold yet.

    .venv/bin/python -m benchmarks.numbers.draw --seed 20261121 --per-corpus 7   # blind2

Prints document ids: half BBC News articles, half Multi-News documents, each of 900–2,200
characters (a few minutes' reading, so every figure gets labelled with care). The ids are labelled
by hand before the processor ever runs on them; the seed is written in docs/numbers.md.
"""

from __future__ import annotations

import argparse
import random

from benchmarks.numbers.corpus import document_text
from benchmarks.numbers.run import load_gold
from benchmarks.shared_data import corpus_records

SHORTEST, LONGEST = 900, 2200


def candidates(batch: str) -> tuple[list[str], list[str]]:
    """BBC and Multi-News ids of the right length, in corpus order, in no other batch of the gold set."""
    taken = {m["doc"] for m in load_gold() if m["split"] != batch}
    bbc = [str(item["id"]) for item in corpus_records("bbc-news.jsonl")]
    multi_news = [
        f"mn-{item['cluster']}-{position}"
        for item in corpus_records("multi-news-sample.jsonl")
        for position in range(len(item["docs"]))
    ]

    def fits(doc: str) -> bool:
        return doc not in taken and SHORTEST <= len(document_text(doc)) <= LONGEST

    return [doc for doc in bbc if fits(doc)], [doc for doc in multi_news if fits(doc)]


def draw(seed: int, per_corpus: int, batch: str) -> list[str]:
    bbc, multi_news = candidates(batch)
    rng = random.Random(seed)
    return rng.sample(bbc, per_corpus) + rng.sample(multi_news, per_corpus)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--per-corpus", type=int, default=6)
    parser.add_argument("--batch", default="blind2", help="the split drawn (its own documents stay drawable)")
    args = parser.parse_args(argv)
    print("\n".join(draw(args.seed, args.per_corpus, args.batch)))


if __name__ == "__main__":
    main()
