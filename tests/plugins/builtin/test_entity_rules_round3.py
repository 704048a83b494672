"""Rules of the third resolution round (issue 17's error classes): each with a near miss.

Articles go through the tagger (the default model) and the resolver as one batch, as ingest runs
them; cross-batch rules are also played on `Form`s and on a registered entity.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from haystack import Document

from newsdesk.plugins.builtin.entities import EntityResolver, EntityTagger
from newsdesk.plugins.builtin.entities.clustering import Form, Known, resolve_forms
from newsdesk.plugins.builtin.entities.names import core_key
from tests.conftest import REPO

pytestmark = pytest.mark.unit

ALIASES = str(REPO / "index_config" / "entity_aliases.yaml")
SEED = REPO / "seeds" / "000_f17d1267a26db66a.txt"


def resolve(*texts: str) -> list[list[dict[str, Any]]]:
    """The mentions of each article, tagged and resolved as one batch."""
    docs = [Document(id=str(i), content=text) for i, text in enumerate(texts)]
    docs = EntityTagger(aliases_path=ALIASES).run(documents=docs)["documents"]
    docs = EntityResolver(aliases_path=ALIASES).run(documents=docs)["documents"]
    return [list(doc.meta["entities"]) for doc in docs]


def entity_of(mentions: list[dict[str, Any]], text: str) -> str:
    found = [m["entity_id"] for m in mentions if m["text"] == text]
    assert found, f"{text!r} not tagged in {[m['text'] for m in mentions]}"
    return str(found[0])


def form(name: str, label: str) -> Form:
    return Form(key=name.casefold(), spellings=Counter({name: 1}), votes=Counter({label: 1}))


def test_a_title_case_headline_does_not_make_its_verb_part_of_the_name() -> None:
    [mentions] = resolve(
        "Lindsay Lohan Checks Into Rehab\n\nThe actress Lindsay Lohan entered a clinic on Monday."
    )
    names = {m["text"] for m in mentions}
    assert "Lindsay Lohan" in names
    assert not any("Checks" in name or "Rehab" in name for name in names)


def test_a_headline_naming_two_teams_gives_two_teams() -> None:
    [mentions] = resolve("Yankees Beat Red Sox\n\nThe Yankees beat the Red Sox 5-3 at Fenway Park.")
    assert entity_of(mentions, "Yankees") != entity_of(mentions, "Red Sox")
    assert "Yankees Beat Red Sox" not in {m["text"] for m in mentions}


def test_a_name_in_a_sentence_written_in_capitals_is_not_cut_at_a_verb() -> None:
    # Near miss: only Title Case headlines are cut; a body sentence keeps "Bank of America".
    [mentions] = resolve("Shares of Bank of America rose on Monday, traders in New York said.")
    assert "Bank of America" in {m["text"] for m in mentions}


def test_a_capitalised_adjective_opening_the_seed_sentence_is_not_a_person() -> None:
    [mentions] = resolve(SEED.read_text(encoding="utf-8"))
    assert "Celebratory" not in {m["text"] for m in mentions}
    assert "Raqqa" in {m["text"] for m in mentions}


@pytest.mark.parametrize(
    ("text", "nickname", "real"),
    [
        ("James Bulger, known as Whitey, ran the gang. Whitey was caught.", "Whitey", "James Bulger"),
        ("Kathy Sigman, a grandma known as Kathy Chapman, left. Chapman was 8.", "Chapman", "Kathy Sigman"),
        ("Stefani Germanotta, better known as Lady Gaga, sang. Gaga smiled.", "Gaga", "Stefani Germanotta"),
    ],
)  # fmt: skip
def test_a_nickname_the_text_introduces_is_the_person(text: str, nickname: str, real: str) -> None:
    [mentions] = resolve(text)
    assert entity_of(mentions, nickname) == entity_of(mentions, real)


def test_a_name_that_is_merely_known_for_something_gets_no_nickname() -> None:
    [mentions] = resolve("Richmond, known as one of the most dangerous cities, hired Chief Magnus.")
    assert entity_of(mentions, "Richmond") != entity_of(mentions, "Magnus")


def test_a_nickname_given_in_one_article_links_another_that_only_uses_it() -> None:
    first, second = resolve(
        "James Bulger, known as Whitey, ran the Winter Hill gang in Boston.",
        "Whitey was arrested in Santa Monica in 2011, the FBI said.",
    )
    assert entity_of(second, "Whitey") == entity_of(first, "James Bulger")


def test_an_acronym_meets_its_expansion_written_in_another_article() -> None:
    first, second = resolve(
        "The Associated Press reported the attack on Monday.",
        "Four people died, AP said, citing the police.",
    )
    assert entity_of(second, "AP") == entity_of(first, "Associated Press")


def test_an_acronym_two_long_names_of_the_batch_could_spell_stays_apart() -> None:
    found = resolve_forms(
        {
            f.key: f
            for f in (form("AP", "ORG"), form("Associated Press", "ORG"), form("Alternative Press", "ORG"))
        },
        {},
        [],
    )
    assert found["ap"].id not in (found["associated press"].id, found["alternative press"].id)


def test_an_acronym_meets_a_registered_expansion() -> None:
    known = Known(id="org:associated-press", name="Associated Press", type="ORG", votes=Counter({"ORG": 3}))
    found = resolve_forms({"ap": form("AP", "ORG")}, {}, [known])
    assert found["ap"].id == "org:associated-press"


def test_an_acronym_is_not_the_initials_of_a_person() -> None:
    found = resolve_forms({f.key: f for f in (form("AP", "ORG"), form("Alan Parker", "PERSON"))}, {}, [])
    assert found["ap"].id != found["alan parker"].id


@pytest.mark.parametrize(
    ("a", "b"),
    [("Betty Ford Center", "Betty Ford Clinic"), ("Cedars-Sinai Medical Center", "Cedars-Sinai Hospital"),
     ("University of Reading", "Reading University")],
)  # fmt: skip
def test_name_variants_of_one_institution_meet(a: str, b: str) -> None:
    assert core_key(a, "ORG") == core_key(b, "ORG")


def test_institutions_of_different_names_or_a_bare_kind_stay_apart() -> None:
    assert core_key("Mayo Clinic", "ORG") != core_key("Cleveland Clinic", "ORG")
    assert core_key("Medical Center", "ORG") != core_key("Clinic", "ORG")
    assert core_key("Pacific Crest Trail Association", "ORG") != core_key("Pacific Crest Trail", "ORG")
