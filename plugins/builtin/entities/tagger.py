"""The Haystack component that tags the entity mentions of each article (`meta["entities"]`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict, logging

from newsdesk.plugins.builtin.entities.aliases import load_aliases
from newsdesk.plugins.builtin.entities.article import resolve_article
from newsdesk.plugins.chain.deadline import check_deadline
from newsdesk.plugins.nlp import DEFAULT_MODEL, load_model, parse

logger = logging.getLogger(__name__)


@component
class EntityTagger:
    """Tags named entities in each document's content, one article at a time.

    Each entry of `meta["entities"]` is a mention: `text` (== `content[start:end]`), `name` (one
    line), `label` (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, ...; one per name in the article),
    `start`/`end`, `form` (the full name it stands for in this article: "Ryan Dillon" for
    "Dillon", "Syrian Democratic Forces" for a defined "SDF") and `title` when it had one. The
    spaCy parse is shared with the other processors (`newsdesk.plugins.nlp`). Names in the alias file are
    looked for in the text too, so the tagger does not miss or split them.

    Usage:
        tagger = EntityTagger()  # the default model: en_core_web_md (newsdesk.plugins.nlp)
        tagger.warm_up()
        doc = Document(content="Col. Ryan Dillon spoke in Baghdad. Dillon said the city was safe.")
        entities = tagger.run(documents=[doc])["documents"][0].meta["entities"]
        last = entities[-1]
        assert (last["text"], last["form"], last["label"]) == ("Dillon", "Ryan Dillon", "PERSON")
    """

    META_KEY = "entities"

    def __init__(
        self, model: str = DEFAULT_MODEL, batch_size: int = 64, aliases_path: str | None = None
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.aliases_path = aliases_path

    def warm_up(self) -> None:
        load_model(self.model)
        load_aliases(self.aliases_path)

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        gazetteer = load_aliases(self.aliases_path).gazetteer()
        parsed = parse([doc.content or "" for doc in documents], self.model, batch_size=self.batch_size)
        tagged = []
        for doc, spacy_doc in zip(documents, parsed, strict=True):
            check_deadline()
            mentions = [mention.as_dict() for mention in resolve_article(spacy_doc, gazetteer)]
            tagged.append(dataclasses.replace(doc, meta={**doc.meta, self.META_KEY: mentions}))
        logger.debug("tagged entities in {count} documents", count=len(tagged))
        return {"documents": tagged}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self, model=self.model, batch_size=self.batch_size, aliases_path=self.aliases_path
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityTagger:
        return default_from_dict(cls, data)
