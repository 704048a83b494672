"""Loads the plugins, the built-ins first, checks them, and collects what they register.

newsdesk's own features are ordinary plugins, listed once in `DEFAULT_PLUGINS` and loaded the way
any third-party plugin of the `newsdesk` entry-point group is (datasette's habit). Plugins load
one by one, so a plugin that fails to import is reported by name instead of stopping the others
(pluggy's `load_setuptools_entrypoints` would stop at the first failure). Each plugin's
registrations are collected through pluggy's hook callers (so `NEWSDESK_TRACE_PLUGINS=true` logs
every call) and checked at load; a plugin that breaks a rule is refused as a whole, with the
reason, and never half-joins the pipeline.

Switches: `NEWSDESK_LOAD_PLUGINS=numbers,hello` loads only the named plugins;
`NEWSDESK_DISABLED_PLUGINS='["hello"]'` skips some; `NEWSDESK_TRACE_PLUGINS=true` logs each hook call.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.metadata
import logging
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pluggy

from newsdesk.plugins import hookspecs
from newsdesk.plugins.chain.ordering import missing_required, resolve_order
from newsdesk.plugins.checks import declared, hook_problem, is_component_instance
from newsdesk.plugins.errors import ConfigurationError
from newsdesk.plugins.specs import Facet, LoaderSettings, ProcessorSpec, SearchField
from newsdesk.plugins.stories import FigureRuleSpec, SignalSpec

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch
    from fastapi import APIRouter

logger = logging.getLogger(__name__)
trace_logger = logging.getLogger("newsdesk.plugins.trace")

DEFAULT_PLUGINS = (
    "newsdesk.plugins.builtin.boilerplate",
    "newsdesk.plugins.builtin.entities",
    "newsdesk.plugins.builtin.numbers",
    "newsdesk.plugins.builtin.lemmas",
    "newsdesk.plugins.builtin.qa",
    "newsdesk.plugins.builtin.stories",
)
"""newsdesk's own plugins, by module: each is named after the last part (`numbers`)."""


class PluginError(ConfigurationError):
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
    search_fields: list[SearchField] = field(default_factory=list)
    routers: list[APIRouter] = field(default_factory=list)
    story_signals: list[SignalSpec] = field(default_factory=list)
    figure_rules: list[FigureRuleSpec] = field(default_factory=list)


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

    @property
    def search_fields(self) -> list[SearchField]:
        return [f for regs in self.registrations.values() for f in regs.search_fields]

    @property
    def routers(self) -> list[APIRouter]:
        return [router for regs in self.registrations.values() for router in regs.routers]

    @property
    def story_signals(self) -> list[SignalSpec]:
        return [s for regs in self.registrations.values() for s in regs.story_signals]

    @property
    def figure_rules(self) -> list[FigureRuleSpec]:
        rules = [r for regs in self.registrations.values() for r in regs.figure_rules]
        return sorted(rules, key=lambda r: r.order)

    def plugins(self) -> list[PluginInfo]:
        infos = []
        for name, plugin in self.manager.list_name_plugin():
            dist = self.distributions.get(name)
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or []))
            package, version = (dist.metadata["Name"], dist.version) if dist else ("", "")
            if dist is None and name in _builtin_names():
                package, version = hookspecs.PROJECT_NAME, _own_version()
            infos.append(PluginInfo(name=name, package=package, version=version, hooks=hooks))
        return infos


def _builtin_names() -> dict[str, str]:
    return {module.rpartition(".")[2]: module for module in DEFAULT_PLUGINS}


def _own_version() -> str:
    try:
        return importlib.metadata.version(hookspecs.PROJECT_NAME)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        return ""


