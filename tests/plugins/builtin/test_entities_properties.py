"""Properties of entity tagging and resolution on any input: they never crash, and every mention's
offsets point at its text in the content it was given.

The resolver runs without a registry (no `es_url`): the batch and the alias file only, the pure
part; the registry's reads and writes are covered by the integration tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from haystack import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.plugins.builtin.entities import EntityResolver, EntityTagger
from newsdesk.plugins.builtin.entities.spans import clean_span
from tests.conftest import REPO

pytestmark = pytest.mark.unit

ALIASES = str(REPO / "index_config" / "entity_aliases.yaml")
NAMES = st.sampled_from(
    [
        "Col. Ryan Dillon", "Dillon", "Raqqa", "Raqqa’s", "the city of Mayadeen",
        "Syrian Democratic Forces (SDF)", "SDF", "ISIS", "Islamic State", "Daesh", "Sen. Ben Sasse",
        "Deir ez-Zor", "U.S.", "al-Baghdadi",
        "DAMASCUS, Oct. 17 (Xinhua) --", "Hind Abyad Avatar", "THIS IS WAR", "said", "on Tuesday", "the",
        ".", ",", "\n", "\n\n", "  ", "(", "“", "”",
    ]
)  # fmt: skip
TEXTS = st.lists(st.one_of(NAMES, st.text(max_size=20)), max_size=40).map(" ".join)
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LABELS = st.sampled_from(["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"])


@pytest.fixture(scope="module")
def tagger() -> Iterator[EntityTagger]:
    tagger = EntityTagger(aliases_path=ALIASES)
    tagger.warm_up()
    yield tagger


@SETTINGS
@given(texts=st.lists(TEXTS, min_size=1, max_size=3))
def test_mentions_point_at_their_text_through_tagging_and_resolution(
    tagger: EntityTagger, texts: list[str]
) -> None:
    tagged = tagger.run([Document(content=text) for text in texts])["documents"]
    resolved = EntityResolver(aliases_path=ALIASES).run(tagged)["documents"]

    for text, doc in zip(texts, resolved, strict=True):
        for mention in doc.meta["entities"]:
            assert 0 <= mention["start"] < mention["end"] <= len(text)
            assert text[mention["start"] : mention["end"]] == mention["text"]
            assert mention["canonical"] and mention["entity_id"] in doc.meta["entity_ids"]


@SETTINGS
@given(prefix=st.text(max_size=10), name=TEXTS, label=LABELS)
def test_a_cleaned_span_points_inside_the_span_it_came_from(prefix: str, name: str, label: str) -> None:
    content = prefix + name
    span = clean_span(name, len(prefix), label)
    if span is not None:
        assert len(prefix) <= span.start < span.end <= len(content)
        assert content[span.start : span.end] == span.text
