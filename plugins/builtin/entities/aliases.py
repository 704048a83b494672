"""The alias file: canonical names users pin, with their type and the other ways they are written.

A YAML (or JSON) file, path set by `NEWSDESK_ENTITY_ALIASES_PATH`:

    entities:
      - name: Islamic State          # the display name every variant resolves to
        type: ORG                    # pins the type, whatever the tagger says
        aliases: [ISIS, ISIL, IS, Daesh]

Aliases match whole names, case- and punctuation-blind (`names.name_key`), so "Isis" and "ISIS"
need one line. Entries are matched before any guessing, and their names also teach the tagger
names it would otherwise miss or split ("Islamic" + "State").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from newsdesk.plugins.builtin.entities.names import is_acronym, name_key
from newsdesk.plugins.errors import ConfigurationError

_WORDED_ACRONYM = 4  # letters from which an acronym is also written as a word
ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)


class AliasFileError(ConfigurationError):
    """The alias file cannot be read or has an entry that is not `{name, type, aliases}`."""


@dataclass(frozen=True)
class AliasEntry:
    name: str
    type: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class AliasTable:
    entries: tuple[AliasEntry, ...] = ()

    def __post_init__(self) -> None:
        by_key: dict[str, AliasEntry] = {}
        for entry in self.entries:
            for written in entry.names:
                key = name_key(written)
                other = by_key.get(key)
                if other is not None and other is not entry:
                    msg = f"alias {written!r} is given to both {other.name!r} and {entry.name!r}"
                    raise AliasFileError(msg)
                by_key[key] = entry
        object.__setattr__(self, "_by_key", by_key)

    def lookup(self, name: str) -> AliasEntry | None:
        """The entry `name` is written for, if any."""
        found: AliasEntry | None = self._by_key.get(name_key(name))  # type: ignore[attr-defined]
        return found

    def gazetteer(self) -> dict[str, str]:
        """Names safe to look for in any text, with their type: several words ("Islamic State"),
        an acronym of three letters or more ("ISIS", and "Isis" for one of four or more), a word
        of five letters or more that is not a place ("Daesh"); not "IS", nor "America" or
        "Georgia", which are also other things."""

        def distinctive(written: str, kind: str) -> bool:
            if " " in written:
                return True
            if is_acronym(written):
                return len(written.replace(".", "")) >= 3
            return len(written) >= 5 and kind not in ("GPE", "LOC")

        found = {
            written: entry.type
            for entry in self.entries
            for written in entry.names
            if distinctive(written, entry.type)
        }
        # An acronym of four letters or more is also written as a word ("Isis", "Nato"): the
        # tagger may not know that spelling as a name.
        worded = {
            written.capitalize(): kind
            for written, kind in found.items()
            if is_acronym(written) and "." not in written and len(written) >= _WORDED_ACRONYM
        }
        return {**worded, **found}


def _entry(raw: object, path: Path, position: int) -> AliasEntry:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        msg = f"{path}: entry {position} needs a `name`"
        raise AliasFileError(msg)
    kind = str(raw.get("type", "")).upper()
    if kind not in ENTITY_TYPES:
        msg = f"{path}: entry {raw['name']!r} has type {kind!r}; allowed: {', '.join(sorted(ENTITY_TYPES))}"
        raise AliasFileError(msg)
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        msg = f"{path}: the aliases of {raw['name']!r} must be a list of names"
        raise AliasFileError(msg)
    return AliasEntry(name=raw["name"], type=kind, aliases=tuple(aliases))


@lru_cache(maxsize=8)
def load_aliases(path: str | None) -> AliasTable:
    """Read the alias file once per process; no path means no aliases, a missing file is an error.

    A configured file that is not there must not pass as "no aliases": "Daesh" would quietly stop
    finding "Islamic State".
    """
    if not path:
        return AliasTable()
    source = Path(path)
    if not source.is_file():
        msg = f"the entity alias file {source} does not exist (fix NEWSDESK_ENTITY_ALIASES_PATH or unset it)"
        raise AliasFileError(msg)
    try:
        text = source.read_text(encoding="utf-8")
        data = json.loads(text) if source.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as e:
        msg = f"cannot read the entity alias file {source}: {e}"
        raise AliasFileError(msg) from e
    raw_entries = (data or {}).get("entities", []) if isinstance(data, dict) else None
    if not isinstance(raw_entries, list):
        msg = f"{source}: expected a mapping with an `entities` list"
        raise AliasFileError(msg)
    return AliasTable(tuple(_entry(raw, source, i) for i, raw in enumerate(raw_entries)))