def _plugin_config(plugin: object, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The plugin's `config`: the raw strings, or typed by the pydantic model it declares."""
    model = getattr(plugin, "NEWSDESK_CONFIG", None)
    if model is None:
        return dict(raw)
    try:
        typed: dict[str, Any] = model.model_validate(dict(raw)).model_dump()
    except Exception as e:  # pydantic's ValidationError names the key and what was wrong
        msg = f"its settings (NEWSDESK_PLUGINS__...) are invalid: {e}"
        raise PluginError(msg) from e
    return typed


def _collect(
    manager: pluggy.PluginManager, name: str, settings: LoaderSettings, es_client: Callable[[], Elasticsearch]
) -> Registrations:
    """Call one plugin's hooks, through pluggy, with `register` callbacks that check each registration."""
    plugin = manager.get_plugin(name)
    regs = Registrations()
    offered: dict[str, Any] = {
        "settings": settings,
        "config": _plugin_config(plugin, settings.plugins.get(name, {})),
        "es_client": es_client,
    }

    def register_processor(
        processor_name: str,
        component: Any,
        *,
        order: int = 500,
        before: tuple[str, ...] | list[str] = (),
        after: tuple[str, ...] | list[str] = (),
        before_if_present: tuple[str, ...] | list[str] = (),
        after_if_present: tuple[str, ...] | list[str] = (),
    ) -> None:
        if not isinstance(processor_name, str) or not processor_name:
            msg = f"processor name must be a non-empty string, got {processor_name!r}"
            raise PluginError(msg)
        if (problem := is_component_instance(component)) is not None:
            msg = f"processor {processor_name!r} {problem}"
            raise PluginError(msg)
        if not isinstance(order, int):
            msg = f"processor {processor_name!r}: order must be an int, got {order!r}"
            raise PluginError(msg)
        constraints = {
            "before": tuple(before),
            "after": tuple(after),
            "before_if_present": tuple(before_if_present),
            "after_if_present": tuple(after_if_present),
        }
        regs.processors.append(ProcessorSpec(processor_name, component, order, name, **constraints))

    def register_mapping(properties: dict[str, Any]) -> None:
        if not isinstance(properties, dict) or not all(isinstance(v, dict) for v in properties.values()):
            msg = "a mapping fragment must be a dict of field name to Elasticsearch mapping dict"
            raise PluginError(msg)
        regs.mappings.update(properties)

    def register_facet(facet: Facet) -> None:
        if not isinstance(facet, Facet):
            msg = f"register() takes a newsdesk.Facet, got {type(facet).__name__}"
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

    def register_search_field(field_name: str, *, boost: float = 1.0) -> None:
        if not isinstance(field_name, str) or not field_name or not isinstance(boost, int | float):
            msg = f"register(field, boost=...) takes a field name and a number, got {field_name!r}, {boost!r}"
            raise PluginError(msg)
        regs.search_fields.append(SearchField(field_name, float(boost), name))

    def register_router(router: APIRouter) -> None:
        from fastapi import APIRouter

        if not isinstance(router, APIRouter):
            msg = f"register() takes a fastapi.APIRouter, got {type(router).__name__}"
            raise PluginError(msg)
        regs.routers.append(router)

    def register_story_signal(signal_name: str, signal: Any, *, weight: float = 1.0) -> None:
        if not isinstance(signal_name, str) or not signal_name or not callable(signal):
            msg = f"register(name, signal, weight=...) takes a name and a callable, got {signal_name!r}"
            raise PluginError(msg)
        if not isinstance(weight, int | float) or weight < 0:
            msg = f"story signal {signal_name!r}: weight must be a number >= 0, got {weight!r}"
            raise PluginError(msg)
        regs.story_signals.append(SignalSpec(signal_name, signal, float(weight), name))

    def register_figure_rule(rule_name: str, rule: Any, *, order: int = 500) -> None:
        if (
            not isinstance(rule_name, str)
            or not rule_name
            or not callable(rule)
            or not isinstance(order, int)
        ):
            msg = f"register(name, rule, order=...) takes a name, a callable and an int, got {rule_name!r}"
            raise PluginError(msg)
        regs.figure_rules.append(FigureRuleSpec(rule_name, rule, order, name))

    callbacks: dict[str, Callable[..., None]] = {
        "newsdesk_register_processors": register_processor,
        "newsdesk_register_mappings": register_mapping,
        "newsdesk_register_facets": register_facet,
        "newsdesk_register_answer_extractors": register_answer_extractor,
        "newsdesk_register_search_fields": register_search_field,
        "newsdesk_register_routers": register_router,
        "newsdesk_register_story_signals": register_story_signal,
        "newsdesk_register_figure_rules": register_figure_rule,
    }
    others = [p for p in manager.get_plugins() if p is not plugin]
    for caller in manager.get_hookcallers(plugin) or []:
        # A hook caller of this plugin alone: what it registers is its own, and tracing sees the call.
        hook = manager.subset_hook_caller(caller.name, remove_plugins=others)
        hook(**offered, register=callbacks[caller.name])
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
        if duplicate := {s.name for s in regs.story_signals} & {s.name for s in theirs.story_signals}:
            return f"story signal {sorted(duplicate)[0]!r} is already registered by plugin {other!r}"
        if duplicate := {r.name for r in regs.figure_rules} & {r.name for r in theirs.figure_rules}:
            return f"figure rule {sorted(duplicate)[0]!r} is already registered by plugin {other!r}"
        if duplicate := set(regs.answer_extractors) & set(theirs.answer_extractors):
            return f"answer extractor {sorted(duplicate)[0]!r} is already registered by plugin {other!r}"
    if clashing := set(regs.mappings) & reserved:
        return f"field {sorted(clashing)[0]!r} clashes with a core field of the index"
    return None


def _unusable(
    regs: Registrations, properties: Mapping[str, Any], reserved: frozenset[str], registered: set[str]
) -> str | None:
    """Why what a plugin registered cannot work with what the others declared, if it cannot."""
    for facet in regs.facets:
        if declared(properties, facet.field) is None and facet.field.partition(".")[0] not in reserved:
            return f"facet {facet.name!r} counts field {facet.field!r}, which no mapping declares"
    for search_field in regs.search_fields:
        mapping = declared(properties, search_field.field)
        if mapping is None and search_field.field not in reserved:
            return f"search field {search_field.field!r} is not declared by any mapping"
        if mapping is not None and mapping.get("type") != "text":
            return f"search field {search_field.field!r} is a {mapping.get('type')!r} field, not text"
    for spec in regs.processors:
        if missing := missing_required(spec, registered):
            return (
                f"processor {spec.name!r} must run before/after {', '.join(map(repr, missing))}, which no "
                "loaded plugin registers (if that is optional, use after_if_present= / before_if_present=)"
            )
    return None


def _candidates(extra: Mapping[str, object]) -> Iterator[tuple[str, Callable[[], object], Any]]:
    """(name, import it, distribution): the built-ins, the extra ones, then the entry points by name."""
    for name, module in _builtin_names().items():
        yield name, functools.partial(importlib.import_module, module), None
    for name, plugin in extra.items():
        yield name, functools.partial(_given, plugin), None
    for entry_point in sorted(
        importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME), key=lambda e: e.name
    ):
        yield entry_point.name, entry_point.load, entry_point.dist


