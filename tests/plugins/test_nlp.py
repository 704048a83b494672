"""The shared parse: texts longer than spaCy's `max_length` are parsed whole, in pieces, not refused."""

from __future__ import annotations

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
