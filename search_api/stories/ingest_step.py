"""The stories step of an ingest: between enrichment and the write, each batch is put into stories.

The writer thread calls it on every batch, in the order batches are written, so clustering sees
the articles one after the other. Each article leaves with `story_id` and `story_reason`. When
Elasticsearch fails here, the articles are written without a story rather than lost;
`newsdesk stories rebuild` puts them in later.
"""

from __future__ import annotations

import dataclasses
import logging

from elasticsearch import ApiError, Elasticsearch, TransportError
from haystack import Document

from newsdesk.plugins.manager import PluginHost
from newsdesk.search_api.ingest.writer import to_source
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.clustering import StoryAssigner
from newsdesk.search_api.stories.store import StoryStore

logger = logging.getLogger(__name__)

STORY_ID = "story_id"
STORY_REASON = "story_reason"


class StoryStep:
    """Usage: `documents = StoryStep(assigner)(documents)`: the same documents, each with its story."""

    def __init__(self, assigner: StoryAssigner) -> None:
        self.assigner = assigner

    def __call__(self, documents: list[Document]) -> list[Document]:
        try:
            decisions = self.assigner.assign([to_source(doc) for doc in documents])
        except (ApiError, TransportError) as e:
            logger.warning(
                "stories not updated for %d articles (%s); `newsdesk stories rebuild` will", len(documents), e
            )
            return documents
        return [
            dataclasses.replace(
                doc,
                meta={
                    **doc.meta,
                    STORY_ID: decisions[doc.id].story_id,
                    STORY_REASON: decisions[doc.id].reason,
                },
            )
            if doc.id in decisions
            else doc
            for doc in documents
        ]


def story_step(settings: Settings, host: PluginHost, client: Elasticsearch) -> StoryStep | None:
    """The step for this alias with the plugins' story signals; None when no plugin registers one."""
    if not host.story_signals:
        return None
    return StoryStep(StoryAssigner(StoryStore(client, settings.index_alias), host.story_signals))
