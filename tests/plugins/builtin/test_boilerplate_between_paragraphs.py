"""Lines between paragraphs, the lead and the tail: which belong to the article and which do not.

Each rule is shown on a line that must go and on a close line that must stay in the body.
"""

from __future__ import annotations

import pytest
from haystack import Document

from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper

pytestmark = pytest.mark.unit

PARAGRAPHS = [
    "Police in riot gear closed in before dawn on Monday on activists who defied a midnight deadline.",
    "Four demonstrators were arrested during the brief confrontation, accused of unlawful assembly.",
    "Later, attorneys for the protesters asked a federal judge for an injunction against the eviction.",
    "The encampment, which officials had tolerated for weeks, is among the largest on the West Coast.",
]
DATING = (
    "Seventeen eggshell fragments and two charcoal fragments from the hearth were dated by radiocarbon, "
    "and the samples gave ages between 10,000 and 49,000 years."
)


def strip(*lines: str) -> Document:
    return BoilerplateStripper().run([Document(content="\n\n".join(lines))])["documents"][0]


def paragraphs(doc: Document) -> list[str]:
    return (doc.content or "").split("\n\n")


def test_a_subheading_its_section_takes_up_stays_and_another_story_goes() -> None:
    subheading = "Radiocarbon dating of hearth charcoal and eggshell samples"
    other_story = "Sheriff in Ohio arrests two men over a string of burglaries"
    doc = strip(PARAGRAPHS[0], subheading, DATING, other_story, PARAGRAPHS[1], PARAGRAPHS[2])
    assert paragraphs(doc) == [PARAGRAPHS[0], subheading, DATING, PARAGRAPHS[1], PARAGRAPHS[2]]


def test_a_subheading_made_of_the_articles_quote_stays() -> None:
    quoted = "Suspect described as 'desperate, maybe on drugs'"
    headline = "Pop band members deny the singer's 'wild party' claims in court"
    witness = "A neighbour called the woman 'desperate, maybe on drugs' and said she had a 'wild party'."
    doc = strip(PARAGRAPHS[0], quoted, PARAGRAPHS[1], headline, witness, PARAGRAPHS[2])
    assert paragraphs(doc) == [PARAGRAPHS[0], quoted, PARAGRAPHS[1], witness, PARAGRAPHS[2]]


def test_headlines_under_read_more_go_even_when_they_end_in_full_stops() -> None:
    links = [
        "Lions are actually raised to be killed in South Africa. And American hunters love it.",
        "Climate change could devastate Africa. It is already hurting this Kenyan town.",
    ]
    doc = strip(*PARAGRAPHS, "Read more:", *links)
    assert paragraphs(doc) == PARAGRAPHS
    removed = [span["text"] for span in doc.meta["boilerplate_removed"]]
    assert removed == ["Read more:", *links]


def test_a_long_paragraph_after_read_more_is_the_article_going_on() -> None:
    going_on = (
        "The encampment's organisers said on Tuesday that they would move to a church hall across the river, "
        "where the city had agreed to let them stay until the end of the month while talks went on."
    )
    doc = strip(*PARAGRAPHS, "Read more:", going_on)
    assert paragraphs(doc) == [*PARAGRAPHS, going_on]


def test_a_short_line_ending_in_a_colon_does_not_close_the_article() -> None:
    doc = strip(*PARAGRAPHS, "More from CBC Manitoba:")
    assert paragraphs(doc) == PARAGRAPHS
    announcing = "The family released the following statement on Sunday evening:"
    assert paragraphs(strip(*PARAGRAPHS, announcing)) == [*PARAGRAPHS, announcing]


def test_a_lone_credit_after_a_caption_goes_and_a_one_word_subheading_stays() -> None:
    caption = "Protesters gather outside the court on Monday. (Jane Doe/Getty Images)"
    doc = strip(PARAGRAPHS[0], caption, "Reuters", PARAGRAPHS[1], PARAGRAPHS[2])
    assert paragraphs(doc) == PARAGRAPHS[:3]
    assert {"text": "Reuters", "reason": "caption"} in doc.meta["boilerplate_removed"]
    game = "Kinectimals lets children raise a virtual tiger cub, and Kinectimals responds to their voices."
    doc = strip(PARAGRAPHS[0], caption, "Kinectimals", game, PARAGRAPHS[1])
    assert paragraphs(doc) == [PARAGRAPHS[0], "Kinectimals", game, PARAGRAPHS[1]]


def test_a_gallerys_heading_goes_with_the_gallery() -> None:
    heading = "The senator's most controversial quotes"
    gallery = [
        "18 show all The senator's most controversial quotes",
        "1/18 On immigration: “They are not sending their best.” Getty Images",
    ]
    doc = strip(PARAGRAPHS[0], PARAGRAPHS[1], heading, *gallery, PARAGRAPHS[2], PARAGRAPHS[3])
    assert paragraphs(doc) == PARAGRAPHS


def test_a_scrape_that_starts_at_a_section_heading_has_no_title() -> None:
    sections = [
        ("Excavation methods", "Hand excavation was undertaken within the rock shelter in two trenches."),
        ("Optical dating of quartz grains", "Seven optical dating samples of quartz grains were collected."),
        ("Bayesian age modelling", "Bayesian modelling combined the ages into one age model per layer."),
    ]
    doc = strip(*[line for section in sections for line in section])
    assert doc.meta["title"] == ""
    assert paragraphs(doc) == [line for section in sections for line in section]


def test_a_short_kicker_over_an_unsectioned_story_is_still_its_title() -> None:
    lead = "Vegas Strip shooting"
    first = "LAS VEGAS — A dispute in a hotel along the Strip turned into a shooting on Thursday morning."
    doc = strip(lead, first, *PARAGRAPHS)
    assert doc.meta["title"] == lead
    assert lead not in (doc.content or "")
