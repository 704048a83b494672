"""Resolution against the hand-labelled clusters of `gold_clusters.json` (pairwise and B-cubed).

Every document of every topic goes through the real chain: boilerplate stripping, the entity
tagger and the resolver (with the alias file in `index_config/`). Each gold mention is looked up
among the tagger's mentions of its document by its text; one the tagger did not find is its own
singleton (it can only cost recall). Pairs are scored within a topic: two stories may well
mention two different people called Smith. Scores are given per split (the protocol is in
`docs/entities.md`): `train` (the seeds and clusters 0-29, looked at while the rules were
written), `dev` (clusters 30-35, blind in the second round, development data since) and `test`
(clusters 36-41, labelled before the third round and scored once, at its end). Only the
documents of the splits asked for are resolved, and `test` only when asked for by name, so it
stays unseen while the rules are worked on.

Systems:
- `exact-name`: mentions with the same name (case and punctuation blind) are one entity, a
  baseline that shows what the resolution rules add;
- `newsdesk-batch`: all documents resolved as one batch, no registry;
- `newsdesk-registry`: batches of `REGISTRY_BATCH` documents through a throwaway registry index on
  the Elasticsearch node, so later batches resolve against entities registered by earlier ones
  (skipped when no node answers).
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from haystack import Document

from benchmarks.entities.corpus import document_text
from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper
from newsdesk.plugins.builtin.entities import EntityResolver, EntityTagger
from newsdesk.plugins.builtin.entities.names import name_key

GOLD = Path(__file__).with_name("gold_clusters.json")
REPO = Path(__file__).resolve().parents[2]
MAPPING = REPO / "index_config" / "entities.v1.json"
REGISTRY_BATCH = 8
SPLITS = ("train", "dev", "test")
DEFAULT_SPLITS = ("train", "dev")  # `test` is scored once, at the end of a round

Item = tuple[str, str]  # (document id, mention text)


@dataclass(frozen=True)
class Scores:
    pair_p: float
    pair_r: float
    pair_f: float
    b3_p: float
    b3_r: float
    b3_f: float
    found: float  # share of gold mentions the tagger found


def load_gold(path: Path = GOLD) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def gold_items(gold: dict[str, Any]) -> dict[str, dict[Item, str]]:
    """Per topic, each gold mention and its entity."""
    return {
        topic: {
            (doc, text): f"{topic}/{entity['name']}"
            for entity in body["entities"]
            for doc, text in entity["mentions"]
        }
        for topic, body in gold["topics"].items()
    }


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: dict[str, dict[Item, str]], predicted: dict[Item, str | None]) -> Scores:
    """Pairwise and B-cubed precision/recall/F1 within topics; unfound mentions are singletons."""
    tp = fp = fn = 0
    b3_p = b3_r = 0.0
    total = found = 0
    for topic, items in gold.items():
        system = {item: predicted.get(item) or f"missing:{topic}:{item}" for item in items}
        found += sum(1 for item in items if predicted.get(item))
        for a, b in itertools.combinations(items, 2):
            same_gold, same_system = items[a] == items[b], system[a] == system[b]
            tp += same_gold and same_system
            fp += same_system and not same_gold
            fn += same_gold and not same_system
        gold_sets: dict[str, set[Item]] = {}
        system_sets: dict[str, set[Item]] = {}
        for item in items:
            gold_sets.setdefault(items[item], set()).add(item)
            system_sets.setdefault(system[item], set()).add(item)
        for item in items:
            g, s = gold_sets[items[item]], system_sets[system[item]]
            b3_p += len(g & s) / len(s)
            b3_r += len(g & s) / len(g)
        total += len(items)
    pair_p = tp / (tp + fp) if tp + fp else 0.0
    pair_r = tp / (tp + fn) if tp + fn else 0.0
    b3p, b3r = b3_p / total, b3_r / total
    return Scores(pair_p, pair_r, _f(pair_p, pair_r), b3p, b3r, _f(b3p, b3r), found / total)


def tagged_documents(gold: dict[str, Any], aliases: str, model: str) -> list[Document]:
    ids = [doc for body in gold["topics"].values() for doc in body["documents"]]
    docs = [Document(id=doc, content=document_text(doc)) for doc in ids]
    docs = BoilerplateStripper().run(documents=docs)["documents"]
    tagged: list[Document] = EntityTagger(model=model, aliases_path=aliases).run(documents=docs)["documents"]
    return tagged


def entity_of(documents: Iterable[Document], key: Callable[[dict[str, Any]], str]) -> dict[Item, str | None]:
    """The entity each (document, mention text) was given: the commonest among its mentions."""
    votes: dict[Item, Counter[str]] = {}
    for doc in documents:
        for mention in doc.meta.get("entities") or []:
            votes.setdefault((str(doc.id), mention["text"]), Counter())[key(mention)] += 1
    return {item: counts.most_common(1)[0][0] for item, counts in votes.items()}


def run_resolution(
    aliases: str, es_url: str | None, model: str, splits: Iterable[str] = DEFAULT_SPLITS
) -> tuple[dict[tuple[str, str], Scores], dict[str, list[str]]]:
    """Scores by (system, split) and `newsdesk-batch`'s pair errors by topic, on the topics of `splits`."""
    gold = load_gold()
    wanted = list(splits)
    gold["topics"] = {t: body for t, body in gold["topics"].items() if body["split"] in wanted}
    items = gold_items(gold)
    tagged = tagged_documents(gold, aliases, model)
    predictions = {"exact-name": entity_of(tagged, lambda m: name_key(m["text"]))}
    resolved = EntityResolver(aliases_path=aliases).run(documents=tagged)["documents"]
    predictions["newsdesk-batch"] = entity_of(resolved, _id)
    if es_url and _reachable(es_url):
        predictions["newsdesk-registry"] = entity_of(_through_registry(tagged, aliases, es_url), _id)
    by_split = {s: {t for t, body in gold["topics"].items() if body["split"] == s} for s in wanted}
    if len(wanted) > 1:
        by_split["all"] = set(gold["topics"])
    scores = {
        (system, split): score({t: items[t] for t in topics}, predicted)
        for system, predicted in predictions.items()
        for split, topics in by_split.items()
    }
    return scores, {topic: pair_errors(items[topic], predictions["newsdesk-batch"]) for topic in items}


