"""Finds plugins through their entry points, checks them, and collects what they register.

Every plugin, the built-ins included, is found through the `newsdesk` entry-point group and
loaded one by one, so a plugin that fails to import is reported by name instead of stopping
the others (pluggy's `load_setuptools_entrypoints` would stop at the first failure). Each
plugin's registrations are collected and checked at load; a plugin that breaks a rule is
refused as a whole, with the reason, and never half-joins the pipeline.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy
from haystack.core.component import Component

from newsdesk.plugins import hookspecs
from newsdesk.plugins.ordering import resolve_order
from newsdesk.plugins.specs import Facet, ProcessorSpec

if TYPE_CHECKING:
    from newsdesk.search_api.settings import Settings

logger = logging.getLogger(__name__)


class PluginError(Exception):
    """A plugin broke the rules of the hook it implements; the message names the plugin."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    package: str
    version: str
    hooks: tuple[str, ...]


@dataclass
class Registrations:
    """What one plugin registered through its hooks."""

    processors: list[ProcessorSpec] = field(default_factory=list)
    mappings: dict[str, Any] = field(default_factory=dict)
    facets: list[Facet] = field(default_factory=list)
    answer_extractors: dict[str, Any] = field(default_factory=dict)


@dataclass
class PluginHost:
    """The accepted plugins and what they registered; refused plugins with the reason."""

    manager: pluggy.PluginManager
    refused: dict[str, str] = field(default_factory=dict)
    registrations: dict[str, Registrations] = field(default_factory=dict)
    processors: list[ProcessorSpec] = field(default_factory=list)
    distributions: dict[str, importlib.metadata.Distribution] = field(default_factory=dict)

    @property
    def mappings(self) -> dict[str, Any]:
        return {name: m for regs in self.registrations.values() for name, m in regs.mappings.items()}

    @property
    def facets(self) -> list[Facet]:
        return [facet for regs in self.registrations.values() for facet in regs.facets]

    @property
    def answer_extractors(self) -> dict[str, Any]:
        return {name: x for regs in self.registrations.values() for name, x in regs.answer_extractors.items()}

    def plugins(self) -> list[PluginInfo]:
        infos = []
        for name, plugin in self.manager.list_name_plugin():
            dist = self.distributions.get(name)
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or []))
            package, version = (dist.metadata["Name"], dist.version) if dist else ("", "")
            infos.append(PluginInfo(name=name, package=package, version=version, hooks=hooks))
        return infos


def _collect(manager: pluggy.PluginManager, name: str, settings: Settings) -> Registrations:
    """Call one plugin's hooks with `register` callbacks that check each registration."""
    plugin = manager.get_plugin(name)
    regs = Registrations()
    offered: dict[str, Any] = {"settings": settings, "config": settings.plugins.get(name, {})}

    def register_processor(
        processor_name: str,
        component: Any,
        *,
        order: int = 500,
        before: tuple[str, ...] | list[str] = (),
        after: tuple[str, ...] | list[str] = (),
    ) -> None:
        if not isinstance(processor_name, str) or not processor_name:
            msg = f"processor name must be a non-empty string, got {processor_name!r}"
            raise PluginError(msg)
        if not isinstance(component, Component):
            msg = f"processor {processor_name!r} is not a Haystack component (its class needs @component)"
            raise PluginError(msg)
        if not isinstance(order, int):
            msg = f"processor {processor_name!r}: order must be an int, got {order!r}"
            raise PluginError(msg)
        regs.processors.append(
            ProcessorSpec(processor_name, component, order, name, before=tuple(before), after=tuple(after))
        )

    def register_mapping(properties: dict[str, Any]) -> None:
        if not isinstance(properties, dict) or not all(isinstance(v, dict) for v in properties.values()):
            msg = "a mapping fragment must be a dict of field name to Elasticsearch mapping dict"
            raise PluginError(msg)
        regs.mappings.update(properties)

    def register_facet(facet: Facet) -> None:
        if not isinstance(facet, Facet):
            msg = f"register() takes a newsdesk.plugins.specs.Facet, got {type(facet).__name__}"
            raise PluginError(msg)
        regs.facets.append(dataclasses.replace(facet, plugin=name))

    def register_answer_extractor(extractor_name: str, extractor: Any) -> None:
        if not isinstance(extractor_name, str) or not extractor_name:
            msg = f"answer extractor name must be a non-empty string, got {extractor_name!r}"
            raise PluginError(msg)
        if not callable(getattr(extractor, "extract", None)):
            msg = f"answer extractor {extractor_name!r} has no extract(question, passages) method"
            raise PluginError(msg)
        regs.answer_extractors[extractor_name] = extractor

    callbacks: dict[str, Callable[..., None]] = {
        "newsdesk_register_processors": register_processor,
        "newsdesk_register_mappings": register_mapping,
        "newsdesk_register_facets": register_facet,
        "newsdesk_register_answer_extractors": register_answer_extractor,
    }
    for caller in manager.get_hookcallers(plugin) or []:
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin:
                args = {**offered, "register": callbacks[caller.name]}
                impl.function(**{arg: args[arg] for arg in impl.argnames if arg in args})
    return regs


