"""A third-party plugin, as another package would ship it: processor, mapping fragment, facet."""

from __future__ import annotations

import dataclasses

from haystack import Document, component

from plugins.hookspecs import hookimpl
from plugins.specs import Facet


@component
class ReadingTime:
    """Labels each article "short" or "long" by its word count."""

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        labelled = []
        for doc in documents:
            label = "long" if len((doc.content or "").split()) > 600 else "short"
            labelled.append(dataclasses.replace(doc, meta={**doc.meta, "reading_time": label}))
        return {"documents": labelled}


@hookimpl
def newsdesk_register_processors(register):
    register("reading_time", ReadingTime(), order=400)


@hookimpl
def newsdesk_register_mappings(register):
    register({"reading_time": {"type": "keyword"}})


@hookimpl
def newsdesk_register_facets(register):
    register(Facet(name="reading_time", label="Reading time", field="reading_time"))
