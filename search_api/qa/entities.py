"""Reading the entity annotations: which mentions are one entity, and what to call it.

The entity processor may resolve mentions to a canonical entity (`entity_id`, `canonical`) or,
within an article, to the full name a short form stands for (`form`: "SDF" -> "Syrian
Democratic Forces"). Whatever it provides is used, most specific first; without any of it a
mention is known by its name, compared case-, accent- and punctuation-blind.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from newsdesk.search_api.qa.types import Article

_name_key: Callable[[str], str] | None
try:  # the entity plugin's own key, when it is installed
    from newsdesk.plugins.builtin.entities.names import name_key as _name_key
except ImportError:  # pragma: no cover - depends on the entity plugin's version
    _name_key = None


def name_key(name: str) -> str:
    """ "The SDF's" and "sdf" meet; so do "U.S." and "US"."""
    if _name_key is not None:
        return str(_name_key(name))
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"'s?$", "", text.strip())
    text = re.sub(r"^the\s+", "", text).replace(".", "")
    return " ".join(re.sub(r"[^\w\s]+", " ", text).split())


def entity_key(mention: dict[str, Any]) -> str:
    """What makes two mentions one entity: its id, else its canonical name, else its full name."""
    if mention.get("entity_id"):
        return f"id:{mention['entity_id']}"
    return name_key(display_name(mention))


def display_name(mention: dict[str, Any]) -> str:
    return str(
        mention.get("canonical") or mention.get("form") or mention.get("name") or mention.get("text") or ""
    )


def names_of(mention: dict[str, Any]) -> set[str]:
    """Every name a mention is known by."""
    return {str(mention[k]) for k in ("canonical", "form", "name", "text") if mention.get(k)}


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


def mentions_question_name(mention: dict[str, Any], question_keys: set[str]) -> bool:
    """Is this mention one of the names the question itself gives? (It cannot be the answer.)"""
    if entity_key(mention) in question_keys:
        return True
    return any(name_key(n) in question_keys for n in names_of(mention))
