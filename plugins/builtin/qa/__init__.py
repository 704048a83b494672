"""Built-in plugin: newsdesk's answer extractor and, when a model is installed, passage embeddings.

Listed in `DEFAULT_PLUGINS` and registered like any third-party plugin (`qa`), so a package can
add a neural reader next to it, or replace it (`NEWSDESK_DISABLED_PLUGINS='["qa"]'`).
Settings: `NEWSDESK_PLUGINS__QA__DENSE=off` keeps dense retrieval off even with a model installed.

The QA engine reads the dense-retrieval helpers from here (`load_embedder`, `knn_query`, ...):
they query what this plugin's processor indexed.
"""

from __future__ import annotations

from typing import Any

from newsdesk.plugins.builtin.qa.dense import FIELD as DENSE_FIELD
from newsdesk.plugins.builtin.qa.dense import (
    Embedder,
    PassageEmbedder,
    embedding_available,
    fuse_rrf,
    knn_query,
    load_embedder,
    mapping,
)
from newsdesk.plugins.builtin.qa.extractor import AnnotationExtractor
from newsdesk.plugins.hookspecs import hookimpl

__all__ = [
    "DENSE_FIELD",
    "AnnotationExtractor",
    "Embedder",
    "PassageEmbedder",
    "fuse_rrf",
    "knn_query",
    "load_embedder",
]

NEWSDESK_HOOK_API = 1


def _dense_wanted(config: dict[str, Any]) -> bool:
    return str(config.get("dense", "auto")).lower() != "off" and embedding_available()


@hookimpl
def newsdesk_register_answer_extractors(register: Any) -> None:
    register(AnnotationExtractor.name, AnnotationExtractor())


@hookimpl
def newsdesk_register_processors(register: Any, config: dict[str, Any]) -> None:
    if _dense_wanted(config):
        register("passage_embeddings", PassageEmbedder(), order=900)  # after the clean text is made


@hookimpl
def newsdesk_register_mappings(register: Any, config: dict[str, Any]) -> None:
    if _dense_wanted(config):
        register(mapping())
