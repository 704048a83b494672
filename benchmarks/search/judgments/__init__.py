"""Relevance judgments of the search benchmark: queries written from Multi-News, hand-judged seed queries.

`multinews_queries.tsv`: one query per Multi-News cluster, written from the cluster's summary
(a few content words, the way a person searches) and frozen before any ranking change; that
cluster's articles are the relevant ones. Clusters with `cluster % 3 == 2` are the held-out
test third, scored once; the rest is dev. `seeds_queries.tsv`: queries on the five seed
articles, each with the seeds a reader judged relevant.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "test", "seeds")


@dataclass(frozen=True)
class Judged:
    """A query, the ids of the articles relevant to it, its split and its class."""

    query: str
    relevant: frozenset[str]
    split: str

    @property
    def query_class(self) -> str:
        """`names` when a word is capitalised (a person, place, title...), else `words`."""
        return "names" if any(word[:1].isupper() for word in self.query.split()) else "words"


def _rows(name: str) -> list[list[str]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def multinews_split(cluster: int) -> str:
    return "test" if cluster % 3 == 2 else "dev"


def load_judgments(multinews_ids: dict[int, list[str]], seed_ids: list[str]) -> list[Judged]:
    """Every judged query; `multinews_ids` maps a cluster to its article ids."""
    judged = [
        Judged(query, frozenset(multinews_ids[int(cluster)]), multinews_split(int(cluster)))
        for cluster, query in _rows("multinews_queries.tsv")
    ]
    for query, prefixes in _rows("seeds_queries.tsv"):
        relevant = {i for i in seed_ids for prefix in prefixes.split() if i.startswith(prefix + "_")}
        judged.append(Judged(query, frozenset(relevant), "seeds"))
    return judged
