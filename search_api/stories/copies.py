"""Copies: near-duplicates and syndicated (lightly reworded) wire copies, found at ingest.

Each article's clean text gets a MinHash signature (`datasketch`, 128 permutations over word
3-shingles) cut into LSH bands; the bands are stored on the article (`copy_bands`, keywords) with
the signature, so finding the articles that may be copies of a new one is one `terms` query on
the article index, whatever its size, and the same in every ingest process. A candidate whose
estimated Jaccard similarity reaches `threshold` makes the new article a copy: `duplicate_of` names
the first article of the group (a copy of a copy points at the original), and the original's
`copies` counts them. Search hides copies unless asked to show them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from elasticsearch import ConflictError, Elasticsearch

NUM_PERM = 128
SHINGLE = 3
THRESHOLD = 0.5
BANDS_FIELD = "copy_bands"
SIGNATURE_FIELD = "copy_signature"
DUPLICATE_OF = "duplicate_of"
COPIES = "copies"
COUNT_ATTEMPTS = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


@dataclass(frozen=True)
class Signature:
    hashvalues: np.ndarray

    def similarity(self, other: Signature) -> float:
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / len(self.hashvalues)

    def to_list(self) -> list[int]:
        return [int(v) for v in self.hashvalues]


@dataclass
class CopyFinder:
    """Finds, for a batch of articles, which are copies of stored articles or of each other.

    Usage:
        finder = CopyFinder(client, "newsdesk-articles")
        fields = finder.find([source, ...])  # id -> {copy_bands, copy_signature, duplicate_of?}
    """

    client: Elasticsearch
    index: str
    threshold: float = THRESHOLD
    bands: int = field(init=False)
    rows: int = field(init=False)

    def __post_init__(self) -> None:
        self.bands, self.rows = _optimal_param(self.threshold, NUM_PERM, 0.5, 0.5)

    def signature(self, text: str) -> Signature:
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch(list(shingles(text)))
        return Signature(minhash.hashvalues.copy())

    def band_keys(self, signature: Signature) -> list[str]:
        keys = []
        for band in range(self.bands):
            chunk = signature.hashvalues[band * self.rows : (band + 1) * self.rows]
            keys.append(f"{band}:{hashlib.blake2b(chunk.tobytes(), digest_size=8).hexdigest()}")
        return keys

    def find(self, sources: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """For each article: its bands and signature, and `duplicate_of` when it is a copy."""
        fields: dict[str, dict[str, Any]] = {}
        mine: dict[str, tuple[Signature, list[str], str]] = {}  # this batch: id -> (sig, bands, original)
        for source in sources:
            if not str(source.get("content") or "").strip():
                continue
            signature = self.signature(str(source["content"]))
            bands = self.band_keys(signature)
            best = self._best(source["id"], signature, bands, mine)
            fields[source["id"]] = {BANDS_FIELD: bands, SIGNATURE_FIELD: signature.to_list()}
            original = source["id"]
            if best is not None:
                original = best
                fields[source["id"]][DUPLICATE_OF] = best
            mine[source["id"]] = (signature, bands, original)
        return fields

    def _best(
        self,
        article_id: str,
        signature: Signature,
        bands: list[str],
        mine: dict[str, tuple[Signature, list[str], str]],
    ) -> str | None:
        """The original of the most similar earlier article above the threshold, if any."""
        scored: list[tuple[float, str]] = []
        for other, other_bands, original in mine.values():
            if set(bands) & set(other_bands):
                scored.append((signature.similarity(other), original))
        found = self.client.search(
            index=self.index,
            query={
                "bool": {
                    "filter": [{"terms": {BANDS_FIELD: bands}}],
                    "must_not": [{"ids": {"values": [article_id]}}],
                }
            },
            size=20,
            source_includes=[SIGNATURE_FIELD, DUPLICATE_OF],
        )
        for hit in found["hits"]["hits"]:
            stored = hit["_source"].get(SIGNATURE_FIELD)
            if stored and len(stored) == NUM_PERM:
                other = Signature(np.array(stored, dtype=np.uint64))
                scored.append((signature.similarity(other), hit["_source"].get(DUPLICATE_OF) or hit["_id"]))
        above = [pair for pair in scored if pair[0] >= self.threshold and pair[1] != article_id]
        return max(above)[1] if above else None

    def count_copies(self, originals: dict[str, int]) -> None:
        """Add to the stored originals' `copies` counts (those in the batch are counted by the caller).

        Read, then written only if nobody wrote in between (sequence number check), again on a
        conflict: no update script, which the local distribution's Elasticsearch may not run."""
        for original, added in originals.items():
            for _ in range(COUNT_ATTEMPTS):
                found = self.client.options(ignore_status=404).get(
                    index=self.index, id=original, source_includes=[COPIES]
                )
                if not found.get("found"):
                    break
                try:
                    self.client.update(
                        index=self.index,
                        id=original,
                        doc={COPIES: int(found["_source"].get(COPIES) or 0) + added},
                        if_seq_no=found["_seq_no"],
                        if_primary_term=found["_primary_term"],
                    )
                    break
                except ConflictError:
                    continue
