"""The figures side by side: every figure of a story grouped by what it counts, one row per outlet.

A figure's fact is what it counts and the verb ("civilians killed"), or for a duration its unit
("lasting months"); dates, years and ordinals are not facts an outlet could get wrong this way.
Each outlet's row holds the first figure its latest article gives for the fact (the lead states
what the outlet stands by), the other values that article gives, and the value an earlier article
of the same outlet gave, shown as a revision. Outlets are compared pairwise by the registered
figure rules; the fact's verdict is the worst of the pairs, and rows that disagree with the value
most outlets give are marked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from itertools import combinations
from typing import Any

from lemminflect import getInflection

from newsdesk.plugins.stories import VERDICTS, FigureClaim, FigureRuleSpec, Verdict

COUNTED_KINDS = frozenset({"count", "money", "percent", "rate", "quantity"})
SENTENCE_CHARS = 400


def figure_mentions(source: dict[str, Any], outlet: str, time: datetime) -> list[dict[str, Any]]:
    """The figures of one article that state a fact, with the sentence that states each."""
    content = str(source.get("content") or "")
    mentions = []
    for position, n in enumerate(source.get("numbers") or []):
        fact = fact_of(n)
        if fact is None:
            continue
        start, end = n.get("sentence_start"), n.get("sentence_end")
        sentence = content[start:end].strip() if isinstance(start, int) and isinstance(end, int) else ""
        mentions.append(
            {
                "fact": fact,
                "article_id": source["id"],
                "outlet": outlet,
                "time": time.isoformat(),
                "position": position,
                "text": n.get("text"),
                "kind": n.get("kind"),
                "value": n.get("value"),
                "low": n.get("low"),
                "high": n.get("high"),
                "qualifier": n.get("qualifier"),
                "unit": n.get("unit"),
                "counted": n.get("counted"),
                "verb": n.get("verb"),
                "sentence": sentence[:SENTENCE_CHARS],
            }
        )
    return mentions


def fact_of(number: dict[str, Any]) -> str | None:
    kind = number.get("kind")
    if kind in COUNTED_KINDS and number.get("counted"):
        return "|".join(
            str(x or "") for x in (kind, number["counted"], number.get("verb"), number.get("unit"))
        )
    if kind == "duration" and number.get("unit"):
        return f"duration|{number['unit']}"
    return None


def fact_label(fact: str) -> str:
    """'count|civilian|kill|' -> 'civilians killed'; 'duration|month' -> 'duration in months'."""
    parts = fact.split("|")
    if parts[0] == "duration":
        return f"duration in {_plural(parts[1])}"
    _, counted, verb, unit = parts
    words = [_plural(counted), _participle(verb) if verb else "", f"({unit})" if unit else ""]
    return " ".join(w for w in words if w)


@cache
def _plural(noun: str) -> str:
    forms = getInflection(noun, "NNS")
    return forms[0] if forms else noun


@cache
def _participle(verb: str) -> str:
    forms = getInflection(verb, "VBN")
    return forms[0] if forms else verb


def _claim(m: dict[str, Any]) -> FigureClaim:
    return FigureClaim(
        m["outlet"], m.get("value"), m.get("low"), m.get("high"), m.get("qualifier"), m.get("unit")
    )


def _value_key(m: dict[str, Any]) -> tuple[Any, ...]:
    return (m.get("value"), m.get("low"), m.get("high"), m.get("qualifier"))


def compare(a: FigureClaim, b: FigureClaim, rules: Sequence[FigureRuleSpec]) -> Verdict:
    for spec in rules:
        if (verdict := spec.rule(a, b)) is not None:
            return verdict
    return "disagree"


def figure_table(mentions: Sequence[dict[str, Any]], rules: Sequence[FigureRuleSpec]) -> list[dict[str, Any]]:
    """One entry per fact: its rows (an outlet each), the verdict, and the facts most outlets give first."""
    by_fact: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_fact[m["fact"]].append(m)
    facts = [_fact_entry(fact, found, rules) for fact, found in by_fact.items()]
    facts.sort(key=lambda f: (-len(f["rows"]), f["label"]))
    return facts


def _fact_entry(fact: str, found: list[dict[str, Any]], rules: Sequence[FigureRuleSpec]) -> dict[str, Any]:
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in found:
        by_outlet[m["outlet"]].append(m)
    rows = [_row(outlet, ms) for outlet, ms in by_outlet.items()]
    rows.sort(key=lambda r: r["time"])
    claims = {r["outlet"]: _claim(r) for r in rows}
    pair_verdicts = {(a, b): compare(claims[a], claims[b], rules) for a, b in combinations(claims, 2)}
    verdict: Verdict | None = None
    if pair_verdicts:
        verdict = max(pair_verdicts.values(), key=VERDICTS.index)
    majority = Counter(_value_key(r) for r in rows).most_common(1)[0][0] if rows else None
    held = [r for r in rows if _value_key(r) == majority]
    for row in rows:
        row["disagrees"] = any(
            pair_verdicts.get((row["outlet"], h["outlet"]), pair_verdicts.get((h["outlet"], row["outlet"])))
            == "disagree"
            for h in held
            if h is not row
        )
    return {"fact": fact, "label": fact_label(fact), "verdict": verdict or "single_source", "rows": rows}


def _row(outlet: str, mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The outlet's figure: the first its latest article gives, the others of that article, and what
    its earlier articles said (revisions)."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_article[m["article_id"]].append(m)
    articles = sorted(by_article.values(), key=lambda ms: ms[0]["time"])
    latest = sorted(articles[-1], key=lambda m: m["position"])
    first = latest[0]
    also = [_brief(m) for m in latest[1:] if _value_key(m) != _value_key(first)]
    revised_from = [
        _brief(min(ms, key=lambda m: m["position"]))
        for ms in articles[:-1]
        if _value_key(min(ms, key=lambda m: m["position"])) != _value_key(first)
    ]
    return {**_brief(first), "outlet": outlet, "also": also, "revised_from": revised_from}


def _brief(m: dict[str, Any]) -> dict[str, Any]:
    keys = ("article_id", "time", "text", "value", "low", "high", "qualifier", "unit", "sentence")
    return {k: m.get(k) for k in keys}
