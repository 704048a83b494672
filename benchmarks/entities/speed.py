"""Speed: the whole enrichment chain against bare spaCy `nlp.pipe`, on the same articles, in one run.

The chain is what ingest runs, built from the installed plugins as ingest builds it
(boilerplate, entities, entity_resolver, numbers; the entity registry in a throwaway index on the
Elasticsearch node when one answers), minus the article writer. Bare spaCy is the same pipeline
package through `nlp.pipe` on the raw article text.

Both sides run at each batch size, interleaved, for several rounds; each keeps its best time
(wall clock, and CPU time of this process, which other load on the machine barely moves). The
shared parse cache is emptied before every chain run, so the chain really parses every article.
"""

from __future__ import annotations

import functools
import itertools
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch
from haystack import Document
from spacy.language import Language

from newsdesk.plugins import nlp as shared_parse
from newsdesk.plugins.manager import load_plugins
from newsdesk.search_api.settings import Settings

BATCH_SIZES = (16, 32, 64)


@dataclass(frozen=True)
class Timing:
    articles: int
    wall: float
    cpu: float
    batch_size: int

    @property
    def per_second(self) -> float:
        return self.articles / self.wall

    @property
    def per_cpu_second(self) -> float:
        return self.articles / self.cpu


def _timed(batch_size: int, articles: int, work: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return Timing(articles, time.perf_counter() - wall, time.process_time() - cpu, batch_size)


def _best(timings: list[Timing], key: Callable[[Timing], float]) -> Timing:
    return min(timings, key=key)


class Chain:
    """The registered processors, warmed up, run batch by batch as ingest runs them."""

    def __init__(self, settings: Settings, registry: bool) -> None:
        host = load_plugins(settings)
        self.names = [spec.name for spec in host.processors]
        self.components = [spec.component for spec in host.processors]
        for component in self.components:
            if not registry and hasattr(component, "es_url"):
                component.es_url = None  # no node: the resolver works on the batch and alias file
            if hasattr(component, "warm_up"):
                component.warm_up()

    def run(self, texts: list[str], batch_size: int) -> None:
        shared_parse._docs.clear()
        documents = [Document(id=f"bench-{i}", content=text) for i, text in enumerate(texts)]
        for start in range(0, len(documents), batch_size):
            batch = documents[start : start + batch_size]
            for component in self.components:
                batch = component.run(documents=batch)["documents"]


def _pipe(nlp: Language, texts: list[str], batch_size: int) -> None:
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass


def run_speed(texts: list[str], model: str, es_url: str | None, rounds: int = 2) -> dict[str, Any]:
    registry = bool(es_url) and _reachable(str(es_url))
    settings = Settings(
        index_alias=f"newsdesk-bench-{uuid.uuid4().hex[:8]}", es_url=es_url or "", spacy_model=model
    )
    nlp = shared_parse.load_model(model)
    try:
        chain = Chain(settings, registry)
        spacy_runs: list[Timing] = []
        chain_runs: list[Timing] = []
        for _, batch_size in itertools.product(range(rounds), BATCH_SIZES):
            spacy_runs.append(
                _timed(batch_size, len(texts), functools.partial(_pipe, nlp, texts, batch_size))
            )
            chain_runs.append(_timed(batch_size, len(texts), functools.partial(chain.run, texts, batch_size)))
        return {
            "spacy_wall": _best(spacy_runs, lambda t: t.wall),
            "chain_wall": _best(chain_runs, lambda t: t.wall),
            "spacy_cpu": _best(spacy_runs, lambda t: t.cpu),
            "chain_cpu": _best(chain_runs, lambda t: t.cpu),
            "processors": chain.names,
            "registry": registry,
        }
    finally:
        if registry:
            Elasticsearch(str(es_url)).indices.delete(
                index=f"{settings.index_alias}-entities", ignore_unavailable=True
            )


def _reachable(es_url: str) -> bool:
    try:
        return bool(Elasticsearch(es_url, request_timeout=5).cluster.health(timeout="5s"))
    except Exception:
        return False
