"""Built-in plugin: newsdesk's answer extractor and, when a model is installed, passage embeddings.

Listed in `DEFAULT_PLUGINS` and registered like any third-party plugin (`qa`), so a package can
add a neural reader next to it, or replace it (`NEWSDESK_DISABLED_PLUGINS='["qa"]'`).
Settings: `NEWSDESK_PLUGINS__QA__DENSE=off` keeps dense retrieval off even with a model installed.

The QA engine reads the dense-retrieval helpers from here (`load_embedder`, `knn_query`, ...):
they query what this plugin's processor indexed.
"""

from __future__ import annotations

import json
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
from newsdesk.plugins.builtin.qa.reader import Reader
from newsdesk.plugins.builtin.qa.reader_extractor import ReaderExtractor
from newsdesk.plugins.errors import ConfigurationError
from newsdesk.plugins.hookspecs import hookimpl

__all__ = [
    "DENSE_FIELD",
    "AnnotationExtractor",
    "Embedder",
    "PassageEmbedder",
    "Reader",
    "ReaderExtractor",
    "fuse_rrf",
    "knn_query",
    "load_embedder",
]

NEWSDESK_HOOK_API = 1
EXTRACTORS = ("reader", "annotations", "both")


def _dense_wanted(config: dict[str, Any]) -> bool:
    return str(config.get("dense", "auto")).lower() != "off" and embedding_available()


def reader_calibration(config: dict[str, Any]) -> dict[str, float] | None:
    """`NEWSDESK_PLUGINS__QA__READER_CALIBRATION` (JSON weights) over the shipped calibration."""
    raw = config.get("reader_calibration")
    if raw is None:
        return None
    try:
        weights = json.loads(raw) if isinstance(raw, str) else raw
        return {str(name): float(value) for name, value in dict(weights).items()}
    except (ValueError, TypeError) as e:
        msg = f"NEWSDESK_PLUGINS__QA__READER_CALIBRATION is not a JSON object of numbers: {raw!r}"
        raise ConfigurationError(msg) from e


@hookimpl
def newsdesk_register_answer_extractors(register: Any, config: dict[str, Any]) -> None:
    """The learned reader by default; `NEWSDESK_PLUGINS__QA__EXTRACTOR=annotations` for the rules
    over the stored annotations it replaced (the benchmarks' baseline), `both` for the two."""
    chosen = str(config.get("extractor", "reader")).lower()
    if chosen not in EXTRACTORS:
        msg = f"NEWSDESK_PLUGINS__QA__EXTRACTOR is {chosen!r}; choose one of {', '.join(EXTRACTORS)}"
        raise ConfigurationError(msg)
    if chosen in ("reader", "both"):
        register(ReaderExtractor.name, ReaderExtractor(calibration=reader_calibration(config)))
    if chosen in ("annotations", "both"):
        register(AnnotationExtractor.name, AnnotationExtractor())


@hookimpl
def newsdesk_register_processors(register: Any, config: dict[str, Any]) -> None:
    if _dense_wanted(config):
        register("passage_embeddings", PassageEmbedder(), order=900)  # after the clean text is made


@hookimpl
def newsdesk_register_mappings(register: Any, config: dict[str, Any]) -> None:
    if _dense_wanted(config):
        register(mapping())
