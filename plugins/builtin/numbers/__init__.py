"""Built-in plugin: number normalisation ("as many as 3,250 people" -> up to 3250, counted people).

Registers the `NumberNormaliser` processor, the nested `numbers` mapping and a facet on the things
counted. Loaded through the `newsdesk` entry point like any third-party plugin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.plugins.builtin.numbers.component import NumberNormaliser
from newsdesk.plugins.builtin.numbers.schema import MAPPING
from newsdesk.plugins.hookspecs import RegisterFacet, RegisterMapping, RegisterProcessor, hookimpl
from newsdesk.plugins.specs import Facet

if TYPE_CHECKING:
    from newsdesk.plugins.specs import HostSettings

__all__ = ["NumberNormaliser"]

NEWSDESK_HOOK_API = 1


@hookimpl
def newsdesk_register_processors(register: RegisterProcessor, settings: HostSettings) -> None:
    register("numbers", NumberNormaliser(model=settings.spacy_model), order=300)


@hookimpl
def newsdesk_register_mappings(register: RegisterMapping) -> None:
    register({NumberNormaliser.NUMBERS_KEY: MAPPING})


@hookimpl
def newsdesk_register_facets(register: RegisterFacet) -> None:
    register(Facet(name="counted", field="numbers.counted", path="numbers", label="Counted things"))
