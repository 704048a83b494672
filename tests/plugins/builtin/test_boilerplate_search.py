"""The seeds ingested into the real node: what the stripper removed cannot be found, the articles can."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.plugins.builtin.test_boilerplate import SEEDS

pytestmark = pytest.mark.integration

NOT_SEARCHABLE = [
    "Telegram channel",  # promo
    "You are here",  # navigation
    "Video Player",
    "EXPLORE XINHUANET",
    "EDITOR’S CHOICE",
    "010020070750000000000000011105091366871391",  # tracking number
    "Visit the Los Angeles Times",  # footer
    "Distributed by Tribune Content Agency",
    "contributed to this report",
    "beheaded boy",  # another story's headline
    "Leave a Reply",  # the comment thread
    "Hind Abyad",
    "AIRLIFTS",
    "Anglo-Americans",
]


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“\"])", paragraph) if len(s.split()) >= 4]


def phrase_hits(api: TestClient, text: str) -> set[str]:
    body = api.post("/search", json={"query": f'"{text}"', "size": 20}).json()
    return {hit["id"] for hit in body["hits"]}


@pytest.mark.parametrize("junk", NOT_SEARCHABLE)
def test_removed_text_is_not_searchable(seeded_api: TestClient, junk: str) -> None:
    assert phrase_hits(seeded_api, junk) == set()


@pytest.mark.parametrize("name", SEEDS)
def test_every_sentence_of_the_article_is_searchable(
    seeded_api: TestClient, seed_texts: dict[str, str], name: str
) -> None:
    seed = SEEDS[name]
    [stem] = [stem for stem in seed_texts if seed.file.startswith(stem)]
    missing = [
        sentence
        for paragraph in seed.expected_body().split("\n\n")
        for sentence in sentences(paragraph)
        if stem not in phrase_hits(seeded_api, sentence.strip("“”\"'"))
    ]
    assert missing == []


@pytest.mark.parametrize("name", SEEDS)
def test_each_seed_is_found_by_its_title(
    seeded_api: TestClient, seed_texts: dict[str, str], name: str
) -> None:
    seed = SEEDS[name]
    [stem] = [stem for stem in seed_texts if seed.file.startswith(stem)]
    assert stem in phrase_hits(seeded_api, seed.title)
