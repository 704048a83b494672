"""What a query word also matches: its lemmas (other word forms) and its synonyms.

The index holds the lemmas of every title and text (the `lemmas` plugin, from the ingest's spaCy
parse), so a query word is lemmatised here the same way: with the same model's rule lemmatizer,
asked for each part of speech the word could be (a query has no context to tag it by), so
"fighters" gives `fighter` and "killed" gives `kill`. Only the lemmatizer's tables are loaded
(no tagger, no parser), once per process, and each word's lemmas are cached.

Synonyms come from an editable file of groups (`index_config/synonyms.yaml`): a query word or a
run of words found in a group also matches the group's other expressions.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
import yaml
from spacy.language import Language

from newsdesk.plugins.errors import ConfigurationError
from newsdesk.plugins.nlp import model_source

# The parts of speech a query word may have; the index's lemma is one of them.
QUERY_POS = ("VERB", "NOUN", "ADJ")
MAX_SYNONYM_WORDS = 4


class SynonymFileError(ConfigurationError):
    """A synonym file that is missing or not a list of groups of expressions."""


def load_synonyms(path: Path) -> dict[str, tuple[str, ...]]:
    """Each expression (lower case) to the other expressions of its group."""
    if not path.is_file():
        msg = f"synonym file {path} not found (NEWSDESK_SYNONYMS_PATH)"
        raise SynonymFileError(msg)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = data.get("synonyms", []) if isinstance(data, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        msg = f"{path}: expected `synonyms:` followed by a list of groups, e.g. - [film, movie]"
        raise SynonymFileError(msg)
    table: dict[str, tuple[str, ...]] = {}
    for group in groups:
        expressions = [" ".join(str(e).lower().split()) for e in group if str(e).strip()]
        for expression in expressions:
            others = tuple(e for e in expressions if e != expression)
            table[expression] = tuple(dict.fromkeys((*table.get(expression, ()), *others)))
    return table


@dataclass(frozen=True)
class SynonymMatch:
    """Words `start`..`end` (exclusive) of the query form an expression with these `alternatives`."""

    start: int
    end: int
    alternatives: tuple[str, ...]


class QueryExpander:
    """Lemmas and synonyms of query words; thread-safe, the model loaded on first use."""

    def __init__(self, model: str, synonyms: dict[str, tuple[str, ...]]) -> None:
        self.model = model
        self.synonyms = synonyms
        self._nlp: Language | None = None
        self._known: dict[str, frozenset[str]] = {}
        self._exceptions: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()
        self.lemmas = lru_cache(maxsize=65_536)(self._lemmas)

    def warm_up(self) -> None:
        """Load the lemmatizer now rather than at the first search."""
        self._lemmatizer()

    def _lemmatizer(self) -> tuple[Language, dict[str, frozenset[str]], dict[str, frozenset[str]]]:
        """The lemmatizer, and per part of speech the lemmas and the exceptions its tables know."""
        with self._lock:
            if self._nlp is None:
                nlp = spacy.load(model_source(self.model), exclude=["tok2vec", "tagger", "parser", "ner"])
                lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
                index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
                self._known = {pos: frozenset(index.get(pos.lower(), ())) for pos in QUERY_POS}
                self._exceptions = {pos: frozenset(exceptions.get(pos.lower(), {})) for pos in QUERY_POS}
                self._nlp = nlp
            return self._nlp, self._known, self._exceptions

    def _lemmas(self, word: str) -> tuple[str, ...]:
        """The word's possible lemmas, lower case, the word itself first.

        A rule's output counts only when the lemmatizer's tables know it as a lemma of that part
        of speech (or list the word as an exception): "news" is not taken for a form of "new".
        """
        nlp, known, exceptions = self._lemmatizer()
        lower = word.lower()
        doc = nlp.make_doc(lower)
        if len(doc) != 1:
            return (lower,)
        lemmatizer = nlp.get_pipe("lemmatizer")
        found = [lower]
        token = doc[0]
        for pos in QUERY_POS:
            token.pos_ = pos
            for lemma in lemmatizer.rule_lemmatize(token):  # type: ignore[attr-defined]
                if lower in exceptions[pos] or lemma in known[pos]:
                    found.append(lemma.lower())
        return tuple(dict.fromkeys(found))

    def synonym_matches(self, words: Sequence[str]) -> list[SynonymMatch]:
        """Runs of words that are a synonym expression, longest first, not overlapping."""
        lowered = [w.lower() for w in words]
        matches: list[SynonymMatch] = []
        start = 0
        while start < len(lowered):
            for length in range(min(MAX_SYNONYM_WORDS, len(lowered) - start), 0, -1):
                alternatives = self.synonyms.get(" ".join(lowered[start : start + length]))
                if alternatives:
                    matches.append(SynonymMatch(start, start + length, alternatives))
                    start += length
                    break
            else:
                start += 1
        return matches