def _given(plugin: object) -> object:
    return plugin


def _load(host: PluginHost, name: str, load: Callable[[], object], dist: Any) -> None:
    try:
        plugin = load()
    except Exception as e:
        host.refused[name] = f"failed to import: {type(e).__name__}: {e}"
        return
    declared_api = getattr(plugin, "NEWSDESK_HOOK_API", None)
    if declared_api != hookspecs.HOOK_API_VERSION:
        host.refused[name] = (
            f"declares hook API {declared_api!r} (NEWSDESK_HOOK_API); this newsdesk supports "
            f"{hookspecs.HOOK_API_VERSION}: upgrade the plugin or newsdesk"
        )
        return
    if (problem := hook_problem(plugin)) is not None:
        host.refused[name] = problem
        return
    try:
        host.manager.register(plugin, name=name)
        host.manager.check_pending()
    except (pluggy.PluginValidationError, ValueError) as e:
        host.refused[name] = str(e)
        if host.manager.is_registered(plugin):
            host.manager.unregister(plugin)
        return
    if dist is not None:
        host.distributions[name] = dist


def _trace(manager: pluggy.PluginManager) -> None:
    if not trace_logger.handlers:
        trace_logger.addHandler(logging.StreamHandler(sys.stderr))
    trace_logger.setLevel(logging.INFO)

    def before(hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
        plugins = ", ".join(impl.plugin_name for impl in impls)
        trace_logger.info("hook %s -> %s (arguments: %s)", hook_name, plugins, ", ".join(sorted(kwargs)))

    def after(
        outcome: pluggy.Result[Any],
        hook_name: str,
        impls: Sequence[pluggy.HookImpl],
        kwargs: Mapping[str, Any],
    ) -> None:
        if outcome.exception is not None:
            trace_logger.info("hook %s raised %r", hook_name, outcome.exception)

    manager.add_hookcall_monitoring(before, after)


def load_plugins(
    settings: LoaderSettings,
    reserved_fields: frozenset[str] = frozenset(),
    *,
    es_client: Callable[[], Elasticsearch] | None = None,
    extra_plugins: Mapping[str, object] | None = None,
) -> PluginHost:
    """Load, check and collect the built-ins, `extra_plugins` and the `newsdesk` entry points.

    `reserved_fields` are the index config's own fields; `es_client` gives plugins the host's
    client (by default one made from `settings.es_url`). Raises `ProcessorOrderError` when the
    accepted processors' before/after constraints form a cycle: no order would be right.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    if settings.trace_plugins:
        _trace(manager)
    host = PluginHost(manager=manager)
    disabled = set(settings.disabled_plugins)
    only = set(settings.load_plugins) if settings.load_plugins is not None else None
    for name, load, dist in _candidates(extra_plugins or {}):
        wanted = name not in disabled and (only is None or name in only)
        if wanted and manager.get_plugin(name) is None and name not in host.refused:
            _load(host, name, load, dist)
    client = es_client or _default_client(settings)
    for name, _ in manager.list_name_plugin():
        try:
            regs = _collect(manager, name, settings, client)
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
    _refuse_unusable(host, reserved_fields)
    for name, reason in host.refused.items():
        logger.error("plugin %s refused: %s", name, reason)
    registered = [spec for regs in host.registrations.values() for spec in regs.processors]
    host.processors = resolve_order(registered)
    return host


def _refuse_unusable(host: PluginHost, reserved: frozenset[str]) -> None:
    """Refuse plugins whose facets, search fields or order need what no accepted plugin provides;
    again, until none does: a refusal may leave another plugin wanting."""
    while True:
        properties = host.mappings
        registered = {spec.name for regs in host.registrations.values() for spec in regs.processors}
        refusals = {
            name: reason
            for name, regs in host.registrations.items()
            if (reason := _unusable(regs, properties, reserved, registered)) is not None
        }
        if not refusals:
            return
        for name, reason in refusals.items():
            host.refused[name] = reason
            del host.registrations[name]
            host.manager.unregister(name=name)


def _default_client(settings: LoaderSettings) -> Callable[[], Elasticsearch]:
    made: list[Elasticsearch] = []

    def client() -> Elasticsearch:
        if not made:
            from elasticsearch import Elasticsearch

            made.append(Elasticsearch(settings.es_url))
        return made[0]

    return client
