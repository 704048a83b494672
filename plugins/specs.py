"""The small value types that plugins and the host hand each other: settings, processors, facets."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

FacetKind = Literal["terms", "date_histogram"]


class HostSettings(Protocol):
    """What a plugin may read of newsdesk's settings: the `settings` argument of every hook.

    A Protocol rather than the service's `Settings` class: the SDK does not import the service, a
    plugin sees only what is promised here, and a test can pass any object with these attributes.
    newsdesk's `Settings` (`NEWSDESK_...` environment variables) provides them.
    """

    @property
    def es_url(self) -> str: ...
    @property
    def index_alias(self) -> str: ...
    @property
    def index_config_dir(self) -> Path: ...
    @property
    def spacy_model(self) -> str: ...
    @property
    def entity_aliases_path(self) -> Path: ...
    @property
    def boilerplate_strictness(self) -> str: ...
    @property
    def plugins(self) -> Mapping[str, Mapping[str, Any]]: ...


class LoaderSettings(HostSettings, Protocol):
    """What the plugin loader reads besides: which plugins to load, skip, trace, and how strictly."""

    @property
    def disabled_plugins(self) -> Sequence[str]: ...
    @property
    def load_plugins(self) -> Sequence[str] | None: ...
    @property
    def trace_plugins(self) -> bool: ...


@dataclass(frozen=True)
class ProcessorSpec:
    """A Haystack component registered to enrich articles, and where it runs in the chain.

    `before` and `after` name processors this one must run before or after; among the processors
    free to run, lower `order` runs earlier, and ties keep registration order. The built-ins use
    100 (boilerplate), 200 (entities) and 300 (numbers). The `_if_present` variants hold only
    when the processor they name is loaded.
    """

    name: str
    component: Any
    order: int
    plugin: str
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    before_if_present: tuple[str, ...] = ()
    after_if_present: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class SearchField:
    """A text field `/search` matches query words against, and how much a match there counts."""

    field: str
    boost: float = 1.0
    plugin: str = ""

    def as_query_field(self) -> str:
        return self.field if self.boost == 1.0 else f"{self.field}^{self.boost:g}"
