"""Finds plugins through their entry points and collects what they register.

Every plugin, the built-ins included, is found through the `newsdesk` entry-point group and
loaded one by one, so a plugin that fails to import is reported by name instead of stopping
the others (pluggy's `load_setuptools_entrypoints` would stop at the first failure).
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy
from haystack.core.component import Component
from pluggy import HookImpl

from plugins import hookspecs
from plugins.specs import Facet, ProcessorSpec

if TYPE_CHECKING:
    from search_api.settings import Settings

logger = logging.getLogger(__name__)

Invoke = Callable[[Callable[..., None]], None]


class PluginError(Exception):
    """A plugin broke the rules of the hook it implements; the message names the plugin."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    package: str
    version: str
    hooks: tuple[str, ...]


@dataclass
class PluginHost:
    """The loaded plugins, and what failed to load (reported, never fatal)."""

    manager: pluggy.PluginManager
    load_errors: dict[str, str] = field(default_factory=dict)
    _dists: dict[str, importlib.metadata.Distribution] = field(default_factory=dict)

    def plugins(self) -> list[PluginInfo]:
        infos = []
        for name, plugin in self.manager.list_name_plugin():
            dist = self._dists.get(name)
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or []))
            infos.append(
                PluginInfo(
                    name=name,
                    package=dist.metadata["Name"] if dist else "",
                    version=dist.version if dist else "",
                    hooks=hooks,
                )
            )
        return infos

    def _implementations(self, hook_name: str, settings: Settings) -> Iterator[tuple[str, Invoke]]:
        """Yield each plugin's implementation of a hook, as (plugin name, call taking `register`).

        Called one plugin at a time, so every `register` call is attributed to its plugin.
        """
        caller = getattr(self.manager.hook, hook_name)
        for impl in reversed(caller.get_hookimpls()):  # registration order

            def invoke(register: Callable[..., None], impl: HookImpl = impl) -> None:
                offered = {"register": register, "settings": settings}
                impl.function(**{name: offered[name] for name in impl.argnames if name in offered})

            yield impl.plugin_name, invoke

    def processors(self, settings: Settings) -> list[ProcessorSpec]:
        """The registered processors, in the order they run."""
        specs: list[ProcessorSpec] = []
        for plugin, invoke in self._implementations("newsdesk_register_processors", settings):

            def register(name: str, component: Any, *, order: int = 500, _plugin: str = plugin) -> None:
                if not isinstance(component, Component):
                    msg = f"plugin {_plugin!r}: processor {name!r} is not a Haystack component (@component)"
                    raise PluginError(msg)
                if any(spec.name == name for spec in specs):
                    msg = f"plugin {_plugin!r}: processor name {name!r} is already registered"
                    raise PluginError(msg)
                specs.append(ProcessorSpec(name=name, component=component, order=order, plugin=_plugin))

            invoke(register)
        return sorted(specs, key=lambda spec: spec.order)

    def mappings(self, settings: Settings, reserved: set[str]) -> dict[str, Any]:
        """Mapping properties declared by plugins; a field may be declared once, and not over a core field."""
        properties: dict[str, Any] = {}
        owners: dict[str, str] = {}
        for plugin, invoke in self._implementations("newsdesk_register_mappings", settings):

            def register(fragment: dict[str, Any], _plugin: str = plugin) -> None:
                if not isinstance(fragment, dict):
                    msg = f"plugin {_plugin!r}: a mapping fragment must be a dict of properties"
                    raise PluginError(msg)
                for name, mapping in fragment.items():
                    if name in reserved:
                        msg = f"plugin {_plugin!r}: field {name!r} clashes with a core field of the index"
                        raise PluginError(msg)
                    if name in owners:
                        owner = owners[name]
                        msg = f"plugin {_plugin!r}: field {name!r} is already declared by plugin {owner!r}"
                        raise PluginError(msg)
                    owners[name] = _plugin
                    properties[name] = mapping

            invoke(register)
        return properties

    def facets(self, settings: Settings) -> list[Facet]:
        facets: list[Facet] = []
        for plugin, invoke in self._implementations("newsdesk_register_facets", settings):

            def register(facet: Facet, _plugin: str = plugin) -> None:
                if not isinstance(facet, Facet):
                    got = type(facet).__name__
                    msg = f"plugin {_plugin!r}: register() takes a plugins.specs.Facet, got {got}"
                    raise PluginError(msg)
                facets.append(dataclasses.replace(facet, plugin=_plugin))

            invoke(register)
        return facets


def load_plugins(disabled: frozenset[str] = frozenset()) -> PluginHost:
    """Load every plugin in the `newsdesk` entry-point group, one by one."""
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    host = PluginHost(manager=manager)
    for entry_point in importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME):
        if entry_point.name in disabled or manager.get_plugin(entry_point.name) is not None:
            continue
        try:
            plugin = entry_point.load()
            manager.register(plugin, name=entry_point.name)
        except Exception as e:  # a broken plugin is reported, the others still load
            host.load_errors[entry_point.name] = f"{type(e).__name__}: {e}"
            logger.warning("plugin %s failed to load: %s", entry_point.name, e)
            continue
        if entry_point.dist is not None:
            host._dists[entry_point.name] = entry_point.dist
    return host
