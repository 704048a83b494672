"""Who may call the API: API keys for writes, and for reads when the settings say so.

A key is sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Keys come from
`NEWSDESK_API_KEYS` (comma-separated) and `NEWSDESK_API_KEYS_FILE` (one per line); only their
SHA-256 digests are kept in memory, compared in constant time, and never logged.

The safe default: with no key configured, writes are refused (403) unless
`NEWSDESK_ALLOW_ANONYMOUS_WRITES=true` marks a development machine. Reads are open unless
`NEWSDESK_REQUIRE_KEY_FOR_READS=true`, which needs at least one key.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from newsdesk.plugins.errors import ConfigurationError
from newsdesk.search_api.settings import Settings

API_KEY_HEADER = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key (or send it as a bearer token)."
)
BEARER = HTTPBearer(auto_error=False, description="An API key, as `Authorization: Bearer <key>`.")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="newsdesk"'}


class SecurityConfigError(ConfigurationError):
    """The access settings contradict each other or name a secret that cannot be read."""


def read_secret(value: SecretStr | None, path: Path | None) -> str | None:
    """A secret given in the environment, else the first line of the file named for it."""
    if value is not None and value.get_secret_value():
        return value.get_secret_value()
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        msg = f"cannot read the secret file {path}: {e.strerror}"
        raise SecurityConfigError(msg) from e
    return lines[0].strip() if lines else None


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


@dataclass(frozen=True)
class AccessPolicy:
    """The accepted keys (as digests) and what needs one."""

    key_digests: tuple[bytes, ...]
    require_key_for_reads: bool
    allow_anonymous_writes: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessPolicy:
        keys = [key.get_secret_value().strip() for key in settings.api_keys]
        if settings.api_keys_file is not None:
            try:
                text = settings.api_keys_file.read_text(encoding="utf-8")
            except OSError as e:
                msg = f"cannot read NEWSDESK_API_KEYS_FILE {settings.api_keys_file}: {e.strerror}"
                raise SecurityConfigError(msg) from e
            keys += [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
        keys = [key for key in keys if key]
        if settings.require_key_for_reads and not keys:
            msg = "NEWSDESK_REQUIRE_KEY_FOR_READS is set but no API key is configured (NEWSDESK_API_KEYS)"
            raise SecurityConfigError(msg)
        return cls(
            key_digests=tuple(_digest(key) for key in keys),
            require_key_for_reads=settings.require_key_for_reads,
            allow_anonymous_writes=settings.allow_anonymous_writes,
        )

    def accepts(self, key: str) -> bool:
        digest = _digest(key)
        # Every key is compared, so the time taken says nothing about which one came close.
        matches = [hmac.compare_digest(digest, known) for known in self.key_digests]
        return any(matches)


def _presented_key(api_key: str | None, bearer: HTTPAuthorizationCredentials | None) -> str | None:
    if api_key:
        return api_key
    return bearer.credentials if bearer is not None else None


def _check(policy: AccessPolicy, key: str | None) -> None:
    if key is None:
        raise HTTPException(401, "this endpoint needs an API key (Authorization: Bearer <key>)", CHALLENGE)
    if not policy.accepts(key):
        raise HTTPException(401, "the API key is not valid", CHALLENGE)


def get_policy(request: Request) -> AccessPolicy:
    policy: AccessPolicy = request.app.state.access_policy
    return policy


def require_write_access(
    policy: Annotated[AccessPolicy, Depends(get_policy)],
    api_key: Annotated[str | None, Security(API_KEY_HEADER)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> None:
    """Writes need a valid key; with no key configured they are refused, unless anonymous writes are on."""
    if not policy.key_digests:
        if policy.allow_anonymous_writes:
            return
        msg = (
            "writes are disabled: no API key is configured on this server (set NEWSDESK_API_KEYS or "
            "NEWSDESK_API_KEYS_FILE; on a development machine, NEWSDESK_ALLOW_ANONYMOUS_WRITES=true)"
        )
        raise HTTPException(403, msg)
    _check(policy, _presented_key(api_key, bearer))


def require_read_access(
    policy: Annotated[AccessPolicy, Depends(get_policy)],
    api_key: Annotated[str | None, Security(API_KEY_HEADER)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> None:
    """Reads are open unless `require_key_for_reads`; then they need a valid key too."""
    if policy.require_key_for_reads:
        _check(policy, _presented_key(api_key, bearer))


def caller_may_read(
    policy: Annotated[AccessPolicy, Depends(get_policy)],
    api_key: Annotated[str | None, Security(API_KEY_HEADER)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
) -> bool:
    """Whether this caller could read, refusing no one: open endpoints say less to strangers."""
    if not policy.require_key_for_reads:
        return True
    key = _presented_key(api_key, bearer)
    return key is not None and policy.accepts(key)


WriteAccess = Depends(require_write_access)
ReadAccess = Depends(require_read_access)
