"""Ingest: validated articles go through the plugins' indexing pipeline into Elasticsearch.

Articles travel in batches; a batch that fails inside a processor is re-run one article at a
time so that only the article at fault is reported and every other one is indexed.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from elasticsearch import Elasticsearch
from haystack import Document, Pipeline

from plugins.manager import PluginHost
from plugins.pipeline import build_indexing_pipeline, first_component
from search_api.article_writer import ArticleWriter, describe_errors
from search_api.articles import ArticleIn
from search_api.dead_letter import DeadLetterStore
from search_api.es import make_document_store
from search_api.index_admin import ensure_index
from search_api.readers import InputItem
from search_api.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    origin: str
    reason: str
    id: str | None = None


@dataclass
class IngestReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    partial: list[Failure] = field(default_factory=list)  # indexed, but a processor failed on it


def to_document(article: ArticleIn, origin: str) -> Document:
    """The raw article as the pipeline's input; the raw text is kept so it can be re-enriched."""
    fmt = article.detected_format()
    meta = {
        **article.caller_meta(),
        "raw_format": fmt,
        "raw": {"content": article.content, "format": fmt, "origin": origin},
        "ingested_at": datetime.now(UTC).isoformat(),
    }
    return Document(id=article.document_id(), content=article.content, meta=meta)


class Ingestor:
    """Runs articles through the indexing pipeline that the installed plugins make up."""

    def __init__(self, settings: Settings, host: PluginHost, client: Elasticsearch) -> None:
        self.settings = settings
        self.client = client
        ensure_index(client, settings, host)
        self.dead_letters = DeadLetterStore(settings.dead_letter_path)
        store = make_document_store(settings, client)
        hold_partial = settings.enrichment_error_policy == "dead_letter"
        writer = ArticleWriter(document_store=store, index=settings.index_alias, hold_partial=hold_partial)
        self.pipeline: Pipeline = build_indexing_pipeline(host.processors, writer)
        self.pipeline.warm_up()
        self._entry = first_component(self.pipeline)

    def ingest(
        self, items: Iterable[InputItem], on_progress: Callable[[int], None] | None = None
    ) -> IngestReport:
        report = IngestReport()
        iterator = iter(items)
        while batch := tuple(itertools.islice(iterator, self.settings.ingest_batch_size)):
            self._ingest_batch(batch, report)
            if on_progress:
                on_progress(len(batch))
        self.client.indices.refresh(index=self.settings.index_alias)
        return report

    def _ingest_batch(self, batch: tuple[InputItem, ...], report: IngestReport) -> None:
        documents: list[Document] = []
        origins: dict[str, str] = {}
        for item in batch:
            if item.article is None:
                self._fail(
                    report, Failure(origin=item.origin, reason=item.error or "unreadable"), raw=item.raw
                )
                continue
            doc = to_document(item.article, item.origin)
            if doc.id in origins:  # the same article twice in one batch: keep the last
                documents = [d for d in documents if d.id != doc.id]
            documents.append(doc)
            origins[doc.id] = item.origin
        if not documents:
            return
        try:
            self._run(documents, origins, report)
        except Exception:
            logger.warning("a batch of %d failed in the pipeline; retrying one by one", len(documents))
            for doc in documents:
                try:
                    self._run([doc], origins, report)
                except Exception as e:
                    failure = Failure(origin=origins[doc.id], reason=f"{type(e).__name__}: {e}", id=doc.id)
                    self._fail(report, failure, raw=doc.meta["raw"])

    def _run(self, documents: list[Document], origins: dict[str, str], report: IngestReport) -> None:
        result = self.pipeline.run({self._entry: {"documents": documents}})["writer"]
        report.created.extend(result["created"])
        report.updated.extend(result["updated"])
        raw = {doc.id: doc.meta["raw"] for doc in documents}
        for item in result["failed"]:
            failure = Failure(origin=origins.get(item["id"], ""), reason=item["reason"], id=item["id"])
            self._fail(report, failure, raw=raw.get(item["id"]))
        for item in result["partial"]:
            reason = describe_errors(item["errors"])
            report.partial.append(Failure(origin=origins.get(item["id"], ""), reason=reason, id=item["id"]))

    def _fail(self, report: IngestReport, failure: Failure, raw: object) -> None:
        """Report the failure, and keep the article with the reason in the dead-letter store."""
        report.failed.append(failure)
        self.dead_letters.add(origin=failure.origin, reason=failure.reason, article_id=failure.id, raw=raw)
