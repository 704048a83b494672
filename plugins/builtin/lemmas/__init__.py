"""Built-in plugin: lemmas of each article's title and text, so a search matches other word forms.

Registers the `lemmas` processor (order 250: after the entity tagger, which makes the shared parse)
and the mapping of `lemmas.title` and `lemmas.content`, plain text fields analysed by the core
`newsdesk_text` analyzer: the lemmatising is done here, client-side, so it works on a node with
no stemmer. `/search` matches the query's lemmas against them, ranked below exact matches (see
`newsdesk.search_api.search.expansion`). Disable the plugin and search falls back to exact words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.plugins.builtin.lemmas.component import LemmaIndexer, lemma_text
from newsdesk.plugins.hookspecs import RegisterMapping, RegisterProcessor, hookimpl

if TYPE_CHECKING:
    from newsdesk.plugins.specs import HostSettings

__all__ = ["LemmaIndexer", "lemma_text"]

NEWSDESK_HOOK_API = 1

PROCESSOR_NAME = "lemmas"
PROCESSOR_ORDER = 250
LEMMA_FIELD = {"type": "text", "analyzer": "newsdesk_text", "norms": True}
MAPPING = {LemmaIndexer.META_KEY: {"properties": {"title": LEMMA_FIELD, "content": LEMMA_FIELD}}}


@hookimpl
def newsdesk_register_processors(register: RegisterProcessor, settings: HostSettings) -> None:
    register(
        PROCESSOR_NAME,
        LemmaIndexer(model=settings.spacy_model),
        order=PROCESSOR_ORDER,
        after_if_present=["entities"],
    )


@hookimpl
def newsdesk_register_mappings(register: RegisterMapping) -> None:
    register(MAPPING)
