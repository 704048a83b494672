"""Reads stories for the API: lists (all, or those of the articles a search matches) and one story whole."""

from __future__ import annotations

from typing import Any

from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.query import build_search_body
from newsdesk.search_api.services import Services
from newsdesk.search_api.stories.figures import figure_table
from newsdesk.search_api.stories.store import TOP_ENTITIES, StoryStore

SUMMARY_FIELDS = [
    "id",
    "title",
    "first_seen",
    "last_update",
    "article_count",
    "outlets",
    "profile",
    "entity_names",
]


def store_of(services: Services) -> StoryStore:
    return StoryStore(services.client, services.settings.index_alias)


def list_stories(services: Services, request: SearchRequest, size: int) -> dict[str, Any]:
    """The stories of the articles a search matches, most articles first; without one, all, newest first."""
    store = store_of(services)
    if not services.client.indices.exists(index=store.index):
        return {"total": 0, "stories": []}
    if (
        not request.query.strip()
        and not request.filters
        and not request.numbers
        and not request.date_from
        and not request.date_to
    ):
        found = services.client.search(
            index=store.index,
            size=size,
            sort=[{"last_update": "desc"}],
            source_includes=SUMMARY_FIELDS,
            track_total_hits=True,
        )
        return {
            "total": found["hits"]["total"]["value"],
            "stories": [summary(h["_source"]) for h in found["hits"]["hits"]],
        }
    body = build_search_body(request, services.facets, services.text_fields)
    query = body["query"]
    if post := body.get("post_filter"):
        query = {"bool": {"must": [query], "filter": [post]}}
    aggs: dict[str, Any] = {
        "stories": {"terms": {"field": "story_id", "size": size}},
        "count": {"cardinality": {"field": "story_id"}},
    }
    response = services.client.search(index=services.settings.index_alias, query=query, size=0, aggs=aggs)
    ids = [b["key"] for b in response["aggregations"]["stories"]["buckets"]]
    if not ids:
        return {"total": 0, "stories": []}
    stories = services.client.mget(index=store.index, ids=ids, source_includes=SUMMARY_FIELDS)["docs"]
    return {
        "total": response["aggregations"]["count"]["value"],
        "stories": [summary(d["_source"]) for d in stories if d.get("found")],
    }


def summary(source: dict[str, Any]) -> dict[str, Any]:
    counts = (source.get("profile") or {}).get("entities") or {}
    names = source.get("entity_names") or {}
    top = sorted(counts.items(), key=lambda kv: -kv[1])[:TOP_ENTITIES]
    return {
        "id": source["id"],
        "title": source.get("title") or "",
        "first_seen": source["first_seen"],
        "last_update": source["last_update"],
        "article_count": source.get("article_count", 0),
        "outlets": source.get("outlets") or [],
        "top_entities": [{"id": e, "name": names.get(e) or e, "articles": n} for e, n in top],
    }


def story_detail(services: Services, story_id: str) -> dict[str, Any] | None:
    source = store_of(services).get(story_id, with_profile=True)
    if source is None:
        return None
    articles = sorted(source.get("members") or [], key=lambda m: (m["time"], m["id"]))
    return {
        **summary(source),
        "articles": articles,
        "figures": figure_table(source.get("figures") or [], services.host.figure_rules),
    }
