"""The entity registry: one Elasticsearch document per canonical entity, beside the article index.

Each document holds the entity's id, display name, type, every name it has been written under
(`aliases`), the keys those names meet under (`names.name_key`, `translit_key`, `skeleton`) and
the type votes seen so far. Ingest reads it before resolving a batch, so an article ingested
today resolves to the entity an article registered last week, and writes it back in one bulk.

How many articles mention an entity is not stored: it is counted from the article index when
asked (`article_counts`), so re-ingesting or deleting articles can never leave it wrong.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

from newsdesk.plugins.builtin.entities.clustering import Entity, Known, is_short_form
from newsdesk.plugins.builtin.entities.names import initials, name_key, skeleton, translit_key
from newsdesk.plugins.errors import NewsdeskError

INDEX_SUFFIX = "-entities"
ARTICLE_IDS_FIELD = "entity_ids"
_MAX_CANDIDATES = 10_000


class RegistryError(NewsdeskError):
    """The entity registry could not be created, read or written."""


def registry_index(articles_alias: str) -> str:
    """The registry's index name, derived from the article alias: "newsdesk-articles-entities"."""
    return f"{articles_alias}{INDEX_SUFFIX}"


def entity_document(entity: Entity) -> dict[str, Any]:
    """The registry document of an entity. A surname ("Dillon") is shown as an alias but is no
    key: alone in another article it may be someone else."""
    names = [entity.name, *entity.aliases]
    full = [n for n in names if not is_short_form(n, entity.name)]
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "names": names,
        # the initials of its long names too: "AP" in a later article finds "Associated Press"
        "keys": sorted({name_key(n) for n in full} | _initials_keys(entity, full)),
        "translit_keys": sorted({translit_key(n) for n in full}),
        "skeletons": sorted({skeleton(n) for n in full}),
        "votes": dict(entity.votes),
        "updated_at": datetime.now(UTC).isoformat(),
    }


def _initials_keys(entity: Entity, names: list[str]) -> set[str]:
    if entity.type == "PERSON":
        return set()
    return {key for name in names for key in initials(name)}


def known_entity(source: dict[str, Any]) -> Known:
    return Known(
        id=source["id"],
        name=source["name"],
        type=source["type"],
        aliases=list(source.get("aliases", [])),
        votes=Counter(source.get("votes", {})),
    )


class EntityRegistry:
    """Reads and writes the registry index; creates it from `mapping_path` on first use."""

    def __init__(self, client: Elasticsearch, index: str, mapping_path: Path) -> None:
        self.client = client
        self.index = index
        self.mapping_path = mapping_path
        self._ready = False

    def ensure_index(self) -> None:
        if self._ready:
            return
        if not self.client.indices.exists(index=self.index):
            try:
                body = json.loads(self.mapping_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                msg = f"cannot read the entity registry mapping {self.mapping_path}: {e}"
                raise RegistryError(msg) from e
            self.client.options(ignore_status=400).indices.create(
                index=self.index, settings=body["settings"], mappings=body["mappings"]
            )  # 400: created meanwhile by another process
        self._ready = True

    def candidates(self, names: Iterable[str]) -> list[Known]:
        """Registered entities that one of `names` may resolve to (same key, or same outline)."""
        names = list(names)
        if not names:
            return []
        self.ensure_index()
        query = {
            "bool": {
                "should": [
                    {"terms": {"keys": sorted({name_key(n) for n in names})}},
                    {"terms": {"skeletons": sorted({skeleton(n) for n in names})}},
                ],
                "minimum_should_match": 1,
            }
        }
        response = self.client.search(index=self.index, query=query, size=_MAX_CANDIDATES)
        return [known_entity(hit["_source"]) for hit in response["hits"]["hits"]]

    def save(self, entities: Iterable[Entity]) -> None:
        """Write the batch's entities in one bulk request, visible to the next batch at once."""
        operations: list[dict[str, Any]] = []
        for entity in {e.id: e for e in entities}.values():
            operations += [{"index": {"_index": self.index, "_id": entity.id}}, entity_document(entity)]
        if not operations:
            return
        self.ensure_index()
        response = self.client.bulk(operations=operations, refresh=True)
        if response.get("errors"):
            reasons = [
                item["index"]["error"].get("reason", "")
                for item in response["items"]
                if "error" in item.get("index", {})
            ]
            msg = f"the entity registry refused {len(reasons)} entities: {reasons[:3]}"
            raise RegistryError(msg)


def suggest(
    client: Elasticsearch, index: str, prefix: str, types: list[str] | None, size: int
) -> list[dict[str, Any]]:
    """Registered entities whose name or alias starts like `prefix`, best matches first.

    "Deir ez" finds "Deir ez-Zor" by its words, "Der" by its transliteration key ("dir zur").
    """
    if not client.indices.exists(index=index):
        return []
    should: list[dict[str, Any]] = [{"match_bool_prefix": {"names": {"query": prefix, "operator": "and"}}}]
    for field, key in (("keys", name_key(prefix)), ("translit_keys", translit_key(prefix))):
        if key:  # "!!!" has no key, and an empty prefix would match everything
            should.append({"prefix": {field: {"value": key}}})
    query: dict[str, Any] = {"bool": {"should": should, "minimum_should_match": 1}}
    if types:
        query["bool"]["filter"] = [{"terms": {"type": [t.upper() for t in types]}}]
    response = client.search(index=index, query=query, size=size)
    return [hit["_source"] for hit in response["hits"]["hits"]]


def article_counts(client: Elasticsearch, articles: str, ids: list[str]) -> dict[str, int]:
    """How many articles of the article index mention each entity, counted now."""
    if not ids or not client.indices.exists(index=articles):
        return {}
    response = client.search(
        index=articles,
        size=0,
        query={"terms": {ARTICLE_IDS_FIELD: ids}},
        aggs={"ids": {"terms": {"field": ARTICLE_IDS_FIELD, "include": ids, "size": len(ids)}}},
    )
    return {b["key"]: b["doc_count"] for b in response["aggregations"]["ids"]["buckets"]}


MENTION_CANDIDATES = 50  # registry matches ranked by their article counts before `size` are kept


def most_mentioned(
    client: Elasticsearch, articles: str, prefix: str, types: list[str] | None, size: int
) -> list[dict[str, Any]]:
    """Entities a name starting with `prefix` may stand for, most mentioned in `articles` first.

    Each is `{"id", "name", "type", "aliases", "article_count"}`: what `/entities` and the MCP
    `entities` tool both answer.
    """
    found = suggest(client, registry_index(articles), prefix, types, MENTION_CANDIDATES)
    counts = article_counts(client, articles, [entity["id"] for entity in found])
    ranked = sorted(found, key=lambda entity: -counts.get(entity["id"], 0))[:size]
    return [
        {
            "id": entity["id"],
            "name": entity["name"],
            "type": entity["type"],
            "aliases": entity.get("aliases", []),
            "article_count": counts.get(entity["id"], 0),
        }
        for entity in ranked
    ]
