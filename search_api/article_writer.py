"""The last step of the indexing pipeline: writes enriched articles through the Haystack store."""

from __future__ import annotations

from typing import Any

from haystack import Document, component, default_to_dict
from haystack.document_stores.errors import DocumentStoreError
from haystack.document_stores.types import DuplicatePolicy
from haystack_integrations.document_stores.elasticsearch import ElasticsearchDocumentStore


@component
class ArticleWriter:
    """Writes documents (overwriting same ids) and says which were new, updated or refused.

    A batch with one document Elasticsearch refuses still writes the others: the store writes
    what it can and raises, then each document is written alone to find the one at fault.
    Refresh is left to the caller, once per ingest run, not once per batch.
    """

    def __init__(self, document_store: ElasticsearchDocumentStore, index: str) -> None:
        self.document_store = document_store
        self.index = index

    @component.output_types(created=list[str], updated=list[str], failed=list[dict[str, str]])
    def run(self, documents: list[Document]) -> dict[str, Any]:
        existing = self._existing_ids([doc.id for doc in documents])
        failed: list[dict[str, str]] = []
        try:
            self.document_store.write_documents(documents, policy=DuplicatePolicy.OVERWRITE, refresh=False)
        except DocumentStoreError:
            for doc in documents:
                try:
                    self.document_store.write_documents(
                        [doc], policy=DuplicatePolicy.OVERWRITE, refresh=False
                    )
                except DocumentStoreError as e:
                    failed.append({"id": doc.id, "reason": f"Elasticsearch refused the document: {e}"})
        refused = {item["id"] for item in failed}
        written = [doc.id for doc in documents if doc.id not in refused]
        return {
            "created": [doc_id for doc_id in written if doc_id not in existing],
            "updated": [doc_id for doc_id in written if doc_id in existing],
            "failed": failed,
        }

    def _existing_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        found = self.document_store.client.mget(index=self.index, ids=ids, source=False)
        return {item["_id"] for item in found["docs"] if item.get("found")}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, document_store=self.document_store.to_dict(), index=self.index)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleWriter:
        params = data["init_parameters"]
        store = ElasticsearchDocumentStore.from_dict(params["document_store"])
        return cls(document_store=store, index=params["index"])
