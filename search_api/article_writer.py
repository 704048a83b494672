"""The last step of the indexing pipeline: writes enriched articles through the Haystack store."""

from __future__ import annotations

from typing import Any

from haystack import Document, component, default_to_dict
from haystack.document_stores.errors import DocumentStoreError
from haystack.document_stores.types import DuplicatePolicy
from haystack_integrations.document_stores.elasticsearch import ElasticsearchDocumentStore

from plugins.guard import ERRORS_KEY


def describe_errors(errors: list[dict[str, str]]) -> str:
    """'processor numbers (plugin numbers) failed: ValueError: ...', one clause per failure."""
    return "; ".join(
        f"processor {e['processor']} (plugin {e['plugin']}) failed: {e['error']}" for e in errors
    )


@component
class ArticleWriter:
    """Writes documents (overwriting same ids) and says which were new, updated or refused.

    A batch with one document Elasticsearch refuses still writes the others: the store writes
    what it can and raises, then each document is written alone to find the one at fault.
    Refresh is left to the caller, once per ingest run, not once per batch.

    An article that a processor failed on carries `enrichment_errors`: it is written anyway and
    listed in `partial`, or, with `hold_partial`, not written and listed in `failed`.
    """

    def __init__(
        self, document_store: ElasticsearchDocumentStore, index: str, hold_partial: bool = False
    ) -> None:
        self.document_store = document_store
        self.index = index
        self.hold_partial = hold_partial

    @component.output_types(
        created=list[str], updated=list[str], failed=list[dict[str, str]], partial=list[dict[str, Any]]
    )
    def run(self, documents: list[Document]) -> dict[str, Any]:
        partial = [
            {"id": doc.id, "errors": doc.meta[ERRORS_KEY]} for doc in documents if doc.meta.get(ERRORS_KEY)
        ]
        failed: list[dict[str, str]] = []
        if self.hold_partial and partial:
            held = {item["id"] for item in partial}
            failed = [{"id": item["id"], "reason": describe_errors(item["errors"])} for item in partial]
            documents = [doc for doc in documents if doc.id not in held]
            partial = []
        existing = self._existing_ids([doc.id for doc in documents])
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
            "partial": partial,
        }

    def _existing_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        found = self.document_store.client.mget(index=self.index, ids=ids, source=False)
        return {item["_id"] for item in found["docs"] if item.get("found")}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            document_store=self.document_store.to_dict(),
            index=self.index,
            hold_partial=self.hold_partial,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleWriter:
        params = data["init_parameters"]
        store = ElasticsearchDocumentStore.from_dict(params["document_store"])
        return cls(
            document_store=store, index=params["index"], hold_partial=params.get("hold_partial", False)
        )
