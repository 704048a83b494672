"""Questions to filters on the frozen phrasings: how many compile to exactly the intended search.

    python -m benchmarks.ask.run --split dev            # while building; --misses lists the wrong ones
    python -m benchmarks.ask.run --split test           # the held-out third, scored once at the end

A phrasing is right when its facet filters (as sets per facet), date range and figure filters
are exactly the intended ones; the words left to search for are scored apart (same set of words).
The baseline is the request searched as words, with no filters at all.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.qa.metrics import table
from newsdesk.search_api.ask.compiler import CompiledSearch, compile_request
from newsdesk.search_api.ask.vocabulary import StaticVocabulary

HERE = Path(__file__).parent
PHRASINGS = HERE / "phrasings.jsonl"
VOCABULARY = HERE / "vocabulary.json"


def split_of(item: dict[str, Any]) -> str:
    return "test" if item["id"] % 3 == 0 else "dev"


def _figure(fields: dict[str, Any]) -> tuple[Any, ...]:
    bound = {k: (float(v) if v is not None else None) for k, v in fields.items() if k in {"min", "max"}}
    return (fields.get("counted"), fields.get("verb"), bound.get("min"), bound.get("max"))


def intended(item: dict[str, Any]) -> tuple[Any, ...]:
    filters = {facet: frozenset(values) for facet, values in item["filters"].items() if values}
    dates = (item["date_from"], item["date_to"])
    return filters, dates, sorted(_figure(f) for f in item["numbers"])


def compiled(search: CompiledSearch) -> tuple[Any, ...]:
    filters = {facet: frozenset(values) for facet, values in search.filters.items() if values}
    dates = tuple(d.isoformat() if d else None for d in (search.date_from, search.date_to))
    figures = sorted(_figure(f.model_dump()) for f in search.numbers)
    return filters, dates, figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--misses", action="store_true", help="print each wrong phrasing (dev only)")
    args = parser.parse_args()
    vocabulary_data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    vocabulary = StaticVocabulary.from_json(vocabulary_data)
    today = date.fromisoformat(vocabulary_data["today"])
    items = [json.loads(line) for line in PHRASINGS.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [item for item in items if split_of(item) == args.split]
    right = words_right = baseline_right = 0
    for item in items:
        search = compile_request(item["ask"], vocabulary, today)
        expected = intended(item)
        ok = compiled(search) == expected
        right += ok
        words_right += set(search.query.split()) == set(item["words"])
        baseline_right += expected == ({}, (None, None), [])  # right only when nothing was to be filtered
        if args.misses and not ok and args.split == "dev":
            print(f"#{item['id']} {item['ask']}\n  got      {compiled(search)}\n  expected {expected}")
    count = len(items)
    rows = [
        ["words only (baseline)", count, f"{baseline_right / count:.1%}", "-"],
        ["compiled", count, f"{right / count:.1%}", f"{words_right / count:.1%}"],
    ]
    print(f"split: {args.split}")
    print(table(["parser", "phrasings", "exact filters", "same words"], rows))


if __name__ == "__main__":
    main()
