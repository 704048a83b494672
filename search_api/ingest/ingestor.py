"""Ingest: articles stream through the plugins' enrichment pipeline into Elasticsearch.

Reading, enriching and writing overlap, and memory stays flat whatever the size of the input:

- the input is read lazily and cut into batches of `ingest_batch_size` articles;
- with `processes` > 1, spaCy parses in that many worker processes (`shared_parse.worker_processes`)
  and several batches are in flight: while one waits for its parse, another's processors run.
  Processors still run one batch at a time (a lock, let go only while waiting for the parse), so
  a processor such as the entity resolver sees each batch whole, as in a single-threaded run;
- a writer thread takes enriched batches from a bounded queue and bulk-writes them
  (`article_writer`), so Elasticsearch indexes one batch while the next is being enriched.

Elasticsearch being down or overloaded is waited out, within `max_wait` seconds (`retry`): a batch
whose processors failed because Elasticsearch was unreachable is enriched again once it is back.
Articles that fail for good go to the dead-letter store with the reason and their raw input.
Ids are deterministic, so running an ingest again (after a crash, say) rewrites rather than
duplicates; with `skip_unchanged`, articles already stored from the same input by the same
plugins are not enriched again, which makes such a re-run quick.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from elasticsearch import Elasticsearch

from newsdesk.plugins import nlp as shared_parse
from newsdesk.plugins.manager import PluginError, PluginHost
from newsdesk.plugins.pipeline import EnrichmentPipeline
from newsdesk.search_api.index.admin import ensure_index
from newsdesk.search_api.index.retry import OnWait, RetryPolicy, call
from newsdesk.search_api.ingest.dead_letter import DeadLetterStore
from newsdesk.search_api.ingest.fingerprint import HASH_FIELD, enrichment_fingerprint
from newsdesk.search_api.ingest.readers import InputItem
from newsdesk.search_api.ingest.run import Failure, IngestReport, IngestRun, ProcessorLock, to_document
from newsdesk.search_api.settings import Settings

__all__ = ["HASH_FIELD", "Failure", "IngestReport", "Ingestor", "to_document"]


class Ingestor:
    """Runs articles through the enrichment pipeline that the installed plugins make up, into `index`.

    `index` defaults to the alias (created if missing); a reindex passes the new index instead.
    `processes` > 1 parses in worker processes; `max_wait` is how long Elasticsearch may be away
    before the ingest gives up (0: at once, as the API does: its caller can retry).
    """

    def __init__(
        self,
        settings: Settings,
        host: PluginHost,
        client: Elasticsearch,
        *,
        index: str | None = None,
        processes: int = 1,
        skip_unchanged: bool = False,
        max_wait: float = 0.0,
    ) -> None:
        if settings.strict_plugins and host.refused:
            refused = "; ".join(f"{name}: {reason}" for name, reason in host.refused.items())
            msg = f"NEWSDESK_STRICT_PLUGINS is on and plugins were refused ({refused}): fix or disable them"
            raise PluginError(msg)
        self.settings = settings
        self.client = client
        self.policy = RetryPolicy(give_up_after=max_wait)
        self.index = index or settings.index_alias
        if index is None:
            call(lambda: ensure_index(client, settings, host), self.policy, "creating the index")
        self.processes = processes
        self.skip_unchanged = skip_unchanged
        self.hold_partial = settings.enrichment_error_policy == "dead_letter"
        self.dead_letters = DeadLetterStore(settings.dead_letter_path)
        self.fingerprint = enrichment_fingerprint(settings, host)
        self.pipeline = EnrichmentPipeline(host.processors)
        self.pipeline.warm_up()

    def ingest(
        self,
        items: Iterable[InputItem],
        on_progress: Callable[[int], None] | None = None,
        on_wait: OnWait | None = None,
        keep: int | None = None,
    ) -> IngestReport:
        """Ingest every item; `on_progress(n)` as n more are done, `on_wait` while ES is away."""
        run = IngestRun(self, IngestReport(keep=keep), on_progress or (lambda n: None), on_wait)
        started = time.monotonic()
        lock = ProcessorLock()
        with shared_parse.worker_processes(self.settings.spacy_model, self.processes, lock.released):
            run.go(items, lock)
        call(lambda: self.client.indices.refresh(index=self.index), self.policy, "refreshing", on_wait)
        run.report.seconds = time.monotonic() - started
        return run.report
