"""The stories index (`<alias>-stories`): one document per story, its profile, members and figures.

A story document holds what the API shows (title, first seen, last update, outlets, top entities,
article ids) and what clustering needs to compare an incoming article with it (the profile: entity
and term counts, precise figures), so a join costs one search and no look at the articles. The
candidates for an article are the stories updated within the time window around it that share its
canonical entities or title and lead terms: cost per article stays flat however many stories there
are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from elasticsearch import Elasticsearch, NotFoundError, helpers

from newsdesk.plugins.stories import ArticleFeatures, StoryProfile
from newsdesk.search_api.stories.features import parse_time

INDEX_SUFFIX = "-stories"
PROFILE_TERMS = 300  # a story keeps its most frequent title and lead words
PROFILE_ENTITIES = 100
TOP_ENTITIES = 10  # shown, and matched when looking for candidates
CANDIDATES = 20
# What scoring a candidate needs: its members, figures and text stay in the index until it is joined.
PROFILE_FIELDS = [
    "id",
    "title",
    "first_seen",
    "last_update",
    "first_published",
    "last_published",
    "outlets",
    "article_ids",
    "profile",
    "entity_names",
]

MAPPINGS: dict[str, Any] = {
    "dynamic": False,
    "properties": {
        "id": {"type": "keyword"},
        "title": {"type": "text", "fields": {"raw": {"type": "keyword", "ignore_above": 512}}},
        "first_seen": {"type": "date"},
        "last_update": {"type": "date"},
        "first_published": {"type": "date"},
        "last_published": {"type": "date"},
        "outlets": {"type": "keyword"},
        "article_ids": {"type": "keyword"},
        "article_count": {"type": "integer"},
        "top_entities": {"type": "keyword"},
        "text": {"type": "text"},  # the members' titles and leads, for finding candidates and /stories?q=
        "profile": {"type": "object", "enabled": False},
        "entity_names": {"type": "object", "enabled": False},
        "members": {"type": "object", "enabled": False},
        "figures": {"type": "object", "enabled": False},
    },
}


def stories_index(alias: str) -> str:
    return f"{alias}{INDEX_SUFFIX}"


@dataclass
class StoryRecord:
    """A story as stored: its profile, its members (with why each joined) and its figure mentions."""

    profile: StoryProfile
    members: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    entity_names: dict[str, str] = field(default_factory=dict)  # canonical id -> canonical name
    whole: bool = True  # False: read as a profile only (a candidate), without members and figures

    @property
    def id(self) -> str:
        return self.profile.id

    def to_source(self) -> dict[str, Any]:
        p = self.profile
        return {
            "id": p.id,
            "title": p.title,
            "first_seen": p.first_seen.isoformat(),
            "last_update": p.last_update.isoformat(),
            "first_published": p.first_published.isoformat() if p.first_published else None,
            "last_published": p.last_published.isoformat() if p.last_published else None,
            "outlets": p.outlets,
            "article_ids": p.article_ids,
            "article_count": len(p.article_ids),
            "top_entities": [e for e, _ in p.entities.most_common(TOP_ENTITIES)],
            "entity_names": {
                e: self.entity_names.get(e, e) for e, _ in p.entities.most_common(PROFILE_ENTITIES)
            },
            "text": self.text,
            "profile": {
                "entities": dict(p.entities.most_common(PROFILE_ENTITIES)),
                "terms": dict(p.terms.most_common(PROFILE_TERMS)),
                "figures": dict(p.figures),
            },
            "members": self.members,
            "figures": self.figures,
        }

    @classmethod
    def from_source(cls, source: dict[str, Any], *, whole: bool = True) -> StoryRecord:
        profile = source.get("profile") or {}
        first_seen = parse_time(source["first_seen"])
        last_update = parse_time(source["last_update"])
        assert first_seen is not None and last_update is not None  # written by to_source
        return cls(
            profile=StoryProfile(
                id=source["id"],
                title=source.get("title") or "",
                first_seen=first_seen,
                last_update=last_update,
                first_published=parse_time(source.get("first_published")),
                last_published=parse_time(source.get("last_published")),
                article_ids=list(source.get("article_ids") or []),
                outlets=list(source.get("outlets") or []),
                entities=Counter(profile.get("entities") or {}),
                terms=Counter(profile.get("terms") or {}),
                figures=Counter(profile.get("figures") or {}),
            ),
            members=list(source.get("members") or []),
            figures=list(source.get("figures") or []),
            text=source.get("text") or "",
            entity_names=dict(source.get("entity_names") or {}),
            whole=whole,
        )


class StoryStore:
    """Reads and writes the stories index of one article alias.

    Usage:
        store = StoryStore(client, "newsdesk-articles")
        store.ensure()
        found = store.candidates(features, window=timedelta(days=3))
    """

    def __init__(self, client: Elasticsearch, alias: str) -> None:
        self.client = client
        self.alias = alias
        self.index = stories_index(alias)

    def ensure(self) -> None:
        if not self.client.indices.exists(index=self.index):
            self.client.options(ignore_status=400).indices.create(
                index=self.index,
                mappings=MAPPINGS,
                settings={"number_of_shards": 1, "auto_expand_replicas": "0-1"},
            )

    def drop(self) -> None:
        self.client.indices.delete(index=self.index, ignore_unavailable=True)

    def candidates(self, article: ArticleFeatures, window: timedelta) -> list[StoryRecord]:
        """Stories active within `window` of the article that share its entities or title and lead words."""
        should: list[dict[str, Any]] = []
        if article.entities:
            should.append({"terms": {"top_entities": list(article.entities)}})
        if article.terms:
            should.append({"match": {"text": " ".join(article.terms)}})
        if not should:
            return []
        query: dict[str, Any] = {"bool": {"should": should, "minimum_should_match": 1}}
        if article.time is not None:  # stories published within the window, or that give no time
            within = {
                "bool": {
                    "filter": [
                        {"range": {"last_published": {"gte": (article.time - window).isoformat()}}},
                        {"range": {"first_published": {"lte": (article.time + window).isoformat()}}},
                    ]
                }
            }
            undated = {"bool": {"must_not": {"exists": {"field": "last_published"}}}}
            query["bool"]["filter"] = [{"bool": {"should": [within, undated], "minimum_should_match": 1}}]
        found = self.client.search(
            index=self.index, query=query, size=CANDIDATES, source_includes=PROFILE_FIELDS
        )
        return [StoryRecord.from_source(hit["_source"], whole=False) for hit in found["hits"]["hits"]]

    def whole(self, record: StoryRecord) -> StoryRecord:
        """The story with its members, figures and text, for a candidate read as a profile only."""
        if record.whole:
            return record
        return StoryRecord.from_source(self.client.get(index=self.index, id=record.id)["_source"])

    def stories_of(self, article_ids: Iterable[str]) -> dict[str, StoryRecord]:
        """The stories these articles are in already (an article ingested again stays in its story)."""
        ids = list(article_ids)
        if not ids:
            return {}
        found = self.client.search(index=self.index, query={"terms": {"article_ids": ids}}, size=len(ids))
        wanted = set(ids)
        by_article: dict[str, StoryRecord] = {}
        for hit in found["hits"]["hits"]:
            record = StoryRecord.from_source(hit["_source"])
            for article_id in wanted.intersection(record.profile.article_ids):
                by_article[article_id] = record
        return by_article

    def save(self, records: Iterable[StoryRecord]) -> None:
        actions = ({"_index": self.index, "_id": r.id, "_source": r.to_source()} for r in records)
        helpers.bulk(self.client, actions)

    def refresh(self) -> None:
        if self.client.indices.exists(index=self.index):
            self.client.indices.refresh(index=self.index)

    def get(self, story_id: str, *, with_profile: bool = False) -> dict[str, Any] | None:
        excludes = ["text"] if with_profile else ["profile", "text"]
        try:
            found = self.client.get(index=self.index, id=story_id, source_excludes=excludes)
        except NotFoundError:
            return None
        source: dict[str, Any] = found["_source"]
        return source

    def recent_profiles(self, size: int) -> list[StoryProfile]:
        """The profiles of the `size` stories updated last (none when the index does not exist yet)."""
        if not self.client.indices.exists(index=self.index):
            return []
        found = self.client.search(
            index=self.index,
            size=size,
            sort=[{"last_update": "desc"}],
            source_includes=["id", "title", "first_seen", "last_update", "article_ids", "profile"],
        )
        return [StoryRecord.from_source(hit["_source"]).profile for hit in found["hits"]["hits"]]
