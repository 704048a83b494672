"""Entity autocomplete (`GET /entities`): canonical entities from the registry, with how many articles
mention them. Served because this plugin registers it (`newsdesk_register_routers`): with the
plugin disabled there is no registry, and no route.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from elasticsearch import Elasticsearch
from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict

from newsdesk.plugins.builtin.entities.registry import most_mentioned


class EntityOut(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    article_count: int


class EntitiesResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "prefix": "Der",
                    "entities": [
                        {
                            "id": "gpe:deir-ez-zor",
                            "name": "Deir ez-Zor",
                            "type": "GPE",
                            "aliases": ["Deir al-Zour", "Dair Alzour", "Deir al-Zor"],
                            "article_count": 3,
                        }
                    ],
                }
            ]
        }
    )

    prefix: str
    entities: list[EntityOut]


def entities_router(articles_alias: str, es_client: Callable[[], Elasticsearch]) -> APIRouter:
    """The `/entities` endpoint over the registry of the articles behind `articles_alias`."""
    router = APIRouter(tags=["entities"])

    @router.get("/entities", response_model=EntitiesResponse)
    def entities(
        prefix: Annotated[
            str,
            Query(min_length=1, max_length=100, description="Start of a name or alias.", examples=["Der"]),
        ],
        type: Annotated[
            list[str] | None,
            Query(
                description="Entity types to keep (PERSON, ORG, GPE, ...); repeatable.", examples=[["GPE"]]
            ),
        ] = None,
        size: Annotated[int, Query(ge=1, le=50)] = 10,
    ) -> EntitiesResponse:
        """Entities a name starting with `prefix` may stand for, most mentioned first.

        Matches the start of any word of a canonical name or alias ("Zor", "Deir ez"), and spelling
        variants of transliterated names ("Der" finds "Deir ez-Zor").
        """
        alias, client = articles_alias, es_client()
        types = [t for value in type or [] for t in value.split(",") if t]
        entities = most_mentioned(client, alias, prefix, types, size)
        return EntitiesResponse(prefix=prefix, entities=[EntityOut(**entity) for entity in entities])

    return router
