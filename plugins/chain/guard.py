"""Keeps one processor's failure on one article from costing the article, or its neighbours.

Every registered processor runs inside a `GuardedProcessor`. When the processor raises on a
batch (or returns something other than one Document per Document), the batch is re-run one
article at a time; an article the processor still fails on goes on *without* that enrichment,
with a record in `meta["enrichment_errors"]` naming the processor and its plugin. What happens
to such an article next (indexed anyway, or held in the dead-letter store) is the ingest's policy.

Each run has a deadline of `seconds_per_article` per article (see `deadline`): a processor that
checks it and finds it passed fails the batch, and the article-by-article re-run then costs only
the slow article its enrichment.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from haystack import Document, component, logging
from haystack.core.serialization import component_from_dict, component_to_dict
from haystack.utils import deserialize_callable, serialize_callable

from newsdesk.plugins.chain.deadline import enrichment_deadline
from newsdesk.plugins.errors import NewsdeskError

logger = logging.getLogger(__name__)

ERRORS_KEY = "enrichment_errors"
# Far above what any built-in processor needs on a real article (well under a second).
DEFAULT_SECONDS_PER_ARTICLE = 60.0


class ProcessorContractError(NewsdeskError):
    """A processor returned something other than one Document for each Document it was given."""


@component
class GuardedProcessor:
    """Runs `processor` and turns its failures into per-article `enrichment_errors` records."""

    def __init__(
        self,
        processor: Any,
        name: str,
        plugin: str,
        seconds_per_article: float | None = DEFAULT_SECONDS_PER_ARTICLE,
        is_transient: Callable[[BaseException], bool] | None = None,
    ) -> None:
        self.processor = processor
        self.name = name
        self.plugin = plugin
        self.seconds_per_article = seconds_per_article
        self.is_transient = is_transient  # the host's: was it a backend away for a while?

    def warm_up(self) -> None:
        if hasattr(self.processor, "warm_up"):
            self.processor.warm_up()

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        try:
            return {"documents": self._run_checked(documents)}
        except Exception as e:
            if len(documents) == 1:
                return {"documents": [self._record_failure(documents[0], e)]}
        enriched = []
        for doc in documents:  # find the article(s) at fault; the others keep their enrichment
            try:
                enriched.extend(self._run_checked([doc]))
            except Exception as e:
                enriched.append(self._record_failure(doc, e))
        return {"documents": enriched}

    def _run_checked(self, documents: list[Document]) -> list[Document]:
        budget = None if self.seconds_per_article is None else self.seconds_per_article * len(documents)
        with enrichment_deadline(budget):
            output = self.processor.run(documents=documents)
        returned = output.get("documents") if isinstance(output, dict) else None
        if not isinstance(returned, list) or len(returned) != len(documents):
            msg = f"returned {type(returned).__name__} instead of a list of {len(documents)} Documents"
            raise ProcessorContractError(msg)
        for given, got in zip(documents, returned, strict=True):
            if not isinstance(got, Document) or got.id != given.id:
                msg = "returned Documents that are not the ones it was given, in the same order"
                raise ProcessorContractError(msg)
        return returned

    def _record_failure(self, doc: Document, error: Exception) -> Document:
        """The article as it came in, plus a record of what this processor failed to add."""
        message = f"{type(error).__name__}: {error}"[:2000]
        logger.warning(
            "processor {processor} of plugin {plugin} failed on article {id}: {error}",
            processor=self.name,
            plugin=self.plugin,
            id=doc.id,
            error=message,
        )
        record = {
            "processor": self.name,
            "plugin": self.plugin,
            "error": message,
            "error_type": type(error).__name__,
            "transient": bool(self.is_transient and self.is_transient(error)),
        }
        errors = [*doc.meta.get(ERRORS_KEY, []), record]
        return dataclasses.replace(doc, meta={**doc.meta, ERRORS_KEY: errors})

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": f"{type(self).__module__}.{type(self).__name__}",
            "init_parameters": {
                "processor": component_to_dict(self.processor, self.name),
                "name": self.name,
                "plugin": self.plugin,
                "seconds_per_article": self.seconds_per_article,
                "is_transient": serialize_callable(self.is_transient) if self.is_transient else None,
            },
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GuardedProcessor:
        params = data["init_parameters"]
        inner_data = params["processor"]
        module, _, class_name = inner_data["type"].rpartition(".")
        inner_class = getattr(__import__(module, fromlist=[class_name]), class_name)
        inner = component_from_dict(inner_class, inner_data, params["name"])
        seconds = params.get("seconds_per_article", DEFAULT_SECONDS_PER_ARTICLE)
        transient = params.get("is_transient")
        return cls(
            processor=inner,
            name=params["name"],
            plugin=params["plugin"],
            seconds_per_article=seconds,
            is_transient=deserialize_callable(transient) if transient else None,
        )
