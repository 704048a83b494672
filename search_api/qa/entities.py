"""Other names of the question's names, found in the entity annotations of the retrieved articles.

How a mention is read (`name_key`, `entity_key`, `names_of`) is the SDK's
(`newsdesk.plugins.annotations`), shared with the answer extractors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from newsdesk.plugins.annotations import name_key, names_of
from newsdesk.plugins.types import Article


def article_aliases(names: Sequence[str], articles: Iterable[Article]) -> dict[str, tuple[str, ...]]:
    """For each question name, the other names its entity goes by in the retrieved articles."""
    wanted = {name_key(name): name for name in names}
    found: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for mention in article.entities:
            known = names_of(mention)
            for key in {name_key(n) for n in known} & set(wanted):
                found[wanted[key]] |= {n for n in known if name_key(n) != key}
    return {name: tuple(sorted(aliases)) for name, aliases in found.items() if aliases}


_DEMONYM_SUFFIXES = ("ese", "ian", "an", "ish", "i")
PLACE_LABELS = frozenset({"GPE", "LOC"})


def is_demonym_of(adjective: str, place: str) -> bool:
    """Does `adjective` name the people of `place`? "Lebanese" and "Lebanon", "Syrian" and "Syria",
    "Iraqi" and "Iraq", "Iranian" and "Iran"; not "Iranian" and "Iraq"."""
    adjective, place = adjective.casefold(), place.casefold()
    if " " in adjective or adjective == place:
        return False
    roots = {adjective[: -len(s)] for s in _DEMONYM_SUFFIXES if adjective.endswith(s)}
    return any(len(root) >= 3 and place.startswith(root) and len(place) <= len(root) + 3 for root in roots)


def demonym_aliases(names: Sequence[str], articles: Iterable[Article]) -> dict[str, tuple[str, ...]]:
    """For each question name that is a nationality ("Lebanese"), the retrieved articles' names of
    its country: "Lebanon's Hezbollah group" answers "Which Lebanese group ...?"."""
    places = {
        name
        for article in articles
        for mention in article.entities
        if mention.get("label") in PLACE_LABELS
        for name in names_of(mention)
    }
    found = {name: tuple(sorted(p for p in places if is_demonym_of(name, p))) for name in names}
    return {name: places for name, places in found.items() if places}
