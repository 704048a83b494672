"""Match predicted mentions to gold ones and score detection, kind, value, qualifier and counted noun.

A prediction matches a gold mention when their character spans overlap; matching is one-to-one,
largest overlap first, so "more than 1,000" against "1,000" still counts as found (the exact-span
rate is reported apart). Accuracies are over matched pairs: the value of a single figure is
`value` (a ratio for percents), of a range or vague amount its `low`/`high`, of a date or time its
`iso`; the counted noun is scored on gold counts and rates, where a noun is counted; the unit on
every matched pair (no unit against no unit agrees); a change (`change`: from, to or by, and its
`direction`) on the gold mentions that state one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

Mention = dict[str, Any]
COUNTED_KINDS = frozenset({"count", "rate"})
DATE_KINDS = frozenset({"date", "time"})


@dataclass
class Tally:
    """Running counts for one system on one part of the gold set."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact_span: int = 0
    kind: int = 0
    value: int = 0
    qualifier: int = 0
    unit: int = 0
    counted: int = 0
    counted_total: int = 0
    change: int = 0
    change_total: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def rate(self, name: str) -> float | None:
        total = {"counted": self.counted_total, "change": self.change_total}.get(name, self.matched)
        return getattr(self, name) / total if total else None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def same_value(gold: Mention, predicted: Mention) -> bool:
    if gold["kind"] in DATE_KINDS:
        return gold.get("iso") == predicted.get("iso")
    if gold.get("value") is not None:
        return _close(gold["value"], predicted.get("value"))
    return _close(gold.get("low"), predicted.get("low")) and _close(gold.get("high"), predicted.get("high"))


def _overlap(a: Mention, b: Mention) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def match(gold: list[Mention], predicted: list[Mention]) -> list[tuple[Mention, Mention]]:
    """One-to-one pairs of overlapping mentions, the largest overlaps first."""
    candidates = sorted(
        (
            (_overlap(g, p), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if _overlap(g, p)
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def _describe(mention: Mention) -> str:
    figure = mention.get("iso") if mention.get("kind") in DATE_KINDS else mention.get("value")
    if figure is None and mention.get("low") is not None:
        figure = f"{mention.get('low')}..{mention.get('high')}"
    change = f" {mention.get('change')}/{mention.get('direction')}" if mention.get("change") else ""
    return (
        f"{mention.get('text')!r} {mention.get('kind')} {figure} {mention.get('unit')} "
        f"{mention.get('qualifier')} counted={mention.get('counted')}{change}"
    )


def score_document(
    tally: Tally, gold: list[Mention], predicted: list[Mention], *, scores_qualifier: bool = True
) -> None:
    """Add one document's comparison to `tally`, with a line for each disagreement."""
    pairs = match(gold, predicted)
    tally.gold += len(gold)
    tally.predicted += len(predicted)
    tally.matched += len(pairs)
    paired_gold = {id(g) for g, _ in pairs}
    paired_predicted = {id(p) for _, p in pairs}
    tally.errors += [f"missed    {_describe(g)}" for g in gold if id(g) not in paired_gold]
    tally.errors += [f"spurious  {_describe(p)}" for p in predicted if id(p) not in paired_predicted]
    for g, p in pairs:
        checks = {
            "exact_span": (g["start"], g["end"]) == (p["start"], p["end"]),
            "kind": g["kind"] == p.get("kind"),
            "value": same_value(g, p),
            "qualifier": scores_qualifier and g["qualifier"] == p.get("qualifier"),
            "unit": g.get("unit") == p.get("unit"),
        }
        for name, ok in checks.items():
            setattr(tally, name, getattr(tally, name) + ok)
        wrong = [name for name, ok in checks.items() if not ok and name != "exact_span"]
        if g["kind"] in COUNTED_KINDS:
            tally.counted_total += 1
            if g.get("counted") == p.get("counted"):
                tally.counted += 1
            else:
                wrong.append("counted")
        if g.get("change") is not None:
            tally.change_total += 1
            if (g["change"], g.get("direction")) == (p.get("change"), p.get("direction")):
                tally.change += 1
            else:
                wrong.append("change")
        if wrong:
            tally.errors.append(f"{'/'.join(wrong):9} gold {_describe(g)}  got {_describe(p)}")


def by_document(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention["doc"], []).append(mention)
    return grouped
