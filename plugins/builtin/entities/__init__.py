"""Built-in plugin: named entities, tagged in each article and resolved to one canonical entity each.

Two processors, registered through the `newsdesk` entry point like any third-party plugin:

- `entities` (order 200, `EntityTagger`): spaCy NER on the shared parse (`spacy_parse`), cleaned,
  completed and typed per article; each mention gets the full name it stands for there.
- `entity_resolver` (order 210, `EntityResolver`): across the batch, the alias file and the entity
  registry (an index of its own, `<alias>-entities`), one canonical name and id per entity.

Names, not numbers: DATE, CARDINAL, PERCENT and the other numeric labels belong to the number
normaliser, which reads the same parse. Facets count and filter canonical names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.plugins.builtin.entities.registry import registry_index
from newsdesk.plugins.builtin.entities.resolver import EntityResolver
from newsdesk.plugins.builtin.entities.spans import EntitySpan, clean_span
from newsdesk.plugins.builtin.entities.tagger import EntityTagger
from newsdesk.plugins.hookspecs import RegisterFacet, RegisterMapping, RegisterProcessor, hookimpl
from newsdesk.plugins.specs import Facet

if TYPE_CHECKING:
    from newsdesk.search_api.settings import Settings

__all__ = ["EntityResolver", "EntitySpan", "EntityTagger", "clean_span"]

NEWSDESK_HOOK_API = 1

REGISTRY_MAPPING_FILE = "entities.v1.json"
ENTITY_FACETS = (
    ("people", "People", ["PERSON"]),
    ("organizations", "Organisations", ["ORG"]),
    ("places", "Places", ["GPE", "LOC", "FAC"]),
    ("groups", "Nationalities and groups", ["NORP"]),
)
MAPPING = {
    EntityTagger.META_KEY: {
        "type": "nested",
        "properties": {
            "text": {"type": "keyword", "index": False},
            "name": {"type": "keyword"},
            "label": {"type": "keyword"},
            "start": {"type": "integer", "index": False},
            "end": {"type": "integer", "index": False},
            "form": {"type": "keyword", "index": False},
            "title": {"type": "keyword", "index": False},
            "article_label": {"type": "keyword", "index": False},
            "canonical": {"type": "keyword"},
            "entity_id": {"type": "keyword"},
        },
    },
    EntityResolver.IDS_KEY: {"type": "keyword"},
    # Searched with a low boost: a search for one name of an entity finds articles using another.
    EntityResolver.NAMES_KEY: {"type": "text", "analyzer": "standard"},
}


@hookimpl
def newsdesk_register_processors(register: RegisterProcessor, settings: Settings) -> None:
    from newsdesk.search_api.index.client import (
        make_client,  # the host's client settings: credentials, TLS, retries
    )

    aliases = str(settings.entity_aliases_path)
    register("entities", EntityTagger(model=settings.spacy_model, aliases_path=aliases), order=200)
    resolver = EntityResolver(
        aliases_path=aliases,
        es_url=settings.es_url,
        registry_index=registry_index(settings.index_alias),
        mapping_path=str(settings.index_config_dir / REGISTRY_MAPPING_FILE),
        articles_index=settings.index_alias,
        client=make_client(settings),
    )
    register("entity_resolver", resolver, order=210, after=["entities"])


@hookimpl
def newsdesk_register_mappings(register: RegisterMapping) -> None:
    register(MAPPING)


@hookimpl
def newsdesk_register_facets(register: RegisterFacet) -> None:
    for name, label, entity_labels in ENTITY_FACETS:
        register(
            Facet(
                name=name,
                label=label,
                field="entities.canonical",
                path="entities",
                where={"entities.label": entity_labels},
            )
        )
