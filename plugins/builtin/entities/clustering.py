"""Across a batch: which forms are one entity, what it is called, and what type it is.

Pure: the batch's forms and the entities already known (alias file, registry) go in, one
`Entity` per form comes out. Forms meet, strongest evidence first:

1. an alias-file entry or a registered entity that lists the name (case and punctuation blind),
   or writes it as a close transliteration;
2. an acronym or a nickname an article defined ("SDF" -> "Syrian Democratic Forces", "Whitey" ->
   "James Bulger"); an acronym no article defines and the only long name of its type family,
   in the batch or the registry, whose initials it spells ("AP" -> "Associated Press");
3. the same name but for words that only say what kind of name it is, within one family of types
   ("Coty Inc." / "Coty", "William P. Brady" / "William Brady", "Kurdish" / "Kurds": `core_key`);
4. the same transliteration, or a close spelling, within one family of types ("Deir al-Zour" /
   "Dair Alzour", "Bukamal" / "Bukmal": `names.same_spelling`);
5. a shortened name and the only longer name of the batch it ends ("Sasse" / "Ben Sasse"), or
   the only one it writes without a middle name ("Amadou Sanogo" / "Amadou Haya Sanogo").

A link never joins two entities that were known before (registered ids stay stable). An
entity's type is the vote of every mention (plus the registry's earlier votes), unless the alias
file pins it: one name is one type across the batch and across ingest runs.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsdesk.plugins.builtin.entities.names import (
    core_key,
    initials,
    is_acronym,
    name_key,
    same_spelling,
    skeleton,
    slug,
    translit_key,
)
from newsdesk.plugins.builtin.entities.tagging import vote

# A single word this long or longer may meet a close spelling of another type.
MIN_CROSS_TYPE_WORD = 6
TYPE_FAMILIES = {"GPE": "place", "LOC": "place", "FAC": "place", "ORG": "group", "NORP": "group"}


def family(label: str) -> str:
    return TYPE_FAMILIES.get(label, label)


@dataclass
class Known:
    """An entity known before this batch: registered, or pinned by the alias file."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    pinned: bool = False

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Form:
    """One full name of the batch (its spellings share a `name_key`), with its votes.

    `variants` are the other ways articles wrote it: a defined acronym ("SDF"), a titled name
    ("Col. Ryan Dillon"), a surname ("Dillon").
    """

    key: str
    spellings: Counter[str] = field(default_factory=Counter)
    votes: Counter[str] = field(default_factory=Counter)
    variants: Counter[str] = field(default_factory=Counter)

    @property
    def weight(self) -> int:
        return sum(self.votes.values())

    @property
    def label(self) -> str:
        return vote(self.votes)

    @property
    def is_acronym(self) -> bool:
        return all(is_acronym(s) for s in self.spellings)


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    votes: Counter[str]


