"""The retrieval query: the question's words and lemmas, its names as phrases with their aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.plugins.types import Question
from newsdesk.search_api.qa.retrieval import build_query, read_article, registry_aliases, usable_alias
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.unit


def test_query_searches_terms_and_written_forms_and_names_with_aliases() -> None:
    question = Question(
        text="What percentage of its territory has Islamic State lost?",
        expected="percent",
        terms=("territory", "islamic", "state", "lose"),
        forms={"lose": ("lost",)},
        names=("Islamic State",),
        aliases={"Islamic State": ("ISIS", "Daesh")},
    )
    should = build_query(question)["bool"]["should"]
    assert should[0]["multi_match"]["query"] == "territory islamic state lose lost"
    phrases = [clause["match_phrase"]["content"]["query"] for clause in should[1:]]
    assert phrases == ["Islamic State", "ISIS", "Daesh"]


def test_aliases_that_are_common_words_are_not_used() -> None:
    assert usable_alias("ISIS") and usable_alias("Daesh")
    assert not usable_alias("IS") and not usable_alias("US") and not usable_alias("it")


def test_aliases_come_from_the_alias_file(tmp_path: Path) -> None:
    path = tmp_path / "aliases.yaml"
    path.write_text("entities:\n  - name: Islamic State\n    type: ORG\n    aliases: [ISIS, IS, Daesh]\n")
    found = registry_aliases(["ISIS", "Raqqa"], Settings(entity_aliases_path=path))
    assert found == {"ISIS": ("Islamic State", "Daesh")}


def test_a_missing_alias_file_means_no_aliases(tmp_path: Path) -> None:
    assert registry_aliases(["ISIS"], Settings(entity_aliases_path=tmp_path / "none.yaml")) == {}


def test_a_stored_url_that_is_not_http_is_never_cited() -> None:
    def cited(url: str) -> str | None:
        return read_article({"_id": "a", "_source": {"content": "x", "url": url}}, rank=1).url

    assert cited("javascript:alert(document.cookie)") is None
    assert cited("data:text/html,<script>alert(1)</script>") is None
    assert cited("https://example.org/news/1") == "https://example.org/news/1"
