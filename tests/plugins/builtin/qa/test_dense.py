"""Dense retrieval's parts, with a stand-in embedder: passage vectors at ingest, rank fusion."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from haystack import Document

from newsdesk.plugins.builtin.qa.dense import FIELD, PassageEmbedder, fuse_rrf, knn_query, passage_spans

pytestmark = pytest.mark.unit


class LengthEmbedder:
    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [[float(len(t)), 1.0] for t in texts]


def test_every_few_sentences_get_a_vector_with_their_offsets() -> None:
    text = "One. Two. Three. Four."
    embedder = PassageEmbedder()
    embedder._embedder = LengthEmbedder()
    original = Document(id="a", content=text)

    [doc] = embedder.run(documents=[original])["documents"]

    assert passage_spans(text) == [(0, 16), (17, 22)]
    assert doc.meta[FIELD] == [
        {"start": 0, "end": 16, "vector": [16.0, 1.0]},
        {"start": 17, "end": 22, "vector": [5.0, 1.0]},
    ]
    assert FIELD not in original.meta


def test_reciprocal_rank_fusion_favours_what_both_rankings_find() -> None:
    assert fuse_rrf([["a", "b", "c"], ["b", "d", "c"]])[0] == "b"
    assert set(fuse_rrf([["a"], ["d"]])) == {"a", "d"}


def test_knn_query_searches_the_passage_vectors() -> None:
    query = knn_query([0.1, 0.2], k=10)
    assert query["field"] == f"{FIELD}.vector" and query["k"] == 10 and query["num_candidates"] >= 10
