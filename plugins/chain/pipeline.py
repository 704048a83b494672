"""Builds the Haystack enrichment pipeline from the processors that plugins registered.

Writing is not part of it: the ingest writes enriched batches from a thread of its own, so
Elasticsearch indexes one batch while the processors work on the next.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from haystack import Document, Pipeline

from newsdesk.plugins.chain.guard import GuardedProcessor
from newsdesk.plugins.specs import ProcessorSpec


class EnrichmentPipeline:
    """The processors chained in their order, `documents` to `documents`, each one guarded.

    A processor's failure on an article is recorded on that article (`newsdesk.plugins.chain.guard`), so `run`
    returns one Document for each it was given, in the same order.

    Usage:
        pipeline = EnrichmentPipeline(host.processors)
        pipeline.warm_up()
        enriched = pipeline.run([Document(id="a1", content="Text of the article.")])
    """

    def __init__(
        self, processors: list[ProcessorSpec], is_transient: Callable[[BaseException], bool] | None = None
    ) -> None:
        """`is_transient` tells the guards which failures mean "the backend was away" (retry later)."""
        self.names = [spec.name for spec in processors]
        self.pipeline = Pipeline()
        for spec in processors:
            guarded = GuardedProcessor(spec.component, spec.name, spec.plugin, is_transient=is_transient)
            self.pipeline.add_component(spec.name, guarded)
        for upstream, downstream in itertools.pairwise(self.names):
            self.pipeline.connect(f"{upstream}.documents", f"{downstream}.documents")

    def warm_up(self) -> None:
        self.pipeline.warm_up()

    def run(self, documents: list[Document]) -> list[Document]:
        if not self.names or not documents:
            return documents
        result = self.pipeline.run({self.names[0]: {"documents": documents}})
        enriched: list[Document] = result[self.names[-1]]["documents"]
        return enriched
