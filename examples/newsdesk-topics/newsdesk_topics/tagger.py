"""The `TopicTagger` component: topics from keyword lists, counted on whole words."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

DEFAULT_TOPICS: dict[str, list[str]] = {
    "conflict": [
        "battle",
        "fighters",
        "fighting",
        "militants",
        "offensive",
        "airstrikes",
        "killed",
        "troops",
    ],
    "humanitarian": ["civilians", "refugees", "camps", "aid", "displaced", "humanitarian", "fled", "shelter"],
    "politics": ["government", "election", "minister", "parliament", "president", "vote", "party", "policy"],
    "business": ["profits", "shares", "market", "company", "sales", "economy", "investors", "bank"],
    "sport": ["match", "season", "league", "cup", "coach", "players", "championship", "goal"],
    "technology": ["software", "internet", "computer", "digital", "online", "mobile", "technology", "users"],
}
_WORD = re.compile(r"[a-z]+")


@component
class TopicTagger:
    """Tags each document with the topics whose keywords it mentions at least `min_hits` times.

    Usage:
        tagger = TopicTagger(min_hits=2)
        doc = tagger.run(documents=[Document(content="Fighters and troops: the battle went on.")])
        doc["documents"][0].meta["topics"]  # ["conflict"]
    """

    META_KEY = "topics"

    def __init__(self, topics: dict[str, list[str]] | None = None, min_hits: int = 2) -> None:
        self.topics = topics or DEFAULT_TOPICS
        self.min_hits = min_hits

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        tagged = []
        for doc in documents:
            words = Counter(_WORD.findall((doc.content or "").lower()))
            topics = sorted(
                topic
                for topic, keywords in self.topics.items()
                if sum(words[k] for k in keywords) >= self.min_hits
            )
            tagged.append(dataclasses.replace(doc, meta={**doc.meta, self.META_KEY: topics}))
        return {"documents": tagged}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, topics=self.topics, min_hits=self.min_hits)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TopicTagger:
        return default_from_dict(cls, data)