class _Groups:
    """Union-find over form keys, where a group holds at most one known entity."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {key: key for key in keys}
        self.known: dict[str, Known] = {}  # by root
        self.root_of_known: dict[str, str] = {}  # known id -> a key of its group

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def pin(self, key: str, known: Known) -> None:
        if known.id in self.root_of_known:
            self.union(self.root_of_known[known.id], key)
            return
        self.known[self.find(key)] = known
        self.root_of_known[known.id] = key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ka, kb = self.known.get(ra), self.known.get(rb)
        if ka is not None and kb is not None and ka.id != kb.id:
            return  # two known entities are never merged by a guess
        self.parent[rb] = ra
        if kb is not None:
            self.known[ra] = kb
            self.known.pop(rb)


def _across_families(a: str, b: str, weight: int) -> bool:
    """May two close spellings of different type families meet? Only when one side is a lone,
    weakly typed mention, and the names are not short single words, which have too many
    neighbours ("Sahel" is not "Shell"; "Bukmal" is "Bukamal")."""
    if weight > 1:
        return False
    return " " in a or min(len(a), len(b)) >= MIN_CROSS_TYPE_WORD or translit_key(a) == translit_key(b)


def _spelling_link(a: Form, b: Form) -> bool:
    """Close spellings, within a type family or, for a lone mention, across (`_across_families`)."""
    if a.is_acronym or b.is_acronym or not same_spelling(a.key, b.key):
        return False
    return family(a.label) == family(b.label) or _across_families(a.key, b.key, min(a.weight, b.weight))


def _match_known(
    form: Form, by_key: dict[str, Known], by_core: dict[str, list[Known]], by_skeleton: dict[str, list[Known]]
) -> Known | None:
    if form.key in by_key:
        return by_key[form.key]
    if form.is_acronym:
        return None  # acronyms are matched whole, never by spelling
    core = core_key(form.key, form.label)
    for candidate in by_core.get(core, []):
        if family(candidate.type) == family(form.label):
            return candidate
    for candidate in by_skeleton.get(skeleton(form.key), []):
        for written in candidate.names:
            if not same_spelling(form.key, key := name_key(written)):
                continue
            if family(candidate.type) == family(form.label) or _across_families(form.key, key, form.weight):
                return candidate
    return None


def _letters(form: Form) -> str:
    return form.key.replace(" ", "")


def _expansions(forms: dict[str, Form], acronyms: dict[str, str]) -> Iterable[tuple[str, str]]:
    """An acronym no article of the batch defines, and the only long name of the batch, of its
    type family, whose initials it spells: "AP" in one article, "Associated Press" in another."""
    by_initials: dict[tuple[str, str], set[str]] = {}
    for key, form in forms.items():
        if not form.is_acronym and form.label != "PERSON":
            for spelling in form.spellings:
                for letters in initials(spelling):
                    by_initials.setdefault((family(form.label), letters), set()).add(key)
    for key, form in forms.items():
        if form.is_acronym and key not in acronyms:
            candidates = by_initials.get((family(form.label), _letters(form)), set())
            if len(candidates) == 1:
                yield key, next(iter(candidates))


def _links(forms: dict[str, Form], acronyms: dict[str, str]) -> Iterable[tuple[str, str]]:
    """Pairs of form keys to join: defined acronyms and nicknames, acronyms of the batch's long
    names, then close spellings."""
    for short, long in acronyms.items():
        if short in forms and long in forms:
            yield short, long
    yield from _expansions(forms, acronyms)
    by_core: dict[tuple[str, str], list[str]] = {}
    for key, form in forms.items():
        by_core.setdefault((family(form.label), core_key(key, form.label)), []).append(key)
    for keys in by_core.values():
        yield from ((keys[0], other) for other in keys[1:])
    by_skeleton: dict[str, list[str]] = {}
    for key in forms:
        by_skeleton.setdefault(skeleton(key), []).append(key)
    for keys in by_skeleton.values():
        for i, a in enumerate(keys):
            yield from ((a, b) for b in keys[i + 1 :] if _spelling_link(forms[a], forms[b]))


def _short_form_links(forms: dict[str, Form], groups: _Groups) -> Iterable[tuple[str, str]]:
    """A shortened name and the only longer name of the batch it ends: a person's surname
    ("Sasse", "Alexander Volkov" for "Cyril Alexander Volkov"), an organisation's head words
    ("Veterans Affairs" for "U.S. Department of Veterans Affairs"; two words at least: "Council"
    alone could be any council); or a person's first and last name without the middle one, when
    one person of the batch has them ("Amadou Sanogo" for "Amadou Haya Sanogo").

    Run once the other links are made, so a group's type is the vote of all of it: an article
    that called "Catherine Ashton" an organisation does not hide her from its "Ashton".
    """
    group_votes: dict[str, Counter[str]] = {}
    for key, form in forms.items():
        group_votes.setdefault(groups.find(key), Counter()).update(form.votes)
    kinds = {key: vote(group_votes[groups.find(key)]) for key in forms}
    longer: dict[tuple[str, str], set[str]] = {}  # (type, ending words) -> groups
    middle_named: dict[tuple[str, str], set[str]] = {}  # (first, last word) -> groups
    first_names: set[str] = set()
    for key, kind in kinds.items():
        words = key.split()
        if kind in ("PERSON", "ORG") and len(words) > 1:
            for n in range(1, len(words)):
                longer.setdefault((kind, " ".join(words[n:])), set()).add(groups.find(key))
            if kind == "PERSON":
                first_names.add(words[0])
        if kind == "PERSON" and len(words) > 2:
            middle_named.setdefault((words[0], words[-1]), set()).add(groups.find(key))
    for key, kind in kinds.items():
        words = key.split()
        if kind == "PERSON" and len(words) == 2:
            candidates = middle_named.get((words[0], words[1]), set()) - {groups.find(key)}
            if len(candidates) == 1:  # "Amadou Sanogo": the only "Amadou ... Sanogo"
                yield key, next(iter(candidates))
        if kind == "ORG" and " " in key:
            candidates = longer.get(("ORG", key), set())
        elif kind != "ORG" and family(kind) != "place" and key not in first_names:  # "John": anyone
            candidates = longer.get(("PERSON", key), set())
        else:
            continue
        if len(candidates) == 1:
            yield key, next(iter(candidates))


def resolve_forms(forms: dict[str, Form], acronyms: dict[str, str], known: list[Known]) -> dict[str, Entity]:
    """The entity of every form, by form key. `acronyms` maps an acronym's key to its long form's key."""
    by_key: dict[str, Known] = {}
    by_core: dict[str, list[Known]] = {}
    by_skeleton: dict[str, list[Known]] = {}
    for entity in sorted(known, key=lambda k: not k.pinned):  # alias-file entries first
        for written in entity.names:
            if is_short_form(written, entity.name):
                continue  # "Dillon" alone may be another Dillon
            by_key.setdefault(name_key(written), entity)
            for index, key in ((by_core, core_key(written, entity.type)), (by_skeleton, skeleton(written))):
                if entity not in index.setdefault(key, []):
                    index[key].append(entity)
    by_initials: dict[tuple[str, str], set[str]] = {}
    for entity in known:
        if entity.type != "PERSON":
            for written in entity.names:
                for letters in initials(written):
                    by_initials.setdefault((family(entity.type), letters), set()).add(entity.id)
    known_by_id = {entity.id: entity for entity in known}
    taken = set(known_by_id)
    groups = _Groups(forms)
    for key, form in forms.items():
        if (match := _match_known(form, by_key, by_core, by_skeleton)) is not None:
            groups.pin(key, match)
        elif form.is_acronym and key not in acronyms:  # "AP" and a registered "Associated Press"
            expansions = by_initials.get((family(form.label), _letters(form)), set())
            if len(expansions) == 1:
                groups.pin(key, known_by_id[next(iter(expansions))])
    for a, b in _links(forms, acronyms):
        groups.union(a, b)
    for a, b in list(_short_form_links(forms, groups)):
        groups.union(a, b)
    members: dict[str, list[Form]] = {}
    for key, form in forms.items():
        members.setdefault(groups.find(key), []).append(form)
    resolved: dict[str, Entity] = {}
    for root, group in members.items():
        found = _entity(group, groups.known.get(root))
        if root not in groups.known:
            found = dataclasses.replace(found, id=_free_id(found.id, taken))
            taken.add(found.id)
        resolved.update((form.key, found) for form in group)
    return resolved


def _free_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted-2`, `-3`... when a known entity of another name already has it."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def _best_name(spellings: Counter[str]) -> str:
    """The display name: a full name over an acronym or a lone surname, then the most written."""
    return min(
        spellings,
        key=lambda s: (is_acronym(s), s.islower() or s.isupper(), " " not in s, -spellings[s], -len(s), s),
    )


def _entity(group: list[Form], known: Known | None) -> Entity:
    spellings: Counter[str] = Counter()
    variants: Counter[str] = Counter()
    votes: Counter[str] = Counter()
    for form in group:
        spellings.update(form.spellings)
        variants.update(form.variants)
        votes.update(form.votes)
    written = [
        *sorted(spellings, key=lambda s: (-spellings[s], s)),
        *sorted(variants, key=lambda s: (-variants[s], s)),
    ]
    if known is not None:
        all_votes = known.votes + votes
        kind = known.type if known.pinned or not all_votes else vote(all_votes)
        return Entity(
            known.id, known.name, kind, _distinct([*known.aliases, *written], known.name), all_votes
        )
    kind = vote(votes)
    name = _best_name(spellings)
    return Entity(f"{kind.lower()}:{slug(name)}", name, kind, _distinct(written, name), votes)


def _distinct(names: Iterable[str], canonical: str) -> tuple[str, ...]:
    """Aliases without repeats (exact spelling) and without the canonical name itself."""
    seen = {canonical}
    kept = []
    for written in names:
        if written not in seen:
            seen.add(written)
            kept.append(written)
    return tuple(kept)


def is_short_form(written: str, canonical: str) -> bool:
    """Is `written` only some of the words of the canonical name ("Dillon" of "Ryan Dillon")?"""
    return set(name_key(written).split()) < set(name_key(canonical).split())
