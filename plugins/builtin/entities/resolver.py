"""The Haystack component that gives every entity mention its canonical entity, across articles."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

from elasticsearch import Elasticsearch
from haystack import Document, component, default_from_dict, default_to_dict, logging

from newsdesk.plugins.builtin.entities.aliases import AliasTable, load_aliases
from newsdesk.plugins.builtin.entities.clustering import Entity, Form, Known, is_short_form, resolve_forms
from newsdesk.plugins.builtin.entities.names import is_acronym, name_key, slug
from newsdesk.plugins.builtin.entities.registry import EntityRegistry

logger = logging.getLogger(__name__)


def pinned_entities(table: AliasTable) -> list[Known]:
    return [
        Known(
            id=f"{e.type.lower()}:{slug(e.name)}",
            name=e.name,
            type=e.type,
            aliases=list(e.aliases),
            pinned=True,
        )
        for e in table.entries
    ]


def collect_forms(documents: list[Document], key: str) -> tuple[dict[str, Form], dict[str, str]]:
    """The batch's forms by name key, and the acronyms and nicknames its articles define (their key
    -> the full name's form key)."""
    forms: dict[str, Form] = {}
    acronyms: dict[str, str] = {}
    for doc in documents:
        voted: set[str] = set()
        for mention in doc.meta.get(key) or []:
            form_key = name_key(mention["form"])
            if not form_key:
                continue
            form = forms.setdefault(form_key, Form(key=form_key))
            form.spellings[mention["form"]] += 1
            if form_key not in voted:  # one vote per article: a long article is not ten witnesses
                voted.add(form_key)
                form.votes[mention.get("article_label") or mention["label"]] += 1
            written = mention["name"]
            if written != mention["form"]:
                form.variants[written] += 1
                if is_acronym(written) or not is_short_form(written, mention["form"]):
                    # a defined acronym, or a nickname the article gives ("Whitey" for James Bulger)
                    acronyms.setdefault(name_key(written), form_key)
            if mention.get("title"):
                form.variants[f"{mention['title']} {written}"] += 1
    return forms, acronyms


def previous_votes(documents: list[Document], key: str) -> Counter[tuple[str, str]]:
    """(entity id, label) votes that earlier versions of these articles cast: they are being replaced."""
    votes: Counter[tuple[str, str]] = Counter()
    for doc in documents:
        voted = {
            (mention["entity_id"], name_key(mention["form"])): mention.get("article_label")
            or mention["label"]
            for mention in doc.meta.get(key) or []
            if mention.get("entity_id")
        }
        votes.update((entity_id, label) for (entity_id, _), label in voted.items())
    return votes


def _with_registered(
    pinned: list[Known], registered: list[Known], replaced: Counter[tuple[str, str]]
) -> list[Known]:
    """Alias-file entries keep their name and type, and gain what the registry learnt about them.

    Votes of the articles being re-ingested are taken out, so re-ingesting never counts twice.
    """
    for known in registered:
        for (entity_id, label), count in replaced.items():
            if entity_id == known.id:
                known.votes[label] -= count
        known.votes = +known.votes  # drop what fell to zero
    by_id = {k.id: k for k in registered}
    merged = []
    for entry in pinned:
        seen = by_id.pop(entry.id, None)
        if seen is not None:
            extra = [a for a in seen.aliases if a not in entry.aliases and a != entry.name]
            entry = dataclasses.replace(entry, aliases=[*entry.aliases, *extra], votes=seen.votes)
        merged.append(entry)
    return merged + list(by_id.values())


