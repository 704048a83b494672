"""Query words' other forms and synonyms, as the search matches them."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.search_api.search.expansion import QueryExpander, SynonymFileError, load_synonyms
from newsdesk.search_api.search.query import text_query
from newsdesk.search_api.search.query_language import parse_query
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def expander() -> QueryExpander:
    settings = Settings()
    return QueryExpander(settings.spacy_model, load_synonyms(settings.synonyms_path))


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("fighters", "fighter"),
        ("Elections", "election"),
        ("killed", "kill"),
        ("children", "child"),
        ("ran", "run"),
    ],
)
def test_a_word_also_matches_its_lemma(expander: QueryExpander, word: str, lemma: str) -> None:
    assert expander.lemmas(word)[0] == word.lower()
    assert lemma in expander.lemmas(word)


def test_a_word_is_not_taken_for_a_form_of_a_word_it_only_looks_like(expander: QueryExpander) -> None:
    assert expander.lemmas("news") == ("news",)
    assert expander.lemmas("Raqqa") == ("raqqa",)


def test_runs_of_query_words_found_in_the_synonym_file(expander: QueryExpander) -> None:
    matches = expander.synonym_matches(["cheap", "Mobile", "phone", "film"])
    assert [(m.start, m.end) for m in matches] == [(1, 3), (3, 4)]
    assert set(matches[0].alternatives) == {"cellphone", "smartphone"}
    assert matches[1].alternatives == ("movie",)


def test_a_word_matches_its_forms_below_the_form_typed_and_its_synonyms(expander: QueryExpander) -> None:
    query = text_query(parse_query("fighters"), expander=expander)["bool"]["must"][0]
    as_typed, synonyms = query["bool"]["should"]
    exact, forms = as_typed["bool"]["should"]
    assert exact["multi_match"]["query"] == "fighters"
    assert forms["bool"]["boost"] < 1
    assert {f["multi_match"]["query"] for f in forms["bool"]["should"]} == {"fighters", "fighter"}
    assert {s["multi_match"]["query"] for s in synonyms["bool"]["should"]} == {"militants", "rebels"}


def test_phrases_and_fields_are_matched_as_typed(expander: QueryExpander) -> None:
    must = text_query(parse_query('"Islamic State fighters" title:elections'), expander=expander)["bool"][
        "must"
    ]
    assert must[0]["multi_match"]["type"] == "phrase"
    assert must[1] == {"match": {"title": {"query": "elections", "operator": "and"}}}


def test_a_synonym_file_that_is_not_groups_is_refused_saying_what_it_expects(tmp_path: Path) -> None:
    path = tmp_path / "synonyms.yaml"
    path.write_text("synonyms: film movie\n", encoding="utf-8")
    with pytest.raises(SynonymFileError, match=r"a list of groups"):
        load_synonyms(path)
    with pytest.raises(SynonymFileError, match="not found"):
        load_synonyms(tmp_path / "missing.yaml")
