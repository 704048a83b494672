"""Resolution to canonical entities, one rule at a time, on small articles (no Elasticsearch).

The registry's reads and writes against a real node are in tests/integration/test_entities_api.py;
here earlier ingest runs are played by `Known` entities, which is what the registry returns.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from haystack import Document

from newsdesk.plugins.builtin.entities import EntityResolver, EntityTagger
from newsdesk.plugins.builtin.entities.aliases import AliasFileError, load_aliases
from newsdesk.plugins.builtin.entities.clustering import Form, Known, resolve_forms
from newsdesk.plugins.builtin.entities.resolver import _with_registered, previous_votes
from tests.conftest import REPO

pytestmark = pytest.mark.unit

ALIASES = str(REPO / "index_config" / "entity_aliases.yaml")


def resolve(*texts: str, aliases: str | None = ALIASES) -> list[list[dict[str, Any]]]:
    """Tag and resolve the articles as one batch; each article's mentions."""
    docs = [Document(id=f"a{i}", content=text) for i, text in enumerate(texts)]
    docs = EntityTagger(aliases_path=aliases).run(documents=docs)["documents"]
    docs = EntityResolver(aliases_path=aliases).run(documents=docs)["documents"]
    return [doc.meta["entities"] for doc in docs]


def entity(mentions: list[list[dict[str, Any]]], text: str) -> tuple[str, str, str]:
    """(entity_id, canonical, label) of the first mention written `text`."""
    found = next(m for article in mentions for m in article if m["text"] == text)
    return found["entity_id"], found["canonical"], found["label"]


def test_an_acronym_defined_after_its_name_in_parentheses() -> None:
    mentions = resolve(
        "The Syrian Observatory for Human Rights (SOHR) said 3,250 people were killed. SOHR said more died."
    )
    assert entity(mentions, "SOHR")[1] == "Syrian Observatory for Human Rights"


def test_an_acronym_defined_with_or_resolves_in_other_articles_too() -> None:
    mentions = resolve(
        "Members of the Syrian Democratic Forces, or SDF, raised their flag in Raqqa.",
        "The SDF said the city of Raqqa was under its control.",
    )
    assert entity(mentions, "SDF") == entity(mentions, "Syrian Democratic Forces")
    assert entity(mentions, "SDF")[0] == "org:syrian-democratic-forces"


def test_an_acronym_the_article_spells_out_without_defining_it() -> None:
    mentions = resolve(
        "The Centers for Disease Control and Prevention counted 120 cases. CDC officials urged calm."
    )
    assert entity(mentions, "CDC")[1] == "Centers for Disease Control and Prevention"


def test_titles_are_not_part_of_the_name() -> None:
    mentions = resolve(
        "Col. Ryan Dillon, a U.S. military spokesman in Baghdad, spoke on Monday.",
        "“We still expect fighting,” said Colonel Ryan Dillon, spokesman for the coalition.",
    )
    ids = {m["entity_id"] for article in mentions for m in article if "Dillon" in m["text"]}
    assert ids == {"person:ryan-dillon"}


def test_a_surname_is_the_person_named_in_full_earlier_in_the_article() -> None:
    mentions = resolve(
        "Colonel Ryan Dillon, a coalition spokesman, spoke in Baghdad. Dillon said on Sunday: "
        "“We may not always fully agree with our partners.”"
    )
    assert entity(mentions, "Dillon") == ("person:ryan-dillon", "Ryan Dillon", "PERSON")


def test_a_place_is_not_taken_for_a_surname_after_a_preposition() -> None:
    mentions = resolve(
        "George Washington crossed the river. The troops marched on to Washington in the spring."
    )
    assert entity(mentions, "Washington")[1] == "Washington"


def test_an_organisation_shortened_to_its_head_words() -> None:
    mentions = resolve(
        "Kalashnikov wrote to the head of the Russian Orthodox Church before he died. "
        "The Church has a very definite position, a spokesman said."
    )
    assert entity(mentions, "Church")[1] == "Russian Orthodox Church"


def test_case_variants_are_one_entity() -> None:
    mentions = resolve(
        "NATO met in Brussels on Tuesday.",
        "Nato ministers met in Brussels on Tuesday.",
        aliases=None,
    )
    assert entity(mentions, "NATO")[0] == entity(mentions, "Nato")[0]


def test_transliterations_are_one_entity_without_any_alias() -> None:
    mentions = resolve(
        "Fighters fled to Dair Alzour province. Families fled Dair Alzour.",
        "The army pushed into the last districts in Deir al-Zor.",
        "The army advanced in the city of Deir al-Zour, near the town of Mayadeen.",
        "The army captured the city of al-Mayadin on Saturday.",
        aliases=None,
    )
    assert len({entity(mentions, name)[0] for name in ("Dair Alzour", "Deir al-Zor", "Deir al-Zour")}) == 1
    assert entity(mentions, "Mayadeen")[0] == entity(mentions, "al-Mayadin")[0]
    assert entity(mentions, "Deir al-Zour")[2] == "GPE"


def test_close_spellings_of_one_name_are_one_entity() -> None:
    mentions = resolve(
        "“We are in control of the whole city,” said Mustafa Bali, a spokesman for the SDF.",
        "Mostafa Bali, an SDF spokesman, described the civilians as human shields.",
        aliases=None,
    )
    assert entity(mentions, "Mustafa Bali")[0] == entity(mentions, "Mostafa Bali")[0]


