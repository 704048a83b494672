"""A learned "same entity?" score for two names of a batch the rules left apart.

The rules of `clustering` join what they are sure of. What they leave apart is mostly a shortened
or reworded name whose type the tagger got wrong in one article ("Del Toro" typed an
organisation, "Benicio Del Toro" a person), or a name with one word more or less. Whether such
a pair is one entity is learnt from the hand-labelled clusters (`benchmarks/entities/
gold_clusters.json`, train split): a logistic regression over a few features of the two names
and of the batch, its weights in `model/pairs.json` with its card (`model/MODEL_CARD.md`), and
retrained by `python -m training.entity_pairs`.

Candidates are pairs that share a name word (a word of three letters or more that is not a
connector), so the score is computed for few pairs, not all of them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Indel

from newsdesk.plugins.builtin.entities.names import acronym_matches

MODEL_PATH = Path(__file__).with_name("model") / "pairs.json"
_CONNECTORS = frozenset({"of", "for", "and", "the", "in", "on", "de", "la", "le", "al", "el", "van", "von"})
FEATURES = (
    "bias", "jaccard", "subset", "suffix", "prefix", "same_last", "same_first", "similarity",
    "same_family", "both_person", "person_vs_other", "lone_mention", "short_words", "acronym",
    "ambiguity",
)  # fmt: skip


@dataclass(frozen=True)
class Name:
    """One form of the batch as the model sees it: its key, its group's type and family, its
    votes (articles), and whether it is written as an acronym."""

    key: str
    label: str
    family: str
    weight: int
    acronym: bool = False

    @property
    def words(self) -> list[str]:
        return self.key.split()


def name_words(key: str) -> set[str]:
    """The words a candidate pair must share: three letters or more, not a connector."""
    return {w for w in key.split() if len(w) >= 3 and w not in _CONNECTORS}


def features(a: Name, b: Name, holders: int) -> list[float]:
    """The feature vector of a pair, in the order of `FEATURES`. `holders`: how many groups of the
    batch have the shorter name's last word (a shared surname is ambiguous)."""
    short, long = sorted((a, b), key=lambda n: (len(n.words), n.key))
    sw, lw = short.words, long.words
    ss, ls = set(sw), set(lw)
    acronym = short.acronym and acronym_matches(short.key, long.key)
    return [
        1.0,
        len(ss & ls) / len(ss | ls),
        float(ss < ls),
        float(len(sw) < len(lw) and lw[-len(sw) :] == sw),
        float(len(sw) < len(lw) and lw[: len(sw)] == sw),
        float(sw[-1] == lw[-1]),
        float(sw[0] == lw[0]),
        Indel.normalized_similarity(short.key, long.key),
        float(a.family == b.family),
        float(a.label == b.label == "PERSON"),
        float((a.label == "PERSON") != (b.label == "PERSON")),
        float(min(a.weight, b.weight) <= 1),
        min(len(sw), 3) / 3,
        float(acronym),
        1.0 / max(holders, 1),
    ]


@dataclass(frozen=True)
class PairModel:
    """Logistic regression weights (one per feature) and the decision threshold."""

    weights: tuple[float, ...]
    threshold: float

    def probability(self, vector: Sequence[float]) -> float:
        z = sum(w * x for w, x in zip(self.weights, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def same(self, vector: Sequence[float]) -> bool:
        return self.probability(vector) >= self.threshold


@lru_cache(maxsize=4)
def load_pair_model(path: Path = MODEL_PATH) -> PairModel | None:
    """The shipped model, or None where it is absent (the rules then work alone)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        msg = f"{path}: its features {data['features']} are not this code's {list(FEATURES)}; retrain it"
        raise ValueError(msg)
    return PairModel(tuple(float(w) for w in data["weights"]), float(data["threshold"]))


def candidate_pairs(names: dict[str, Name], group_of: dict[str, str]) -> Iterable[tuple[Name, Name, int]]:
    """Pairs of names in different groups that share a name word, each with the number of groups
    holding the shorter one's last word."""
    by_word: dict[str, list[str]] = {}
    for key in names:
        for word in name_words(key):
            by_word.setdefault(word, []).append(key)
    seen: set[tuple[str, str]] = set()
    for keys in by_word.values():
        if len(keys) > 50:  # a word this common ("united", "new") links nothing by itself
            continue
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if group_of[a] == group_of[b] or pair in seen:
                    continue
                seen.add(pair)
                short = min(names[a], names[b], key=lambda n: (len(n.words), n.key))
                holders = {group_of[k] for k in by_word.get(short.words[-1], [])}
                yield names[a], names[b], len(holders)
