"""The stories step of an ingest: between enrichment and the write, each batch is put into stories.

The writer thread calls it on every batch, in the order batches are written, so clustering sees
the articles one after the other. Each article leaves with `story_id` and `story_reason`. When
Elasticsearch fails here, the articles are written without a story rather than lost;
`newsdesk stories rebuild` puts them in later.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError
from haystack import Document

from newsdesk.plugins.manager import PluginHost
from newsdesk.search_api.ingest.writer import to_source
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.clustering import StoryAssigner
from newsdesk.search_api.stories.copies import COPIES, DUPLICATE_OF, CopyFinder
from newsdesk.search_api.stories.store import StoryStore

logger = logging.getLogger(__name__)

STORY_ID = "story_id"
STORY_REASON = "story_reason"


class StoryStep:
    """Usage: `documents = StoryStep(assigner, copies)(documents)`: the documents, each with its story."""

    def __init__(self, assigner: StoryAssigner, copies: CopyFinder | None = None) -> None:
        self.assigner = assigner
        self.copies = copies

    def __call__(self, documents: list[Document]) -> list[Document]:
        sources = [to_source(doc) for doc in documents]
        added: dict[str, dict[str, Any]] = {doc.id: {} for doc in documents}
        try:
            if self.copies is not None:
                found = self.copies.find(sources)
                for doc_id, fields in found.items():
                    added[doc_id].update(fields)
                originals = Counter(f[DUPLICATE_OF] for f in found.values() if DUPLICATE_OF in f)
                for original in originals.keys() & added.keys():
                    added[original][COPIES] = originals.pop(original)
                self.copies.count_copies(dict(originals))
            for doc_id, decision in self.assigner.assign(sources).items():
                added[doc_id].update({STORY_ID: decision.story_id, STORY_REASON: decision.reason})
        except (ApiError, TransportError) as e:
            logger.warning(
                "stories not updated for %d articles (%s); `newsdesk stories rebuild` will", len(documents), e
            )
        return [
            dataclasses.replace(doc, meta={**doc.meta, **added[doc.id]}) if added[doc.id] else doc
            for doc in documents
        ]

    def refresh(self) -> None:
        """Make what the run wrote searchable now (at the end of an ingest)."""
        self.assigner.store.refresh()


def story_step(settings: Settings, host: PluginHost, client: Elasticsearch) -> StoryStep | None:
    """The step for this alias with the plugins' story signals; None when no plugin registers one."""
    if not host.story_signals:
        return None
    assigner = StoryAssigner(StoryStore(client, settings.index_alias), host.story_signals)
    return StoryStep(assigner, CopyFinder(client, settings.index_alias))
