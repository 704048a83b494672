"""The long-lived parts the API and CLI share: settings, plugins, facets, the ES client, ingest."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from functools import cached_property

from elasticsearch import ApiError, Elasticsearch, TransportError

from newsdesk.plugins.manager import PluginHost, load_plugins
from newsdesk.search_api.index.admin import core_fields, ensure_index
from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.ingest.ingestor import Ingestor
from newsdesk.search_api.search.expansion import QueryExpander, load_synonyms
from newsdesk.search_api.search.facets import CORE_FACETS, FacetRegistry
from newsdesk.search_api.search.query import CORE_TEXT_FIELDS
from newsdesk.search_api.settings import Settings

logger = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    host: PluginHost
    client: Elasticsearch
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ingestor: Ingestor | None = None
    _index_ready: bool = False

    @classmethod
    def start(cls, settings: Settings) -> Services:
        client = make_client(settings)
        host = load_plugins(settings, reserved_fields=core_fields(settings), es_client=lambda: client)
        return cls(settings=settings, host=host, client=client)

    def prepare_index(self) -> None:
        """At the API's start: make the index if Elasticsearch answers now, else `/ready` makes it."""
        try:
            self.ensure_index()
        except (ApiError, TransportError) as e:
            logger.warning("index not checked at start (%s); /ready will make it", type(e).__name__)

    @cached_property
    def facets(self) -> FacetRegistry:
        return FacetRegistry([*CORE_FACETS, *self.host.facets])

    @cached_property
    def text_fields(self) -> list[str]:
        """What `/search` matches query words against: the core fields, then the plugins'."""
        return [*CORE_TEXT_FIELDS, *(field.as_query_field() for field in self.host.search_fields)]

    @cached_property
    def expander(self) -> QueryExpander:
        """Lemmas and synonyms of query words; the synonym file is read (and checked) here, once."""
        return QueryExpander(self.settings.spacy_model, load_synonyms(self.settings.synonyms_path))

    @cached_property
    def search_client(self) -> Elasticsearch:
        """The client for what a caller waits on: `search_timeout`, and a timeout not retried.

        The shared client retries timeouts (right for ingest, whose writes must land), so a query
        slow enough to time out would be sent three times and the caller would wait three times.
        Connection errors are still retried: another node may answer.
        """
        return self.client.options(request_timeout=self.settings.search_timeout, retry_on_timeout=False)

    def ensure_index(self) -> None:
        """Create the index if missing: at start, on `/ready` and before writes, never on reads."""
        if not self._index_ready:
            with self._lock:
                ensure_index(self.client, self.settings, self.host)
                self._index_ready = True

    def ingestor(self) -> Ingestor:
        with self._lock:
            if self._ingestor is None:
                self._ingestor = Ingestor(self.settings, self.host, self.client)
            self._index_ready = True
            return self._ingestor
