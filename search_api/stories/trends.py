"""Trends: how many articles over time for a query, an entity, a facet value or a story; the busiest stories.

One aggregation query on the article index: a date histogram of `published_at` over the articles
a search selects (the same query language and facet filters as `/search`), the articles giving no
date counted apart, and the stories with the most articles among them.
"""

from __future__ import annotations

from typing import Any, Literal

from newsdesk.search_api.search.models import SearchRequest
from newsdesk.search_api.search.query import build_search_body
from newsdesk.search_api.services import Services
from newsdesk.search_api.stories.service import SUMMARY_FIELDS, store_of, summary

Interval = Literal["day", "week", "month", "quarter", "year"]


def trend(services: Services, request: SearchRequest, interval: Interval, top_stories: int) -> dict[str, Any]:
    body = build_search_body(request, services.facets, services.text_fields)
    query = body["query"]
    if post := body.get("post_filter"):
        query = {"bool": {"must": [query], "filter": [post]}}
    aggs: dict[str, Any] = {
        "over_time": {
            "date_histogram": {"field": "published_at", "calendar_interval": interval, "min_doc_count": 0}
        },
        "undated": {"missing": {"field": "published_at"}},
        "stories": {"terms": {"field": "story_id", "size": top_stories}},
    }
    response = services.client.search(
        index=services.settings.index_alias, query=query, size=0, aggs=aggs, track_total_hits=True
    )
    found = response["aggregations"]
    buckets = [{"date": b["key_as_string"], "count": b["doc_count"]} for b in found["over_time"]["buckets"]]
    counts = {b["key"]: b["doc_count"] for b in found["stories"]["buckets"]}
    stories = []
    store = store_of(services)
    if counts and services.client.indices.exists(index=store.index):
        docs = services.client.mget(index=store.index, ids=list(counts), source_includes=SUMMARY_FIELDS)[
            "docs"
        ]
        stories = [{**summary(d["_source"]), "matching": counts[d["_id"]]} for d in docs if d.get("found")]
    return {
        "total": response["hits"]["total"]["value"],
        "interval": interval,
        "buckets": buckets,
        "undated": found["undated"]["doc_count"],
        "busiest_stories": stories,
    }
