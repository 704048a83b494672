"""What lets a re-run skip work: each stored article carries a hash of what it was made from.

`raw_hash` hashes the article's raw input (content, format, the caller's fields; not where it was
read from) together with the enrichment fingerprint: the plugins and their versions, the order of
the processors, the spaCy model, the plugins' settings and the alias file. An article stored with
the same hash would be enriched into the same document, so an ingest run again (after a crash,
say) skips it; a new plugin version changes every hash, and everything is enriched again.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from elasticsearch import Elasticsearch
from haystack import Document

from newsdesk.plugins.manager import PluginHost
from newsdesk.search_api.settings import Settings

HASH_FIELD = "raw_hash"  # stored, not indexed


def enrichment_fingerprint(settings: Settings, host: PluginHost) -> str:
    """What decides an article's enrichment besides its input: plugins, their order and settings."""
    aliases = settings.entity_aliases_path
    basis = {
        "plugins": sorted((info.name, info.version) for info in host.plugins()),
        "processors": [spec.name for spec in host.processors],
        "settings": [settings.spacy_model, settings.boilerplate_strictness, settings.plugins],
        "aliases": hashlib.sha256(aliases.read_bytes()).hexdigest() if aliases.is_file() else None,
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode()).hexdigest()[:16]


def content_hash(doc: Document, fingerprint: str) -> str:
    raw = {key: value for key, value in doc.meta["raw"].items() if key != "origin"}
    basis = json.dumps([fingerprint, raw], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(basis.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def unchanged_ids(client: Elasticsearch, index: str, hashes: dict[str, str]) -> list[str]:
    """Those of `hashes` (id -> hash) stored in `index` with the same hash: nothing to do for them."""
    found: Any = client.mget(index=index, ids=list(hashes), source_includes=[HASH_FIELD])
    return [
        item["_id"]
        for item in found["docs"]
        if item.get("found") and item.get("_source", {}).get(HASH_FIELD) == hashes[item["_id"]]
    ]
