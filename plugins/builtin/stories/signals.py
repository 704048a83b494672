"""The built-in story signals: shared canonical entities, title and lead terms, figures, and time.

Each says, from 0 to 1, how much an incoming article looks like a recent story; the host weighs
and sums them (`newsdesk_register_story_signals`). They read the features only, so they are cheap
and a test needs no Elasticsearch.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from newsdesk.plugins.stories import ArticleFeatures, StoryProfile

TIME_HALF_LIFE_DAYS = 2.0


def _cosine(a: Counter[str], b: Counter[str], idf: Mapping[str, float], *, binary_a: bool = False) -> float:
    """Cosine of the two bags, each key weighted by how telling it is: rare names and words count most."""
    if not a or not b:
        return 0.0
    weights_a = {k: (1.0 if binary_a else math.sqrt(v)) * idf.get(k, 1.0) for k, v in a.items()}
    weights_b = {k: math.sqrt(v) * idf.get(k, 1.0) for k, v in b.items()}
    dot = sum(w * weights_b[k] for k, w in weights_a.items() if k in weights_b)
    norm = math.sqrt(sum(w * w for w in weights_a.values())) * math.sqrt(
        sum(w * w for w in weights_b.values())
    )
    return dot / norm if norm else 0.0


def shared_entities(article: ArticleFeatures, story: StoryProfile) -> float:
    """The article's canonical entities against the story's, weighted by how often its articles name them."""
    return _cosine(article.entities, story.entities, article.idf, binary_a=True)


def shared_terms(article: ArticleFeatures, story: StoryProfile) -> float:
    """The words of the article's title and lead against those of the story's articles."""
    return _cosine(article.terms, story.terms, article.idf)


def shared_figures(article: ArticleFeatures, story: StoryProfile) -> float:
    """Two precise figures of the same thing in common ('1,130 civilians killed') all but settle it."""
    shared = sum(1 for key in article.figures if key in story.figures)
    return min(1.0, shared / 2)


def close_in_time(article: ArticleFeatures, story: StoryProfile) -> float:
    """1 for an article published within the story's span, halving every two days away from it;
    0.5 when the article or the story gives no publication time."""
    first, last, time = story.first_published, story.last_published, article.time
    if first is None or last is None or time is None:
        return 0.5
    if first <= time <= last:
        return 1.0
    gap = min(abs((time - last).total_seconds()), abs((first - time).total_seconds()))
    return 0.5 ** (gap / 86400 / TIME_HALF_LIFE_DAYS)