def _clash(regs: Registrations, accepted: dict[str, Registrations], reserved: frozenset[str]) -> str | None:
    """Why these registrations cannot join the accepted ones, if they cannot."""
    for other, theirs in accepted.items():
        for spec in regs.processors:
            if any(spec.name == their.name for their in theirs.processors):
                return f"processor name {spec.name!r} is already registered by plugin {other!r}"
        if duplicate := set(regs.mappings) & set(theirs.mappings):
            return f"field {sorted(duplicate)[0]!r} is already declared by plugin {other!r}"
        if duplicate := {f.name for f in regs.facets} & {f.name for f in theirs.facets}:
            return f"facet {sorted(duplicate)[0]!r} is already registered by plugin {other!r}"
        if duplicate := set(regs.answer_extractors) & set(theirs.answer_extractors):
            return f"answer extractor {sorted(duplicate)[0]!r} is already registered by plugin {other!r}"
    if clashing := set(regs.mappings) & reserved:
        return f"field {sorted(clashing)[0]!r} clashes with a core field of the index"
    return None


def _load_entry_point(host: PluginHost, entry_point: importlib.metadata.EntryPoint) -> None:
    try:
        plugin = entry_point.load()
    except Exception as e:
        host.refused[entry_point.name] = f"failed to import: {type(e).__name__}: {e}"
        return
    declared = getattr(plugin, "NEWSDESK_HOOK_API", None)
    if declared != hookspecs.HOOK_API_VERSION:
        host.refused[entry_point.name] = (
            f"declares hook API {declared!r} (NEWSDESK_HOOK_API); this newsdesk supports "
            f"{hookspecs.HOOK_API_VERSION}: upgrade the plugin or newsdesk"
        )
        return
    try:
        host.manager.register(plugin, name=entry_point.name)
        host.manager.check_pending()  # a misspelt hook name is an error, not a silent no-op
    except (pluggy.PluginValidationError, ValueError) as e:
        host.refused[entry_point.name] = str(e)
        if host.manager.is_registered(plugin):
            host.manager.unregister(plugin)
        return
    if entry_point.dist is not None:
        host.distributions[entry_point.name] = entry_point.dist


def _load_order(entry_point: importlib.metadata.EntryPoint) -> tuple[bool, str]:
    """newsdesk's own plugins first, then the others by name: a clash is always the newcomer's."""
    package = entry_point.dist.metadata["Name"] if entry_point.dist else ""
    return package != hookspecs.PROJECT_NAME, entry_point.name


def load_plugins(settings: Settings, reserved_fields: frozenset[str] = frozenset()) -> PluginHost:
    """Load, check and collect every enabled plugin of the `newsdesk` entry-point group.

    Raises `ProcessorOrderError` when the accepted processors' before/after constraints
    cannot all hold: no order would be right, so nothing runs.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    host = PluginHost(manager=manager)
    disabled = set(settings.disabled_plugins)
    for entry_point in sorted(importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME), key=_load_order):
        if entry_point.name not in disabled and manager.get_plugin(entry_point.name) is None:
            _load_entry_point(host, entry_point)
    for name, _ in manager.list_name_plugin():
        try:
            regs = _collect(manager, name, settings)
        except Exception as e:
            host.refused[name] = (
                str(e) if isinstance(e, PluginError) else f"a hook raised {type(e).__name__}: {e}"
            )
        else:
            if (clash := _clash(regs, host.registrations, reserved_fields)) is None:
                host.registrations[name] = regs
                continue
            host.refused[name] = clash
        manager.unregister(name=name)
    for name, reason in host.refused.items():
        logger.error("plugin %s refused: %s", name, reason)
    registered = [spec for regs in host.registrations.values() for spec in regs.processors]
    host.processors = resolve_order(registered)
    return host
