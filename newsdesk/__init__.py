"""newsdesk: turns raw, scraped news articles into a searchable, question-answerable corpus.

The repository keeps the user's folders at the top (`plugins/`, `search_api/`, `index_config/`);
this package links them under one import name, so an installed newsdesk adds exactly one
top-level package, `newsdesk`, to site-packages. A plugin author needs only this module:

    from newsdesk import hookimpl, Facet

`newsdesk.plugins` is the rest of the SDK (the annotation shapes, the shared spaCy parse, the answer
types); `newsdesk.testing` runs a plugin on an article in its tests.
"""

from newsdesk.plugins.errors import (
    BackendUnavailableError,
    ConfigurationError,
    InvalidRequestError,
    NewsdeskError,
    NotFoundError,
)
from newsdesk.plugins.hookspecs import hookimpl
from newsdesk.plugins.specs import Facet, HostSettings, ProcessorSpec

__all__ = [
    "BackendUnavailableError",
    "ConfigurationError",
    "Facet",
    "HostSettings",
    "InvalidRequestError",
    "NewsdeskError",
    "NotFoundError",
    "ProcessorSpec",
    "hookimpl",
]
