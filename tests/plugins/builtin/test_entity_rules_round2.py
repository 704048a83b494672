"""Rules of the second resolution round (from the held-out clusters 24-29): each with a near miss.

Cross-batch rules are played on `Form`s, as the resolver builds them from a batch (no tagger
guess in the way); rules within an article run on small articles through tagger and resolver.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from haystack import Document

from newsdesk.plugins.builtin.entities import EntityResolver, EntityTagger, clean_span
from newsdesk.plugins.builtin.entities.clustering import Form, resolve_forms
from newsdesk.plugins.builtin.entities.names import core_key, same_spelling
from newsdesk.plugins.builtin.entities.shortforms import organisation_short_form
from newsdesk.plugins.builtin.entities.spans import EntitySpan
from tests.conftest import REPO

pytestmark = pytest.mark.unit

ALIASES = str(REPO / "index_config" / "entity_aliases.yaml")


def form(name: str, label: str, articles: int = 1) -> Form:
    key = name.casefold()
    return Form(key=key, spellings=Counter({name: articles}), votes=Counter({label: articles}))


def ids(*forms: Form) -> dict[str, str]:
    """The entity id of each name of one batch."""
    resolved = resolve_forms({f.key: f for f in forms}, {}, [])
    return {next(iter(f.spellings)): resolved[f.key].id for f in forms}


def canonical(text: str, word: str) -> str:
    """The canonical name a one-article batch gives the last mention written `word`."""
    docs = EntityTagger(aliases_path=ALIASES).run(documents=[Document(id="a", content=text)])["documents"]
    docs = EntityResolver(aliases_path=ALIASES).run(documents=docs)["documents"]
    mentions: list[dict[str, Any]] = [m for m in docs[0].meta["entities"] if m["text"] == word]
    return str(mentions[-1]["canonical"])


def test_a_short_word_seen_once_under_another_type_is_not_a_close_spelling_of_a_name() -> None:
    found = ids(form("Sahel", "PERSON"), form("Shell", "ORG", articles=3))
    assert found["Sahel"] != found["Shell"]


def test_a_long_word_seen_once_under_another_type_still_meets_its_spelling() -> None:
    found = ids(form("Bukmal", "PERSON"), form("Bukamal", "GPE", articles=3))
    assert found["Bukmal"] == found["Bukamal"]


def test_a_person_written_without_the_middle_name_is_the_one_who_has_it() -> None:
    found = ids(form("Amadou Sanogo", "PERSON"), form("Amadou Haya Sanogo", "PERSON"))
    assert found["Amadou Sanogo"] == found["Amadou Haya Sanogo"]


def test_without_the_middle_name_two_people_could_be_meant() -> None:
    found = ids(
        form("John Smith", "PERSON"), form("John Paul Smith", "PERSON"), form("John Henry Smith", "PERSON")
    )
    assert len(set(found.values())) == 3


def test_a_department_is_one_entity_whichever_way_round_it_is_written() -> None:
    found = ids(form("Department of Commerce", "ORG"), form("Commerce Department", "ORG"))
    assert found["Department of Commerce"] == found["Commerce Department"]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Department of Commerce", "commerce department"),
        (
            "U.S. Department of Veterans Affairs",
            "us department of veterans affairs",
        ),  # "Veterans Affairs" ends it
        ("Nantucket Police Department", "nantucket police"),
        ("State Department", "state department"),  # not "State"
        ("National Movement for the Liberation of the Azawad", "national movement for liberation of azawad"),
        ("The Hague", "hague"),
    ],
)
def test_core_key_of_organisations(name: str, key: str) -> None:
    assert core_key(name, "ORG") == key


def test_two_neighbouring_letters_swapped_in_a_long_name_are_a_typing_slip() -> None:
    assert same_spelling("Holtmzan", "Holtzman")
    assert not same_spelling("Moran", "Morna")  # short: another name
    assert not same_spelling("Holtzman", "Holzmtan")  # two letters apart: another name


def test_an_acronym_glued_after_a_name_is_cut_off() -> None:
    span = clean_span("National Movement for the Liberation of Azawad (MNLA", 10, "ORG")
    assert span is not None and span.text == "National Movement for the Liberation of Azawad"
    alone = clean_span("(MNLA", 0, "ORG")  # an acronym in its own parenthesis stays
    assert alone is not None and alone.text == "MNLA"


def test_the_north_is_the_only_north_the_article_names() -> None:
    text = (
        "North Korea fired a missile on Sunday. South Korea said the launch came from the west coast. "
        "Officials in Seoul said the North had fired two more since May."
    )
    assert canonical(text, "North") == "North Korea"


def test_the_north_stays_itself_when_two_places_could_be_meant() -> None:
    text = (
        "North Korea fired a missile on Sunday. Farmers in North Dakota watched the news. "
        "Officials in Seoul said the North had fired two more since May."
    )
    assert canonical(text, "North") == "North"


def test_one_word_after_of_is_not_the_short_form_of_an_organisation() -> None:
    heritage = EntitySpan("World Heritage Site of Timbuktu", "ORG", 0, 31)
    assert organisation_short_form(EntitySpan("Timbuktu", "ORG", 60, 68), "ORG", [heritage]) is None


def test_more_words_after_of_may_still_shorten_an_organisation() -> None:
    department = EntitySpan("U.S. Department of Veterans Affairs", "ORG", 0, 35)
    short = organisation_short_form(EntitySpan("Veterans Affairs", "ORG", 60, 76), "ORG", [department])
    assert short == department
