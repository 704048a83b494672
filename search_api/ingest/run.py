"""One ingest run: the reading loop, the enrichment threads and the writer thread (see `ingest`)."""

from __future__ import annotations

import dataclasses
import itertools
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from elasticsearch import Elasticsearch
from haystack import Document

from newsdesk.plugins.chain.guard import ERRORS_KEY
from newsdesk.plugins.chain.pipeline import EnrichmentPipeline
from newsdesk.search_api.index.retry import (
    ElasticsearchUnavailableError,
    OnWait,
    RetryPolicy,
    call,
)
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.dead_letter import DeadLetterStore
from newsdesk.search_api.ingest.fingerprint import HASH_FIELD, content_hash, unchanged_ids
from newsdesk.search_api.ingest.readers import InputItem
from newsdesk.search_api.ingest.writer import ArticleWriter, describe_errors

ENRICH_ATTEMPTS = 3  # a batch hit by an outage is enriched again, at most this often
COALESCE_DOCUMENTS = 500  # batches waiting to be written are sent together, up to this many


@dataclass(frozen=True)
class RunConfig:
    """What every run of one `Ingestor` shares, fixed when it is made: a run never reaches back."""

    client: Elasticsearch
    index: str
    require_alias: bool
    policy: RetryPolicy
    processes: int
    batch_size: int
    skip_unchanged: bool
    hold_partial: bool
    dead_letters: DeadLetterStore
    fingerprint: str
    pipeline: EnrichmentPipeline
    before_write: Callable[[list[Document]], list[Document]] | None = None  # stories and copies


@dataclass(frozen=True)
class Failure:
    origin: str
    reason: str
    id: str | None = None


@dataclass
class IngestReport:
    """Counts of everything, and the ids and failures themselves up to `keep` of each kind."""

    keep: int | None = None
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # skipped: stored already, same input
    failed: list[Failure] = field(default_factory=list)
    partial: list[Failure] = field(default_factory=list)  # indexed, but a processor failed on it
    counts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, kind: str, value: Any) -> None:
        self.counts[kind] += 1
        kept: list[Any] = getattr(self, kind)
        if self.keep is None or len(kept) < self.keep:
            kept.append(value)


def to_document(article: ArticleIn, origin: str, ingested_at: str | None = None) -> Document:
    """The raw article as the pipeline's input; the raw input is kept so it can be re-enriched."""
    fmt = article.detected_format()
    given = article.caller_meta()
    meta = {
        **given,
        "raw_format": fmt,
        "raw": {"content": article.content, "format": fmt, "origin": origin, "meta": given},
        "ingested_at": ingested_at or datetime.now(UTC).isoformat(),
    }
    return Document(id=article.document_id(), content=article.content, meta=meta)


