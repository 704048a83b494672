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
from newsdesk.plugins.chain.pipeline import EnrichmentPipeline
from newsdesk.plugins.manager import PluginError, PluginHost
from newsdesk.search_api.index.admin import ensure_index
from newsdesk.search_api.index.retry import OnWait, RetryPolicy, call, is_transient
from newsdesk.search_api.ingest.dead_letter import DeadLetterStore
from newsdesk.search_api.ingest.fingerprint import HASH_FIELD, enrichment_fingerprint
from newsdesk.search_api.ingest.readers import InputItem
from newsdesk.search_api.ingest.run import (
    Failure,
    IngestReport,
    IngestRun,
    ProcessorLock,
    RunConfig,
    to_document,
)
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.ingest_step import story_step

__all__ = ["HASH_FIELD", "Failure", "IngestReport", "Ingestor", "to_document"]


class Ingestor:
    """Runs articles through the enrichment pipeline that the installed plugins make up, into `index`.

    `index` defaults to the alias (created if missing); a reindex passes the new index instead.
    `processes` > 1 parses in worker processes; `max_wait` is how long Elasticsearch may be away
    before the ingest gives up (0: at once, as the API does: its caller can retry). With `stories`,
    each batch is put into stories (and its copies found) before it is written.
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
        stories: bool = True,
    ) -> None:
        if settings.strict_plugins and host.refused:
            refused = "; ".join(f"{name}: {reason}" for name, reason in host.refused.items())
            msg = f"NEWSDESK_STRICT_PLUGINS is on and plugins were refused ({refused}): fix or disable them"
            raise PluginError(msg)
        self.spacy_model = settings.spacy_model
        policy = RetryPolicy(give_up_after=max_wait)
        if index is None:
            call(lambda: ensure_index(client, settings, host), policy, "creating the index")
        self.story_step = story_step(settings, host, client) if stories else None
        pipeline = EnrichmentPipeline(host.processors, is_transient=is_transient)
        pipeline.warm_up()
        self.config = RunConfig(
            client=client,
            index=index or settings.index_alias,
            require_alias=index is None or index == settings.index_alias,
            policy=policy,
            processes=processes,
            batch_size=settings.ingest_batch_size,
            skip_unchanged=skip_unchanged,
            hold_partial=settings.enrichment_error_policy == "dead_letter",
            dead_letters=DeadLetterStore(settings.dead_letter_path),
            fingerprint=enrichment_fingerprint(settings, host),
            pipeline=pipeline,
            before_write=self.story_step,
        )

    def ingest(
        self,
        items: Iterable[InputItem],
        on_progress: Callable[[int], None] | None = None,
        on_wait: OnWait | None = None,
        keep: int | None = None,
    ) -> IngestReport:
        """Ingest every item; `on_progress(n)` as n more are done, `on_wait` while ES is away."""
        config = self.config
        run = IngestRun(config, IngestReport(keep=keep), on_progress or (lambda n: None), on_wait)
        started = time.monotonic()
        lock = ProcessorLock()
        with shared_parse.worker_processes(self.spacy_model, config.processes, lock.released):
            run.go(items, lock)
        call(lambda: config.client.indices.refresh(index=config.index), config.policy, "refreshing", on_wait)
        if self.story_step is not None:
            call(self.story_step.refresh, config.policy, "refreshing the stories", on_wait)
        run.report.seconds = time.monotonic() - started
        return run.report
