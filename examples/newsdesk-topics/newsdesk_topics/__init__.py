"""newsdesk plugin: topic tags from keyword lists, with a `topics` facet."""

from __future__ import annotations

from typing import Any

from newsdesk import Facet, hookimpl
from newsdesk_topics.tagger import TopicTagger

NEWSDESK_HOOK_API = 1

__all__ = ["TopicTagger"]


@hookimpl
def newsdesk_register_processors(register: Any, config: dict[str, Any]) -> None:
    register("topics", TopicTagger(min_hits=int(config.get("min_hits", 2))), after_if_present=["boilerplate"])


@hookimpl
def newsdesk_register_mappings(register: Any) -> None:
    register({"topics": {"type": "keyword"}})


@hookimpl
def newsdesk_register_facets(register: Any) -> None:
    register(Facet(name="topics", label="Topics", field="topics"))