class ProcessorLock:
    """One batch at a time in the processors; `released()` lets another in while this one waits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._mine = threading.local()

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            self._mine.held = True
            try:
                yield
            finally:
                self._mine.held = False

    @contextmanager
    def released(self) -> Iterator[None]:
        if not getattr(self._mine, "held", False):
            yield
            return
        self._mine.held = False
        self._lock.release()
        try:
            yield
        finally:
            self._lock.acquire()
            self._mine.held = True


@dataclass
class _Batch:
    documents: list[Document]
    origins: dict[str, str]
    hashes: dict[str, str]

    def joinable(self, other: _Batch) -> bool:
        """Written together unless an article is in both (it is written twice, in order)."""
        return self.origins.keys().isdisjoint(other.origins)

    def joined(self, other: _Batch) -> _Batch:
        return _Batch(
            self.documents + other.documents, self.origins | other.origins, self.hashes | other.hashes
        )


class IngestRun:
    """One `Ingestor.ingest` call: the reading loop, enrichment threads and the writer thread.

    Articles read but not written are bounded: `processes + 2` batches being enriched (a slot is
    taken before a batch is read on, and given back once it is queued), two in the queue, one
    being written. A failure that stops the run (Elasticsearch away for too long, say) is kept,
    every thread is let finish, and it is raised from `go`.
    """

    def __init__(
        self,
        config: RunConfig,
        report: IngestReport,
        on_progress: Callable[[int], None],
        on_wait: OnWait | None,
    ) -> None:
        self.config = config
        self.report = report
        self.on_progress = on_progress
        self.on_wait = on_wait
        self.writer = ArticleWriter(
            config.client,
            config.index,
            require_alias=config.require_alias,
            policy=config.policy,
            on_wait=on_wait,
        )
        self.lock = threading.Lock()  # guards the report
        self.error: BaseException | None = None
        self.stop = threading.Event()

    def go(self, items: Iterable[InputItem], processor_lock: ProcessorLock) -> None:
        self.processor_lock = processor_lock
        # with worker processes, one batch more than there are workers keeps them all busy
        enrichers = self.config.processes + 1 if self.config.processes > 1 else 1
        to_write: queue.Queue[_Batch | None] = queue.Queue(maxsize=2)
        slots = threading.Semaphore(enrichers + 1)  # batches read but not yet queued for writing
        writer = threading.Thread(
            target=self._write_loop, args=(to_write,), name="ingest-writer", daemon=True
        )
        writer.start()
        threads: list[threading.Thread] = []
        iterator = iter(items)
        try:
            while not self.stop.is_set() and (batch := tuple(itertools.islice(iterator, self._batch_size()))):
                while not slots.acquire(timeout=0.5):
                    if self.stop.is_set():
                        break
                if self.stop.is_set():
                    break
                thread = threading.Thread(
                    target=self._enrich_task, args=(batch, to_write, slots), name="ingest-enrich", daemon=True
                )
                thread.start()
                threads = [t for t in threads if t.is_alive()] + [thread]
        finally:
            for thread in threads:
                thread.join()
            to_write.put(None)
            writer.join()
        if self.error is not None:
            raise self.error

    def _batch_size(self) -> int:
        return self.config.batch_size

    def _fail(self, failure: Failure, raw: object) -> None:
        """Report the failure, and keep the article with the reason in the dead-letter store."""
        with self.lock:
            self.report.add("failed", failure)
        self.config.dead_letters.add(
            origin=failure.origin, reason=failure.reason, article_id=failure.id, raw=raw
        )

    def _abort(self, error: BaseException) -> None:
        with self.lock:
            self.error = self.error or error
        self.stop.set()

    # --- enrichment ----------------------------------------------------------------------------

    def _enrich_task(
        self, batch: tuple[InputItem, ...], to_write: queue.Queue[_Batch | None], slots: threading.Semaphore
    ) -> None:
        try:
            enriched = self._enrich_batch(batch)
            if enriched is not None:
                to_write.put(enriched)  # the writer always takes: it drains the queue even after a failure
        except BaseException as e:
            self._abort(e)
        finally:
            slots.release()

    def _enrich_batch(self, batch: tuple[InputItem, ...]) -> _Batch | None:
        config = self.config
        documents: dict[str, Document] = {}
        origins: dict[str, str] = {}
        done = 0
        for item in batch:
            if item.article is None:
                self._fail(Failure(origin=item.origin, reason=item.error or "unreadable"), raw=item.raw)
                done += 1
                continue
            doc = to_document(item.article, item.origin, item.ingested_at)
            if doc.id in documents:  # the same article twice in one batch: keep the last
                done += 1
                del documents[doc.id]
            documents[doc.id] = doc
            origins[doc.id] = item.origin
        hashes = {doc_id: content_hash(doc, config.fingerprint) for doc_id, doc in documents.items()}
        if config.skip_unchanged and documents:
            for doc_id in self._unchanged(hashes):
                with self.lock:
                    self.report.add("unchanged", doc_id)
                del documents[doc_id]
                done += 1
        if done:
            self.on_progress(done)
        if not documents:
            return None
        enriched = self._enrich(list(documents.values()))
        return _Batch(documents=enriched, origins=origins, hashes=hashes)

    def _unchanged(self, hashes: dict[str, str]) -> list[str]:
        config = self.config
        return call(
            lambda: unchanged_ids(config.client, config.index, hashes),
            config.policy,
            "checking which articles are stored",
            self.on_wait,
        )

    def _enrich(self, documents: list[Document]) -> list[Document]:
        """The processors' output; again, once Elasticsearch is back, if its absence made them fail."""
        enriched = documents
        for _ in range(ENRICH_ATTEMPTS):
            with self.processor_lock.held():
                enriched = self.config.pipeline.run(documents)
            if any(_recorded(doc, "BrokenProcessPool") for doc in enriched):
                msg = "the spaCy worker processes died (out of memory?); run the ingest again to resume"
                raise RuntimeError(msg)
            if not any(_hit_by_outage(doc) for doc in enriched):
                break
            self._wait_for_elasticsearch()
        return enriched

    def _wait_for_elasticsearch(self) -> None:
        client = self.config.client

        def ready() -> None:
            health = client.options(ignore_status=408).cluster.health(wait_for_status="yellow", timeout="5s")
            if health.get("timed_out") or health.get("status") == "red":
                raise ElasticsearchUnavailableError("the cluster is not ready (no yellow status yet)")

        call(ready, self.config.policy, "waiting to enrich a batch again", self.on_wait)

    # --- writing -------------------------------------------------------------------------------

    def _write_loop(self, to_write: queue.Queue[_Batch | None]) -> None:
        """Write batches until the end marker; after a failure, keep taking them unwritten, so that
        no enrichment thread waits for ever on a full queue.

        Batches that queued up while the previous write ran go out together, in one bulk request
        of up to COALESCE_DOCUMENTS: when Elasticsearch is the slower side, it gets fewer, larger
        requests."""
        done = False
        while not done:
            batch = to_write.get()
            if batch is None:
                break
            while len(batch.documents) < COALESCE_DOCUMENTS:
                try:
                    more = to_write.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    done = True
                    break
                if not batch.joinable(more):
                    self._write_safely(batch)
                    batch = more
                    continue
                batch = batch.joined(more)
            self._write_safely(batch)

    def _write_safely(self, batch: _Batch) -> None:
        if self.error is not None:
            return
        try:
            self._write(batch)
        except BaseException as e:
            self._abort(e)

    def _write(self, batch: _Batch) -> None:
        ready: list[Document] = []
        partial: dict[str, Failure] = {}
        for doc in batch.documents:
            origin = batch.origins[doc.id]
            if errors := doc.meta.get(ERRORS_KEY):
                failure = Failure(origin=origin, reason=describe_errors(errors), id=doc.id)
                if self.config.hold_partial:
                    self._fail(failure, raw=doc.meta["raw"])
                    continue
                partial[doc.id] = failure
            ready.append(dataclasses.replace(doc, meta={**doc.meta, HASH_FIELD: batch.hashes[doc.id]}))
        if self.config.before_write is not None:
            ready = self.config.before_write(ready)
        result = self.writer.write(ready)
        raws = {doc.id: doc.meta["raw"] for doc in ready}
        for doc_id, reason in result.refused.items():
            self._fail(Failure(origin=batch.origins[doc_id], reason=reason, id=doc_id), raw=raws[doc_id])
        with self.lock:
            for doc_id in result.created:
                self.report.add("created", doc_id)
            for doc_id in result.updated:
                self.report.add("updated", doc_id)
            for doc_id, failure in partial.items():
                if doc_id not in result.refused:
                    self.report.add("partial", failure)
            self.report.counts["retried"] += result.retried_items
        self.on_progress(len(batch.documents))


def _hit_by_outage(doc: Document) -> bool:
    return any(error.get("transient") for error in doc.meta.get(ERRORS_KEY) or [])


def _recorded(doc: Document, error_type: str) -> bool:
    return any(error.get("error_type") == error_type for error in doc.meta.get(ERRORS_KEY) or [])
