"""How newsdesk reaches Elasticsearch: one client per process, built from settings."""

from __future__ import annotations

from elasticsearch import Elasticsearch
from haystack_integrations.document_stores.elasticsearch import ElasticsearchDocumentStore

from search_api.settings import Settings


def make_client(settings: Settings) -> Elasticsearch:
    return Elasticsearch(settings.es_url, request_timeout=30, retry_on_timeout=True, max_retries=3)


def make_document_store(settings: Settings, client: Elasticsearch) -> ElasticsearchDocumentStore:
    """The Haystack store writing through the index alias (the index itself is made by `index_admin`).

    The store is handed our client: left to itself it first calls `GET /`, which the core-only
    Elasticsearch distribution used for local runs does not serve (it lacks the `rest-root`
    module), and it would create an index with its own default mapping if the alias were missing.
    """
    store = ElasticsearchDocumentStore(hosts=settings.es_url, index=settings.index_alias)
    store._client = client
    return store
