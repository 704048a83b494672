"""Built-in plugin: newsdesk's answer extractor and, when a model is installed, passage embeddings.

Registered through the `newsdesk` entry points like any third-party plugin (`qa`), so a package
can add a neural reader next to it, or replace it (`NEWSDESK_DISABLED_PLUGINS='["qa"]'`).
Settings: `NEWSDESK_PLUGINS__QA__DENSE=off` keeps dense retrieval off even with a model installed.
"""

from __future__ import annotations

from typing import Any

from newsdesk.plugins.hookspecs import hookimpl
from newsdesk.search_api.qa import dense
from newsdesk.search_api.qa.extractor import AnnotationExtractor

NEWSDESK_HOOK_API = 1


def _dense_wanted(config: dict[str, Any]) -> bool:
    return str(config.get("dense", "auto")).lower() != "off" and dense.embedding_available()


@hookimpl
def newsdesk_register_answer_extractors(register: Any) -> None:
    register(AnnotationExtractor.name, AnnotationExtractor())


@hookimpl
def newsdesk_register_processors(register: Any, config: dict[str, Any]) -> None:
    if _dense_wanted(config):
        register("passage_embeddings", dense.PassageEmbedder(), order=900)  # after the clean text is made


@hookimpl
def newsdesk_register_mappings(register: Any, config: dict[str, Any]) -> None:
    if _dense_wanted(config):
        register(dense.mapping())
