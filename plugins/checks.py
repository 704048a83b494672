"""Checks of a plugin before it joins, each failing with a message a plugin author can act on.

pluggy's own messages say what is wrong in pluggy's terms ("Argument(s) {'fields'} are declared
in the hookimpl but can not be found in the hookspec"); these say it in newsdesk's: which hook,
which argument, what the hook offers, and what a misspelt hook name probably meant.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Mapping
from typing import Any

from newsdesk.plugins import hookspecs

HOOK_PREFIX = f"{hookspecs.PROJECT_NAME}_"


def hook_arguments() -> dict[str, tuple[str, ...]]:
    """Each hook's name and the arguments it offers, from `hookspecs`."""
    return {
        name: tuple(inspect.signature(function).parameters)
        for name, function in vars(hookspecs).items()
        if name.startswith(HOOK_PREFIX) and callable(function)
    }


def _implementations(plugin: object) -> dict[str, Any]:
    return {
        name: getattr(plugin, name)
        for name in dir(plugin)
        if name.startswith(HOOK_PREFIX) and callable(getattr(plugin, name, None))
    }


def _required(function: Any) -> list[str]:
    return [
        p.name
        for p in inspect.signature(function).parameters.values()
        if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]


def hook_problem(plugin: object) -> str | None:
    """Why the plugin's hook implementations cannot be called as newsdesk calls hooks, if they cannot."""
    offered = hook_arguments()
    marker = f"{hookspecs.PROJECT_NAME}_impl"
    for name, function in sorted(_implementations(plugin).items()):
        decorated = hasattr(function, marker)
        if name not in offered:
            if not decorated and not name.startswith(f"{HOOK_PREFIX}register"):
                continue  # a helper that happens to share the prefix
            close = difflib.get_close_matches(name, offered, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; the hooks are {', '.join(sorted(offered))}"
            return f"unknown hook {name}{hint}"
        if not decorated:
            return f"{name} is not decorated with @hookimpl (from newsdesk import hookimpl)"
        if unknown := [arg for arg in _required(function) if arg not in offered[name]]:
            return (
                f"{name} takes argument(s) {', '.join(map(repr, unknown))} that the hook does not offer; "
                f"it offers {', '.join(offered[name])}"
            )
    return None


def declared(properties: Mapping[str, Any], field: str) -> dict[str, Any] | None:
    """The mapping of a dotted field (`numbers.counted`) in index `properties`, if declared there."""
    head, _, rest = field.partition(".")
    mapping = properties.get(head)
    if not isinstance(mapping, dict):
        return None
    if not rest:
        return mapping
    return declared(mapping.get("properties") or {}, rest)


def is_component_instance(component: Any) -> str | None:
    """Why `component` is not an instance of a `@component` class, if it is not."""
    if isinstance(component, type):
        return (
            f"is the class {component.__name__}, not an instance of it: register {component.__name__}(...), "
            "the component built with its settings"
        )
    # `@component` gives each instance its input sockets; an undecorated class with a `run` method
    # would pass `isinstance(x, Component)` (a runtime-checkable Protocol) and fail in the pipeline.
    if not hasattr(component, "__haystack_input__"):
        return (
            f"is not a Haystack component (a {type(component).__name__}): decorate its class with "
            "@haystack.component and its run() with @component.output_types(documents=list[Document])"
        )
    return None
