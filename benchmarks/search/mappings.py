"""The search benchmark's indexes under the old mapping and the new one, built from one enrichment.

The old mapping (before flat entity facets and lemma fields) is the 10k index `indexes.py` built
with the code of its day: its documents hold nested `entities` only. The new-mapping index takes
those same enriched documents and adds what today's processors add: the flat `people`,
`organizations`, `places`, `groups` keyword arrays (from the resolved entities, as the resolver
does) and `lemmas` of title and text. The lemmas here come from the tokenizer and a per-word
lookup in the lemmatizer's tables (the query side's `QueryExpander.lemmas`, its first other
form), not from the tagged parse the `lemmas` processor reads: on this shared two-core machine
tagging 10,000 articles again took most of an hour, and latency depends on the fields' size and
terms, which a per-word lemma reproduces (the ingest benchmark measures the processor itself).
The 100,000-article indexes repeat those documents under new ids, each keeping its mapping.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from elasticsearch import Elasticsearch, helpers
from rich.progress import Progress

from benchmarks.search.indexes import document_count
from newsdesk.plugins.builtin.entities import EntityResolver
from newsdesk.plugins.builtin.lemmas import LemmaIndexer
from newsdesk.plugins.nlp import load_model
from newsdesk.plugins.specs import Facet
from newsdesk.search_api.search.expansion import QueryExpander
from newsdesk.search_api.search.facets import CORE_FACETS, FacetRegistry
from newsdesk.search_api.services import Services

# The entity facets as they were: nested, filtered by label, counted per article.
OLD_ENTITY_FACETS = [
    Facet(
        name=name,
        label=name,
        field="entities.canonical",
        path="entities",
        where={"entities.label": list(labels)},
    )
    for name, labels in EntityResolver.TYPE_KEYS.items()
]
OLD_REGISTRY = FacetRegistry(
    [*CORE_FACETS, *OLD_ENTITY_FACETS, Facet(name="counted", field="numbers.counted", path="numbers")]
)


def _flat_entities(source: dict[str, Any]) -> dict[str, list[str]]:
    mentions = source.get(EntityResolver.META_KEY) or []
    return {
        key: sorted({m["canonical"] for m in mentions if m.get("label") in types and m.get("canonical")})
        for key, types in EntityResolver.TYPE_KEYS.items()
    }


def looked_up_lemmas(text: str, expander: QueryExpander) -> str:
    """Each word's first other form in the lemmatizer's tables (or the word): no tagger needed."""
    words = [t.text for t in load_model(expander.model).make_doc(text) if not (t.is_punct or t.is_space)]
    return " ".join(_first_other_form(word, expander) for word in words)


def _first_other_form(word: str, expander: QueryExpander) -> str:
    forms = expander.lemmas(word)
    return forms[1] if len(forms) > 1 else word


def with_new_fields(source: dict[str, Any], expander: QueryExpander) -> dict[str, Any]:
    lemmas = {key: looked_up_lemmas(source.get(key) or "", expander) for key in ("title", "content")}
    return {**source, **_flat_entities(source), LemmaIndexer.META_KEY: lemmas}


def build_new_mapping(client: Elasticsearch, old_alias: str, services: Services) -> None:
    """The old index's documents with today's fields, in an index made with today's mapping."""
    target = services.settings.index_alias
    total = document_count(client, old_alias)
    if document_count(client, target) >= total:
        return
    services.ensure_index()
    load_model(services.settings.spacy_model)
    expander = services.expander
    with Progress() as progress:
        task = progress.add_task(f"convert {old_alias} -> {target}", total=total)
        converted = (
            {"_index": target, "_id": hit["_id"], "_source": with_new_fields(hit["_source"], expander)}
            for hit in helpers.scan(client, index=old_alias, query={"query": {"match_all": {}}})
        )
        for ok, _ in helpers.streaming_bulk(client, converted, chunk_size=500):
            progress.advance(task, int(ok))
    client.indices.refresh(index=target)


NEW_FIELDS = (*EntityResolver.TYPE_KEYS, LemmaIndexer.META_KEY)


def _old_mapping(mappings: dict[str, Any]) -> dict[str, Any]:
    """Today's mapping without the flat entity fields, the lemmas and eager global ordinals."""
    properties = {
        name: {k: v for k, v in field.items() if k != "eager_global_ordinals"}
        for name, field in mappings["properties"].items()
        if name not in NEW_FIELDS
    }
    return {**mappings, "properties": properties}


def build_old_mapping(client: Elasticsearch, enriched_alias: str, target_alias: str) -> None:
    """The enriched documents without today's fields, in an index with the mapping before them."""
    if document_count(client, target_alias) >= document_count(client, enriched_alias):
        return
    source_index = next(iter(client.indices.get_alias(name=enriched_alias)))
    definition = client.indices.get(index=source_index)[source_index]
    target_index = _recreate(client, definition, target_alias, _old_mapping(definition["mappings"]))
    stripped = (
        {
            "_index": target_index,
            "_id": hit["_id"],
            "_source": {k: v for k, v in hit["_source"].items() if k not in NEW_FIELDS},
        }
        for hit in helpers.scan(client, index=enriched_alias, query={"query": {"match_all": {}}})
    )
    helpers.bulk(client, stripped, chunk_size=500)
    client.indices.put_settings(index=target_index, settings={"refresh_interval": "1s"})
    client.indices.refresh(index=target_index)


def _recreate(client: Elasticsearch, definition: dict[str, Any], alias: str, mappings: dict[str, Any]) -> str:
    """A fresh `<alias>-v1` with the definition's shards and analysis, reached through `alias`."""
    index_settings = definition["settings"]["index"]
    settings = {k: v for k, v in index_settings.items() if k in ("number_of_shards", "analysis")}
    target_index = f"{alias}-v1"
    if client.indices.exists(index=target_index):
        client.indices.delete(index=target_index)
    client.indices.create(
        index=target_index,
        settings={**settings, "number_of_replicas": 0, "refresh_interval": "-1"},
        mappings=mappings,
        aliases={alias: {}},
    )
    return target_index


def build_repeated_same_mapping(
    client: Elasticsearch, source_alias: str, target_alias: str, size: int
) -> None:
    """`size` copies of the source's documents under new ids, in an index with the source's mapping."""
    if document_count(client, target_alias) >= size:
        return
    source_index = next(iter(client.indices.get_alias(name=source_alias)))
    definition = client.indices.get(index=source_index)[source_index]
    target_index = _recreate(client, definition, target_alias, definition["mappings"])
    with Progress() as progress:
        task = progress.add_task(f"bulk {target_alias}", total=size)
        for ok, _ in helpers.streaming_bulk(
            client, _copies(client, source_alias, target_index, size), chunk_size=1000
        ):
            progress.advance(task, int(ok))
    client.indices.put_settings(index=target_index, settings={"refresh_interval": "1s"})
    client.indices.refresh(index=target_index)
    client.indices.forcemerge(index=target_index, max_num_segments=5)


def _copies(client: Elasticsearch, source: str, target: str, size: int) -> Iterator[dict[str, Any]]:
    produced = 0
    round_ = 0
    while produced < size:
        for hit in helpers.scan(client, index=source, query={"query": {"match_all": {}}}):
            if produced == size:
                return
            yield {"_index": target, "_id": f"{hit['_id']}-r{round_}", "_source": hit["_source"]}
            produced += 1
        round_ += 1
