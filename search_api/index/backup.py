"""Backups of everything newsdesk stores, as Elasticsearch snapshots in a snapshot repository.

A backup holds every index newsdesk owns for one alias: the article indexes (the live one and
those kept by a rebuild) and the entity registry (`<alias>-entities`), with the alias itself. A
restore puts back exactly that: the indexes newsdesk owns now are deleted first (Elasticsearch
restores into no open index), then the snapshot's indexes come back under their names, the alias
on the index it pointed at. The repository is `snapshot_repository`: if the cluster has it
registered already (any type: shared filesystem, S3, ...), it is used as it is; if not, a
filesystem repository is registered at `es_snapshot_dir`, which must be in every node's
`path.repo` (the nodes `newsdesk es start` and `newsdesk es cluster start` run have it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from elasticsearch import ApiError, Elasticsearch, NotFoundError

from newsdesk.plugins.errors import NewsdeskError
from newsdesk.search_api.index.admin import index_versions
from newsdesk.search_api.settings import Settings

logger = logging.getLogger(__name__)
REGISTRY_SUFFIX = "-entities"  # the entity plugin's registry index: `<alias>-entities`
ALIAS_KEY = "newsdesk_alias"


class BackupError(NewsdeskError):
    """A backup or a restore could not be made; the message says why and what to do."""


@dataclass(frozen=True)
class Backup:
    name: str
    state: str  # SUCCESS, PARTIAL, FAILED, IN_PROGRESS
    started: str  # ISO 8601, UTC
    indices: list[str]
    shards_failed: int


def owned_indices(client: Elasticsearch, settings: Settings) -> list[str]:
    """Every index newsdesk owns for this alias: the article indexes and the entity registry."""
    owned = index_versions(client, settings)
    registry = settings.index_alias + REGISTRY_SUFFIX
    if client.indices.exists(index=registry):
        owned.append(registry)
    return owned


def ensure_repository(client: Elasticsearch, settings: Settings) -> str:
    """The repository's name; a filesystem one at `es_snapshot_dir` is registered if none is."""
    name = settings.snapshot_repository
    try:
        client.snapshot.get_repository(name=name)
        return name
    except NotFoundError:
        pass
    location = str(settings.es_snapshot_dir.resolve())
    try:
        client.snapshot.create_repository(
            name=name, repository={"type": "fs", "settings": {"location": location}}
        )
    except ApiError as e:
        msg = (
            f"cannot register the snapshot repository {name!r} at {location}: every node needs it in its "
            f"`path.repo` setting (or register a repository of that name yourself). Elasticsearch said: "
            f"{str(e)[:300]}"
        )
        raise BackupError(msg) from e
    return name


def create_backup(client: Elasticsearch, settings: Settings, name: str | None = None) -> Backup:
    """Snapshot every index newsdesk owns, with the alias; waits until the snapshot is complete."""
    indices = owned_indices(client, settings)
    if not indices:
        msg = f"nothing to back up: no index of {settings.index_alias!r} exists"
        raise BackupError(msg)
    repository = ensure_repository(client, settings)
    name = name or f"{settings.index_alias}-{datetime.now(UTC):%Y%m%dt%H%M%S}"
    logger.info("Backing up %s to %s/%s", indices, repository, name)
    answer = client.snapshot.create(
        repository=repository,
        snapshot=name,
        indices=indices,
        include_global_state=False,  # newsdesk's indexes only: no cluster settings, no other index
        metadata={ALIAS_KEY: settings.index_alias},  # how `list_backups` tells this alias's backups
        wait_for_completion=True,
    )
    backup = _backup(answer["snapshot"])
    if backup.state != "SUCCESS":
        msg = f"the backup {name} ended {backup.state} ({backup.shards_failed} shards failed)"
        raise BackupError(msg)
    return backup


def list_backups(client: Elasticsearch, settings: Settings) -> list[Backup]:
    """The backups of this alias in the repository, oldest first."""
    repository = ensure_repository(client, settings)
    found = client.snapshot.get(repository=repository, snapshot="*", sort="start_time")["snapshots"]
    return [_backup(s) for s in found if (s.get("metadata") or {}).get(ALIAS_KEY) == settings.index_alias]


def restore_backup(client: Elasticsearch, settings: Settings, name: str) -> Backup:
    """Replace every index newsdesk owns by those of backup `name`, the alias with them."""
    repository = ensure_repository(client, settings)
    try:
        found = client.snapshot.get(repository=repository, snapshot=name)["snapshots"]
    except NotFoundError as e:
        msg = f"no backup named {name!r} in repository {repository!r}: `newsdesk backups` lists them"
        raise BackupError(msg) from e
    backup = _backup(found[0])
    if backup.state != "SUCCESS":
        msg = f"backup {name} is {backup.state}, not complete: pick another"
        raise BackupError(msg)
    for index in owned_indices(client, settings):
        logger.info("Deleting %s before the restore", index)
        client.indices.delete(index=index)
    client.snapshot.restore(
        repository=repository,
        snapshot=name,
        indices=",".join(backup.indices),
        include_aliases=True,
        include_global_state=False,
        wait_for_completion=True,
    )
    client.cluster.health(index=",".join(backup.indices), wait_for_status="yellow", timeout="60s")
    return backup


def _backup(snapshot: dict[str, object]) -> Backup:
    shards = snapshot.get("shards", {})
    return Backup(
        name=str(snapshot["snapshot"]),
        state=str(snapshot["state"]),
        started=str(snapshot.get("start_time", "")),
        indices=sorted(str(i) for i in snapshot.get("indices", [])),  # type: ignore[attr-defined]
        shards_failed=int(shards.get("failed", 0)) if isinstance(shards, dict) else 0,
    )
