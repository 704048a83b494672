"""What a request's names can be: the outlets of the index and the entities of its registry.

`IndexVocabulary` asks Elasticsearch (the `source` values, and the registry entities whose name or
alias is one of the request's word sequences, in one query); `StaticVocabulary` holds lists, for
tests and the phrasings benchmark.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from newsdesk.plugins.builtin.entities import registry_index
from newsdesk.search_api.services import Services

MAX_SOURCES = 1000
MAX_ENTITIES = 200


@dataclass(frozen=True)
class KnownEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Vocabulary(Protocol):
    def sources(self) -> list[str]: ...

    def entities_named(self, candidates: Iterable[str]) -> list[KnownEntity]:
        """The entities whose name or an alias is one of `candidates` (in any case)."""
        ...


@dataclass(frozen=True)
class StaticVocabulary:
    source_names: list[str]
    entities: list[KnownEntity] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaticVocabulary:
        entities = [KnownEntity(e["name"], e["type"], tuple(e.get("aliases", []))) for e in data["entities"]]
        return cls(list(data["sources"]), entities)

    def sources(self) -> list[str]:
        return self.source_names

    def entities_named(self, candidates: Iterable[str]) -> list[KnownEntity]:
        wanted = {c.lower() for c in candidates}
        return [e for e in self.entities if any(n.lower() in wanted for n in e.names)]


@dataclass(frozen=True)
class IndexVocabulary:
    services: Services

    def sources(self) -> list[str]:
        alias = self.services.settings.index_alias
        aggs = {"sources": {"terms": {"field": "source", "size": MAX_SOURCES}}}
        response = self.services.client.search(index=alias, size=0, aggs=aggs)
        return [bucket["key"] for bucket in response["aggregations"]["sources"]["buckets"]]

    def entities_named(self, candidates: Iterable[str]) -> list[KnownEntity]:
        index = registry_index(self.services.settings.index_alias)
        client = self.services.client
        # Names are stored as written: ask for each sequence as typed, capitalised and in capitals.
        variants = sorted({v for c in candidates for v in (c, c.title(), c.upper(), c[:1].upper() + c[1:])})
        if not variants or not client.indices.exists(index=index):
            return []
        query = {"bool": {"should": [{"terms": {"name": variants}}, {"terms": {"aliases": variants}}]}}
        response = client.search(
            index=index, query=query, size=MAX_ENTITIES, source_includes=["name", "type", "aliases"]
        )
        return [
            KnownEntity(
                hit["_source"]["name"], hit["_source"]["type"], tuple(hit["_source"].get("aliases", []))
            )
            for hit in response["hits"]["hits"]
        ]
