"""The errors newsdesk raises on purpose: one root, and a few kinds a user can act on.

The API maps each kind to one HTTP status in one place (`search_api/http/errors.py`); the CLI
prints the message and exits non-zero. A plugin raises these too, so its users get the same
answers as the built-ins' users.
"""


class NewsdeskError(Exception):
    """Root of every error newsdesk raises on purpose; the message is written for a user."""


class InvalidRequestError(NewsdeskError):
    """What the caller asked for cannot be done as asked (HTTP 400); the message names the field."""


class NotFoundError(NewsdeskError):
    """What the caller named does not exist (HTTP 404)."""


class ConfigurationError(NewsdeskError):
    """A setting, a configuration file or a plugin is wrong; whoever runs newsdesk must fix it."""


class BackendUnavailableError(NewsdeskError):
    """Elasticsearch cannot serve now; retrying later may work (HTTP 503 with Retry-After)."""
