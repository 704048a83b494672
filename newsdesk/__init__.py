"""newsdesk: turns raw, scraped news articles into a searchable, question-answerable corpus.

The repository keeps the user's folders at the top (`plugins/`, `search_api/`, `index_config/`);
this package links them under one import name, so an installed newsdesk adds exactly one
top-level package, `newsdesk`, to site-packages. A plugin author needs only this module:

    from newsdesk import hookimpl, Facet
"""

from newsdesk.plugins.errors import (
    BackendUnavailableError,
    ConfigurationError,
    InvalidRequestError,
    NewsdeskError,
    NotFoundError,
)
from newsdesk.plugins.hookspecs import hookimpl
from newsdesk.plugins.specs import Facet, ProcessorSpec

__all__ = [
    "BackendUnavailableError",
    "ConfigurationError",
    "Facet",
    "InvalidRequestError",
    "NewsdeskError",
    "NotFoundError",
    "ProcessorSpec",
    "hookimpl",
]
