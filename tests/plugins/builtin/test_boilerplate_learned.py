"""The learned line classifier of plain-text mode: what it removes, why it says it did, and its model file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.plugins.builtin.boilerplate.extract import extract_text
from newsdesk.plugins.builtin.boilerplate.learned.classifier import LEARNED, MODEL_PATH, load_model

pytestmark = pytest.mark.unit

ENGLISH_BODY = [
    "The town council voted on Tuesday to build a new bridge over the river, after years of debate.",
    "The old bridge, built in 1932, has been closed to lorries since cracks were found last spring.",
    "Construction is expected to begin in March and to take about two years, the mayor said after the vote.",
]
GERMAN_BODY = [
    "Der Stadtrat hat am Dienstag den Bau einer neuen Brücke über den Fluss beschlossen, nach langem Streit.",
    "Die alte Brücke aus dem Jahr 1932 ist seit einer Prüfung im Frühjahr für Lastwagen gesperrt.",
    "Die Bauarbeiten sollen im März beginnen und etwa zwei Jahre dauern, sagte der Bürgermeister danach.",
]
ENGLISH_PAGE = [
    "Home", "World", "Business", "Sport", "Subscribe",
    "Council approves new bridge over the river",
    *ENGLISH_BODY,
    "Sign up for our daily newsletter and get the best of our journalism in your inbox every morning.",
    "Privacy Policy", "Terms of Use", "© 2024 Valley Media",
]  # fmt: skip
GERMAN_PAGE = [
    "Startseite", "Politik", "Wirtschaft", "Sport",
    "Stadtrat beschließt neue Brücke",
    *GERMAN_BODY,
    "Impressum", "Datenschutz", "Kontakt",
]  # fmt: skip


@pytest.mark.parametrize(("page", "body", "title"), [
    (ENGLISH_PAGE, ENGLISH_BODY, "Council approves new bridge over the river"),
    (GERMAN_PAGE, GERMAN_BODY, "Stadtrat beschließt neue Brücke"),
])  # fmt: skip
def test_a_flattened_page_keeps_its_body_and_loses_its_furniture(
    page: list[str], body: list[str], title: str
) -> None:
    extraction = extract_text("\n".join(page))
    assert extraction.body == "\n\n".join(body)
    assert extraction.title == title
    assert {span.text for span in extraction.removed} == set(page) - set(body)


def test_stricter_levels_keep_no_line_a_looser_one_drops() -> None:
    page = "\n".join(
        [*ENGLISH_PAGE[:6], *ENGLISH_BODY, "Read more: the bridges of the valley", *ENGLISH_PAGE[9:]]
    )
    kept = {
        level: set(extract_text(page, strictness=level).body.split("\n\n"))
        for level in ("low", "medium", "high")
    }
    assert kept["high"] <= kept["medium"] <= kept["low"]
    assert set(ENGLISH_BODY) <= kept["high"]


@pytest.mark.needs_shared
def test_the_model_says_why_it_removed_a_line_no_rule_named() -> None:
    from benchmarks.boilerplate.flat_pages import flat_pages

    pages = [page.document.text for page in flat_pages() if page.split == "ae-train"][:10]
    removed = [span for page in pages for span in extract_text(page).removed if span.reason == LEARNED]
    assert removed, "the model removed nothing the rules had kept"
    for span in removed:
        assert span.detail is not None and span.detail.startswith("model p=")
        assert float(span.detail.split("p=")[1][:4]) >= load_model().thresholds["medium"]


def test_a_model_file_of_other_features_is_refused_with_the_retrain_command(tmp_path: Path) -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["dense_names"] = data["dense_names"][:-1]
    other = tmp_path / "line_model.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"python -m training\.boilerplate"):
        load_model(other)
