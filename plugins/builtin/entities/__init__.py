"""Built-in plugin: named entities, tagged in each article and resolved to one canonical entity each.

Two processors, listed in `DEFAULT_PLUGINS` and registered like any third-party plugin's:

- `entities` (order 200, `EntityTagger`): spaCy NER on the shared parse (`newsdesk.plugins.nlp`), cleaned,
  completed and typed per article; each mention gets the full name it stands for there.
- `entity_resolver` (order 210, `EntityResolver`): across the batch, the alias file and the entity
  registry (an index of its own, `<alias>-entities`), one canonical name and id per entity.

Names, not numbers: DATE, CARDINAL, PERCENT and the other numeric labels belong to the number
normaliser, which reads the same parse. Facets count and filter canonical names; `/search` also
matches the entities' other names (`entity_names`, a low boost); `GET /entities` completes names
from the registry. Disable the plugin and all of it goes.

The service may use `load_aliases` and `registry_index` from here (the QA engine expands the
names of a question with them); nothing else of this package is public.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from newsdesk.plugins.annotations import EntityMention, nested_mapping
from newsdesk.plugins.builtin.entities.aliases import load_aliases
from newsdesk.plugins.builtin.entities.registry import most_mentioned, registry_index
from newsdesk.plugins.builtin.entities.resolver import EntityResolver
from newsdesk.plugins.builtin.entities.spans import EntitySpan, clean_span
from newsdesk.plugins.builtin.entities.tagger import EntityTagger
from newsdesk.plugins.hookspecs import (
    RegisterFacet,
    RegisterMapping,
    RegisterProcessor,
    RegisterRouter,
    RegisterSearchField,
    hookimpl,
)
from newsdesk.plugins.specs import Facet

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from newsdesk.plugins.specs import HostSettings

__all__ = [
    "EntityResolver",
    "EntitySpan",
    "EntityTagger",
    "clean_span",
    "load_aliases",
    "most_mentioned",
    "registry_index",
]

NEWSDESK_HOOK_API = 1

REGISTRY_MAPPING_FILE = "entities.v1.json"
NAMES_BOOST = 0.3  # a search for one name of an entity finds articles using another, ranked lower
ENTITY_FACETS = (
    ("people", "People"),
    ("organizations", "Organisations"),
    ("places", "Places"),
    ("groups", "Nationalities and groups"),
)
# Facet fields: their global ordinals are built at refresh rather than by the first search after it.
FACET_FIELD = {"type": "keyword", "eager_global_ordinals": True}
MAPPING = {
    EntityTagger.META_KEY: nested_mapping(EntityMention),
    EntityResolver.IDS_KEY: {"type": "keyword"},
    # Searched with a low boost: a search for one name of an entity finds articles using another.
    EntityResolver.NAMES_KEY: {"type": "text", "analyzer": "standard"},
    **{key: FACET_FIELD for key in EntityResolver.TYPE_KEYS},
}


@hookimpl
def newsdesk_register_processors(
    register: RegisterProcessor, settings: HostSettings, es_client: Callable[[], Elasticsearch]
) -> None:
    aliases = str(settings.entity_aliases_path)
    register("entities", EntityTagger(model=settings.spacy_model, aliases_path=aliases), order=200)
    resolver = EntityResolver(
        aliases_path=aliases,
        es_url=settings.es_url,
        registry_index=registry_index(settings.index_alias),
        mapping_path=str(settings.index_config_dir / REGISTRY_MAPPING_FILE),
        articles_index=settings.index_alias,
        client=es_client(),  # the host's: credentials, TLS, retries
    )
    register("entity_resolver", resolver, order=210, after=["entities"])


@hookimpl
def newsdesk_register_mappings(register: RegisterMapping) -> None:
    register(MAPPING)


@hookimpl
def newsdesk_register_facets(register: RegisterFacet) -> None:
    for name, label in ENTITY_FACETS:
        register(Facet(name=name, label=label, field=name))


@hookimpl
def newsdesk_register_search_fields(register: RegisterSearchField) -> None:
    register(EntityResolver.NAMES_KEY, boost=NAMES_BOOST)


@hookimpl
def newsdesk_register_routers(
    register: RegisterRouter, settings: HostSettings, es_client: Callable[[], Elasticsearch]
) -> None:
    from newsdesk.plugins.builtin.entities.routes import entities_router

    register(entities_router(settings.index_alias, es_client))
