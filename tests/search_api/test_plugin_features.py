"""A built-in plugin's features come from the plugin: disable it and they are gone."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from newsdesk.search_api.app import create_app
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.unit


def test_entity_names_are_searched_only_with_the_entities_plugin() -> None:
    # newsdesk_register_search_fields: the entity plugin adds its names field
    with_entities = Services.start(Settings())
    without = Services.start(Settings(disabled_plugins=["entities"]))

    assert "entity_names^0.3" in with_entities.text_fields
    assert without.text_fields == ["title^3", "content"]


def test_entities_endpoint_exists_only_with_the_entities_plugin() -> None:
    # newsdesk_register_routers: the entity plugin registers GET /entities
    settings = Settings(disabled_plugins=["entities"], allow_anonymous_writes=True)
    with TestClient(create_app(settings)) as client:
        assert client.get("/v1/entities", params={"prefix": "Der"}).status_code == 404
        assert client.get("/entities", params={"prefix": "Der"}).status_code == 404
        assert "/v1/entities" not in client.get("/openapi.json").json()["paths"]

    with TestClient(create_app(Settings(allow_anonymous_writes=True))) as client:
        assert "/v1/entities" in client.get("/openapi.json").json()["paths"]
        assert client.get("/v1/entities").status_code == 422  # there, and wants a prefix
