"""Built-in plugin: strip boilerplate from raw scraped articles before anything else reads them.

Registers the `boilerplate` processor (order 100, first in the chain) and the mapping of the two
meta fields it adds beyond the core ones: `dateline` and `boilerplate_removed`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel, ConfigDict

from newsdesk.plugins.builtin.boilerplate.component import BoilerplateStripper
from newsdesk.plugins.builtin.boilerplate.learned.outlet_memory import OutletMemory
from newsdesk.plugins.builtin.boilerplate.lines.text_lines import Strictness
from newsdesk.plugins.hookspecs import RegisterMapping, RegisterProcessor, hookimpl

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from newsdesk.plugins.specs import HostSettings

__all__ = ["BoilerplateStripper", "newsdesk_register_mappings", "newsdesk_register_processors"]

NEWSDESK_HOOK_API = 1


class BoilerplateConfig(BaseModel):
    """`NEWSDESK_PLUGINS__BOILERPLATE__<KEY>`: checked at load, so a typo refuses the plugin, saying why."""

    model_config = ConfigDict(extra="forbid")

    strictness: Strictness | None = None


NEWSDESK_CONFIG = BoilerplateConfig

PROCESSOR_NAME = "boilerplate"
PROCESSOR_ORDER = 100


@hookimpl
def newsdesk_register_processors(
    register: RegisterProcessor,
    settings: HostSettings,
    config: dict[str, Any],
    es_client: Callable[[], Elasticsearch],
) -> None:
    """Strictness: `NEWSDESK_PLUGINS__BOILERPLATE__STRICTNESS`, else `NEWSDESK_BOILERPLATE_STRICTNESS`.

    The outlets' recurring lines live in `<alias>-boilerplate-lines`, beside the article index.
    """
    strictness = config.get("strictness") or settings.boilerplate_strictness
    memory = OutletMemory(es_client, index=outlet_memory_index(settings.index_alias))
    stripper = BoilerplateStripper(strictness=cast(Strictness, strictness), memory=memory)
    register(PROCESSOR_NAME, stripper, order=PROCESSOR_ORDER)


def outlet_memory_index(articles_alias: str) -> str:
    return f"{articles_alias}-boilerplate-lines"


@hookimpl
def newsdesk_register_mappings(register: RegisterMapping) -> None:
    register(
        {
            BoilerplateStripper.META_DATELINE: {"type": "keyword"},
            # Kept for auditing removals, never searched.
            BoilerplateStripper.META_REMOVED: {"type": "object", "enabled": False},
        }
    )
