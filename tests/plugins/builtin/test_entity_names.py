"""The keys under which differently written names meet, as tables of input and expected output."""

from __future__ import annotations

import pytest

from newsdesk.plugins.builtin.entities.names import (
    acronym_matches,
    core_key,
    is_acronym,
    name_key,
    same_spelling,
    skeleton,
    slug,
    translit_key,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("The U.S.", "us"),
        ("US", "us"),
        ("SDF’s", "sdf"),
        ("ISIS", "isis"),
        ("Isis", "isis"),
        ("Mösul", "mosul"),
        ("Deir ez-Zor", "deir ez zor"),
    ],
)
def test_name_key_ignores_case_accents_punctuation_and_the(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    "variant", ["Deir ez-Zor", "Deir al-Zor", "Deir al-Zour", "Dair Alzour", "Deir el-Zour"]
)
def test_transliterations_of_deir_ez_zor_share_one_key(variant: str) -> None:
    assert translit_key(variant) == "dir zur"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mayadeen", "al-Mayadin"),
        ("Mustafa Bali", "Mostafa Bali"),
        ("Raqqa", "Raqqah"),
        ("Hussein", "Husain"),
    ],
)
def test_particles_vowels_and_doubled_letters_do_not_count(a: str, b: str) -> None:
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Bukamal", "Bukmal", True),
        ("Mohammed Ali", "Muhammad Ali", True),
        ("Linnaeus", "Linneaus", True),
        ("Iran", "Iraq", False),
        ("Niger", "Nigeria", False),
        ("Austria", "Australia", False),
        ("Dan Brown", "Don Brown", False),  # short names must be equal: two people
        ("Kim Jong Un", "Kim Jong Il", False),
    ],
)
def test_same_spelling_tells_variants_from_other_names(a: str, b: str, same: bool) -> None:
    assert same_spelling(a, b) is same


def test_skeleton_blocks_candidates_by_consonants() -> None:
    assert skeleton("Bukamal") == skeleton("Bukmal") == "bkml"


@pytest.mark.parametrize(
    ("acronym", "long_form", "matches"),
    [
        ("SDF", "Syrian Democratic Forces", True),
        ("SOHR", "Syrian Observatory for Human Rights", True),
        ("IS", "Islamic State", True),
        ("ISIS", "Islamic State", False),
        ("SDF", "Syria", False),
        ("U.S.", "U.S. Senate", False),
    ],
)
def test_acronyms_match_the_initials_of_their_long_form(acronym: str, long_form: str, matches: bool) -> None:
    assert acronym_matches(acronym, long_form) is matches


def test_acronyms_are_short_capitals() -> None:
    assert is_acronym("SOHR") and is_acronym("U.N.")
    assert not is_acronym("Isis") and not is_acronym("A")


@pytest.mark.parametrize(
    ("name", "label", "key"),
    [
        ("Coty Inc.", "ORG", "coty"),
        ("BuzzFeed News", "ORG", "buzzfeed"),
        ("Euphrates River", "LOC", "euphrates"),
        ("Kansas City", "GPE", "kansas city"),
        ("William P. Brady Jr.", "PERSON", "william brady"),
        ("Kurdish", "NORP", "kurd"),
        ("Kurds", "NORP", "kurd"),
        ("Japanese-Americans", "NORP", "japanese americ"),
    ],
)
def test_core_key_drops_words_that_only_say_the_kind_of_name(name: str, label: str, key: str) -> None:
    assert core_key(name, label) == key


def test_slug_is_url_safe() -> None:
    assert slug("Deir ez-Zor") == "deir-ez-zor"
    assert slug("People's Protection Units") == "people-s-protection-units"
