"""The small value types that plugins hand to the host through the `register` callbacks."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

FacetKind = Literal["terms", "date_histogram"]


@dataclass(frozen=True)
class ProcessorSpec:
    """A Haystack component registered to enrich articles, and where it runs in the chain.

    `before` and `after` name processors this one must run before or after; among the processors
    free to run, lower `order` runs earlier, and ties keep registration order. The built-ins use
    100 (boilerplate), 200 (entities) and 300 (numbers).
    """

    name: str
    component: Any
    order: int
    plugin: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facet:
    """A facet (and the matching filter) that `/search` exposes.

    `field` is the keyword or date field to count. For a field inside a nested object, give the
    nested `path` and, to count only some of its entries, a `where` filter on sibling fields,
    e.g. `path="entities", field="entities.name", where={"entities.label": ["PERSON"]}`.
    """

    name: str
    field: str
    kind: FacetKind = "terms"
    label: str = ""
    path: str | None = None
    where: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    size: int = 10
    plugin: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "label": self.label or self.name, "kind": self.kind, "plugin": self.plugin}