@component
class EntityResolver:
    """Resolves each mention to one canonical entity, within the batch and against the registry.

    Adds to each mention of `meta["entities"]` its `canonical` name and `entity_id`
    ("gpe:deir-ez-zor") and sets its `label` to the entity's type (the tagger's stays in
    `article_label`); adds to the article `entity_ids` and `entity_names` (canonical names and
    aliases, so a search for "Daesh" finds an article that says "Islamic State"). See
    `clustering` for the rules. With `es_url` set, entities are read from and written to the
    registry index (`registry_index`), one search and one bulk per batch.

    Usage:
        resolver = EntityResolver(aliases_path="index_config/entity_aliases.yaml")
        docs = EntityTagger().run(documents=[Document(content="ISIS fighters left Raqqa.")])["documents"]
        mention = resolver.run(documents=docs)["documents"][0].meta["entities"][0]
        assert (mention["canonical"], mention["entity_id"]) == ("Islamic State", "org:islamic-state")
    """

    META_KEY = "entities"
    IDS_KEY = "entity_ids"
    NAMES_KEY = "entity_names"
    # Flat keyword arrays of the article's canonical names per type: what the facets count
    # (a terms aggregation on a top-level field, not a nested one with a filter, is ~4x cheaper).
    TYPE_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {
        "people": ("PERSON",),
        "organizations": ("ORG",),
        "places": ("GPE", "LOC", "FAC"),
        "groups": ("NORP",),
    }

    def __init__(
        self,
        aliases_path: str | None = None,
        es_url: str | None = None,
        registry_index: str | None = None,
        mapping_path: str | None = None,
        articles_index: str | None = None,
        client: Elasticsearch | None = None,
    ) -> None:
        """`client`: the host's configured client (credentials, TLS); else one is made from `es_url`.
        It is not serialised: credentials never go into `to_dict`."""
        self.aliases_path = aliases_path
        self.es_url = es_url
        self.registry_index = registry_index
        self.mapping_path = mapping_path
        self.articles_index = articles_index
        self._registry: EntityRegistry | None = None
        self._client = client

    def warm_up(self) -> None:
        load_aliases(self.aliases_path)
        if self._registry is None and self.es_url and self.registry_index and self.mapping_path:
            client = self._client or Elasticsearch(
                self.es_url, request_timeout=30, retry_on_timeout=True, max_retries=3
            )
            self._registry = EntityRegistry(client, self.registry_index, Path(self.mapping_path))

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        self.warm_up()
        forms, acronyms = collect_forms(documents, self.META_KEY)
        known = pinned_entities(load_aliases(self.aliases_path))
        if self._registry is not None and forms:
            names = [s for form in forms.values() for s in (*form.spellings, *form.variants)]
            replaced = previous_votes(self._previous(documents), self.META_KEY)
            known = _with_registered(known, self._registry.candidates(names), replaced)
        resolved = resolve_forms(forms, acronyms, known)
        if self._registry is not None:
            self._registry.save(resolved.values())
        logger.debug(
            "resolved {forms} names to {entities} entities",
            forms=len(forms),
            entities=len({e.id for e in resolved.values()}),
        )
        return {"documents": [self._annotate(doc, resolved) for doc in documents]}

    def _previous(self, documents: list[Document]) -> list[Document]:
        """The stored versions of these articles, if they were ingested before."""
        if self._registry is None or not self.articles_index:
            return []
        client = self._registry.client
        if not client.indices.exists(index=self.articles_index):
            return []
        found = client.mget(index=self.articles_index, ids=[d.id for d in documents], source=[self.META_KEY])
        return [Document(id=item["_id"], meta=item["_source"]) for item in found["docs"] if item.get("found")]

    def _annotate(self, doc: Document, resolved: dict[str, Entity]) -> Document:
        mentions = []
        entities: dict[str, Entity] = {}
        for mention in doc.meta.get(self.META_KEY) or []:
            entity = resolved.get(name_key(mention["form"]))
            if entity is None:
                continue
            entities.setdefault(entity.id, entity)
            mentions.append(
                {
                    **mention,
                    "article_label": mention.get("article_label") or mention["label"],
                    "label": entity.type,
                    "canonical": entity.name,
                    "entity_id": entity.id,
                }
            )
        names = dict.fromkeys(n for e in entities.values() for n in (e.name, *e.aliases))
        meta = {
            **doc.meta,
            self.META_KEY: mentions,
            self.IDS_KEY: sorted(entities),
            self.NAMES_KEY: list(names),
        }
        for key, types in self.TYPE_KEYS.items():
            meta[key] = sorted({e.name for e in entities.values() if e.type in types})
        return dataclasses.replace(doc, meta=meta)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self,
            aliases_path=self.aliases_path,
            es_url=self.es_url,
            registry_index=self.registry_index,
            mapping_path=self.mapping_path,
            articles_index=self.articles_index,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityResolver:
        return default_from_dict(cls, data)
