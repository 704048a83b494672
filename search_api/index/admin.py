"""Creates the versioned article index from `index_config/` and the plugins' mapping fragments.

The index is always reached through an alias (`settings.index_alias`), so it can be rebuilt
under a new name and switched atomically.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from elasticsearch import Elasticsearch

from newsdesk.plugins.errors import ConfigurationError
from newsdesk.plugins.manager import PluginHost
from newsdesk.search_api.settings import Settings


class IndexConfigError(ConfigurationError):
    """The index configuration on disk, or a plugin's fragment, cannot be applied."""


def load_index_config(settings: Settings) -> dict[str, Any]:
    path = settings.index_config_dir / f"articles.v{settings.index_config_version}.json"
    try:
        config: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        msg = f"cannot read index config {path}: {e}"
        raise IndexConfigError(msg) from e
    return config


def index_body(settings: Settings, host: PluginHost) -> dict[str, Any]:
    """Settings and mappings of the article index: the config file plus every plugin's fields."""
    body = copy.deepcopy(load_index_config(settings))
    body["mappings"]["properties"].update(host.mappings)
    # The same config serves one node or a cluster: shards and replicas may come from settings.
    if settings.index_shards is not None:
        body["settings"]["number_of_shards"] = settings.index_shards
    if settings.index_replicas is not None:  # a fixed number instead of one replica once there are two nodes
        body["settings"].pop("auto_expand_replicas", None)
        body["settings"]["number_of_replicas"] = settings.index_replicas
    return body


def core_fields(settings: Settings) -> frozenset[str]:
    """Fields the index config itself declares; no plugin may declare them again."""
    return frozenset(load_index_config(settings)["mappings"]["properties"])


def versioned_index_name(settings: Settings, built_at: str | None = None) -> str:
    """`<alias>-v1` for the first index; a rebuild adds when it was built: `<alias>-v1-20250101t120000`."""
    name = f"{settings.index_alias}-v{settings.index_config_version}"
    return f"{name}-{built_at}" if built_at else name


def index_versions(client: Elasticsearch, settings: Settings) -> list[str]:
    """Every article index of this alias, live or kept from before a rebuild, oldest first."""
    alias = settings.index_alias
    found = client.indices.get(index=f"{alias}-v*", allow_no_indices=True, expand_wildcards="open")
    ours = [name for name in found if re.fullmatch(rf"{re.escape(alias)}-v\d+(-\w+)?", name)]
    return sorted(ours, key=lambda name: int(found[name]["settings"]["index"]["creation_date"]))


def ensure_index(client: Elasticsearch, settings: Settings, host: PluginHost) -> str:
    """Create the index and its alias if missing; add fields of newly installed plugins if not.

    Returns the name of the concrete index behind the alias.
    """
    body = index_body(settings, host)
    alias = settings.index_alias
    if client.indices.exists_alias(name=alias):
        index = next(iter(client.indices.get_alias(name=alias)))
        try:
            client.indices.put_mapping(index=index, properties=body["mappings"]["properties"])
        except Exception as e:
            msg = (
                f"the mapping of index {index!r} cannot take the fields the plugins declare (a field "
                f"changed type?): {e}. Run `newsdesk reindex` to rebuild the index with the new mapping"
            )
            raise IndexConfigError(msg) from e
        return index
    index = versioned_index_name(settings)
    client.indices.create(index=index, settings=body["settings"], mappings=body["mappings"])
    client.indices.put_alias(index=index, name=alias)
    return index


def drop_index(client: Elasticsearch, settings: Settings) -> None:
    """Delete the alias and every index behind it (used by tests and `newsdesk reset`).

    The entity registry (`<alias>-entities`) and the stories (`<alias>-stories`) describe those
    articles, and the boilerplate plugin's outlet memory (`<alias>-boilerplate-lines`) was learned
    from them, so they go with them.
    """
    if client.indices.exists_alias(name=settings.index_alias):
        for index in client.indices.get_alias(name=settings.index_alias):
            client.indices.delete(index=index)
    for index in index_versions(client, settings):  # kept by a rebuild (`newsdesk reindex`)
        client.indices.delete(index=index)
    for suffix in ("-entities", "-stories", "-boilerplate-lines"):
        client.indices.delete(index=f"{settings.index_alias}{suffix}", ignore_unavailable=True)