def test_different_people_with_close_names_stay_apart() -> None:
    mentions = resolve("Dan Brown wrote a novel.", "Don Brown coached the team.", aliases=None)
    assert entity(mentions, "Dan Brown")[0] != entity(mentions, "Don Brown")[0]


def test_the_alias_file_names_the_entity_and_pins_its_type() -> None:
    mentions = resolve(
        "Daesh fighters left the city.", "ISIS lost its capital.", "The Islamic State group fled."
    )
    assert {entity(mentions, n) for n in ("Daesh", "ISIS")} == {("org:islamic-state", "Islamic State", "ORG")}


def test_transliterations_of_an_alias_file_name_resolve_to_it() -> None:
    mentions = resolve("Fighters fled to the city of Deir al-Zour.")
    assert entity(mentions, "Deir al-Zour")[:2] == ("gpe:deir-ez-zor", "Deir ez-Zor")


def test_the_batch_votes_one_type_per_entity() -> None:
    """An article where spaCy calls Raqqa an organisation is outvoted by the others."""
    forms = {
        "raqqa": Form(key="raqqa", spellings=Counter({"Raqqa": 9}), votes=Counter({"GPE": 4, "ORG": 1})),
    }
    [resolved] = resolve_forms(forms, {}, []).values()
    assert resolved.type == "GPE"


def test_the_registry_outvotes_one_article() -> None:
    """Earlier runs said Raqqa is a place: one new article calling it an organisation does not change it."""
    forms = {"raqqa": Form(key="raqqa", spellings=Counter({"Raqqa": 3}), votes=Counter({"ORG": 1}))}
    known = [Known(id="gpe:raqqa", name="Raqqa", type="GPE", votes=Counter({"GPE": 12}))]
    [resolved] = resolve_forms(forms, {}, known).values()
    assert (resolved.id, resolved.type) == ("gpe:raqqa", "GPE")


def test_later_batches_resolve_to_entities_registered_earlier() -> None:
    known = [Known(id="gpe:deir-al-zour", name="Deir al-Zour", type="GPE", aliases=["Deir al-Zor"])]
    forms = {
        "dair alzour": Form(
            key="dair alzour", spellings=Counter({"Dair Alzour": 1}), votes=Counter({"GPE": 1})
        )
    }
    [resolved] = resolve_forms(forms, {}, known).values()
    assert (resolved.id, resolved.name) == ("gpe:deir-al-zour", "Deir al-Zour")
    assert "Dair Alzour" in resolved.aliases


def test_two_registered_entities_are_never_merged_by_a_guess() -> None:
    known = [
        Known(id="person:dan-smith", name="Dan Smith", type="PERSON"),
        Known(id="person:mustafa-smith", name="Mustafa Smith", type="PERSON"),
    ]
    forms = {
        "dan smith": Form(key="dan smith", spellings=Counter({"Dan Smith": 1}), votes=Counter({"PERSON": 1})),
        "mustafa smith": Form(
            key="mustafa smith", spellings=Counter({"Mustafa Smith": 1}), votes=Counter({"PERSON": 1})
        ),
    }
    resolved = resolve_forms(forms, {}, known)
    assert {e.id for e in resolved.values()} == {"person:dan-smith", "person:mustafa-smith"}


def test_re_ingesting_an_article_does_not_count_its_votes_twice() -> None:
    old_version = Document(
        id="a1",
        meta={
            "entities": [{"entity_id": "gpe:raqqa", "form": "Raqqa", "label": "GPE", "article_label": "ORG"}]
            * 3
        },
    )
    registered = [Known(id="gpe:raqqa", name="Raqqa", type="GPE", votes=Counter({"GPE": 4, "ORG": 1}))]
    [merged] = _with_registered([], registered, previous_votes([old_version], "entities"))
    assert merged.votes == Counter({"GPE": 4})


def test_articles_carry_entity_ids_and_every_name_of_their_entities() -> None:
    docs = EntityTagger(aliases_path=ALIASES).run(documents=[Document(content="ISIS fighters left Raqqa.")])
    [doc] = EntityResolver(aliases_path=ALIASES).run(documents=docs["documents"])["documents"]
    assert "org:islamic-state" in doc.meta["entity_ids"]
    assert {"Islamic State", "Daesh", "ISIL"} <= set(doc.meta["entity_names"])


def test_an_alias_file_may_be_json(tmp_path: Path) -> None:
    path = tmp_path / "aliases.json"
    path.write_text('{"entities": [{"name": "Abu Kamal", "type": "GPE", "aliases": ["Bukamal"]}]}')
    mentions = resolve("The battle for the city of Bukamal began.", aliases=str(path))
    assert entity(mentions, "Bukamal")[:2] == ("gpe:abu-kamal", "Abu Kamal")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("entities:\n  - {name: X, type: CITY}\n", "has type 'CITY'"),
        ("entities:\n  - {name: X, type: ORG, aliases: [Y]}\n  - {name: Y, type: ORG}\n", "given to both"),
        ("just text\n", "expected a mapping"),
    ],
)
def test_a_broken_alias_file_is_reported(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text(content)
    with pytest.raises(AliasFileError, match=message):
        load_aliases(str(path))


def test_resolver_round_trips_through_to_dict() -> None:
    resolver = EntityResolver(
        aliases_path=ALIASES,
        es_url="http://127.0.0.1:9200",
        registry_index="x-entities",
        mapping_path="m.json",
    )
    assert EntityResolver.from_dict(resolver.to_dict()).to_dict() == resolver.to_dict()
