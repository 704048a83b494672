"""Builds the Haystack indexing pipeline from the processors that plugins registered."""

from __future__ import annotations

import itertools
from typing import Any

from haystack import Pipeline

from plugins.guard import GuardedProcessor
from plugins.specs import ProcessorSpec

WRITER_NAME = "writer"


def build_indexing_pipeline(processors: list[ProcessorSpec], writer: Any) -> Pipeline:
    """Chain the processors in their order, `documents` to `documents`, ending in `writer`.

    Each processor runs guarded: its failure on an article is recorded on that article.
    """
    pipeline = Pipeline()
    names = [spec.name for spec in processors] + [WRITER_NAME]
    for spec in processors:
        pipeline.add_component(spec.name, GuardedProcessor(spec.component, spec.name, spec.plugin))
    pipeline.add_component(WRITER_NAME, writer)
    for upstream, downstream in itertools.pairwise(names):
        pipeline.connect(f"{upstream}.documents", f"{downstream}.documents")
    return pipeline


def first_component(pipeline: Pipeline) -> str:
    """The component that receives the raw documents."""
    return next(name for name, _ in pipeline.walk())
