"""A third-party plugin, as another package would ship it: processor, mapping fragment, facet."""

from __future__ import annotations

import dataclasses

from haystack import Document, component

from newsdesk import Facet, hookimpl

NEWSDESK_HOOK_API = 1


@component
class ReadingTime:
    """Labels each article "short" or "long" by its word count."""

    def __init__(self, long_after_words: int = 600) -> None:
        self.long_after_words = long_after_words

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        labelled = []
        for doc in documents:
            label = "long" if len((doc.content or "").split()) > self.long_after_words else "short"
            labelled.append(dataclasses.replace(doc, meta={**doc.meta, "reading_time": label}))
        return {"documents": labelled}


@hookimpl
def newsdesk_register_processors(register, config):
    register("reading_time", ReadingTime(int(config.get("long_after_words", 600))), after=["boilerplate"])


@hookimpl
def newsdesk_register_mappings(register):
    register({"reading_time": {"type": "keyword"}})


@hookimpl
def newsdesk_register_facets(register):
    register(Facet(name="reading_time", label="Reading time", field="reading_time"))
