"""Resolves `order`, `before` and `after` of the registered processors into one run order."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from newsdesk.plugins.errors import ConfigurationError
from newsdesk.plugins.specs import ProcessorSpec


class ProcessorOrderError(ConfigurationError):
    """The processors' ordering constraints name a missing processor or form a cycle."""


def missing_required(spec: ProcessorSpec, registered: set[str]) -> list[str]:
    """The processors `spec` must run before or after that are not registered."""
    return sorted({*spec.after, *spec.before} - registered)


def resolve_order(specs: Sequence[ProcessorSpec]) -> list[ProcessorSpec]:
    """A topological order of the `before`/`after` constraints, lowest `order` first among ready ones."""
    by_name = {spec.name: spec for spec in specs}
    successors: dict[str, set[str]] = {spec.name: set() for spec in specs}
    for spec in specs:
        edges = [(other, (other, spec.name)) for other in spec.after]
        edges += [(other, (spec.name, other)) for other in spec.before]
        # optional constraints hold only when the processor they name is loaded
        edges += [(other, (other, spec.name)) for other in spec.after_if_present if other in by_name]
        edges += [(other, (spec.name, other)) for other in spec.before_if_present if other in by_name]
        for other, edge in edges:
            if other not in by_name:
                msg = (
                    f"processor {spec.name!r} of plugin {spec.plugin!r} must run relative to {other!r}, "
                    f"which no loaded plugin registers (registered: {', '.join(sorted(by_name))}); "
                    f"if it is optional, use after_if_present= / before_if_present="
                )
                raise ProcessorOrderError(msg)
            successors[edge[0]].add(edge[1])
    waiting = {name: 0 for name in by_name}
    for targets in successors.values():
        for target in targets:
            waiting[target] += 1
    position = {spec.name: index for index, spec in enumerate(specs)}
    ready = [(by_name[name].order, position[name], name) for name, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    resolved: list[ProcessorSpec] = []
    while ready:
        _, _, name = heapq.heappop(ready)
        resolved.append(by_name[name])
        for target in successors[name]:
            waiting[target] -= 1
            if waiting[target] == 0:
                heapq.heappush(ready, (by_name[target].order, position[target], target))
    if len(resolved) < len(specs):
        stuck = sorted(name for name, count in waiting.items() if count > 0)
        msg = f"the before/after constraints of processors {', '.join(stuck)} form a cycle"
        raise ProcessorOrderError(msg)
    return resolved