def pair_errors(gold: dict[Item, str], predicted: dict[Item, str | None]) -> list[str]:
    """One line per wrong merge ("merged: A [..] + B [..]") and per split entity ("split: A [..] | [..]")."""
    by_system: dict[str, dict[str, list[str]]] = {}
    by_gold: dict[str, dict[str, list[str]]] = {}
    for item, entity in gold.items():
        system = predicted.get(item) or f"missing:{item}"
        text = f"{item[1]} ({item[0]})"
        by_system.setdefault(system, {}).setdefault(entity, []).append(text)
        by_gold.setdefault(entity, {}).setdefault(system, []).append(text)
    merged = [
        "merged: " + " + ".join(f"{e.split('/', 1)[1]} {texts}" for e, texts in parts.items())
        for parts in by_system.values()
        if len(parts) > 1
    ]
    split = [
        f"split: {entity.split('/', 1)[1]} " + " | ".join(str(texts) for texts in parts.values())
        for entity, parts in by_gold.items()
        if len(parts) > 1
    ]
    return sorted(merged) + sorted(split)


def _id(mention: dict[str, Any]) -> str:
    return str(mention["entity_id"])


def _reachable(es_url: str) -> bool:
    try:
        return bool(Elasticsearch(es_url, request_timeout=5).cluster.health(timeout="5s"))
    except Exception:
        return False


def _through_registry(tagged: list[Document], aliases: str, es_url: str) -> list[Document]:
    index = f"newsdesk-bench-{uuid.uuid4().hex[:8]}-entities"
    resolver = EntityResolver(
        aliases_path=aliases, es_url=es_url, registry_index=index, mapping_path=str(MAPPING)
    )
    try:
        resolved = []
        for start in range(0, len(tagged), REGISTRY_BATCH):
            resolved += resolver.run(documents=tagged[start : start + REGISTRY_BATCH])["documents"]
        return resolved
    finally:
        Elasticsearch(es_url).indices.delete(index=index, ignore_unavailable=True)
