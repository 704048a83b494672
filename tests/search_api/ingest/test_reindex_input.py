"""A stored article read back for a rebuild: a field today's checks refuse is dropped, not the article."""

from __future__ import annotations

import pytest

from newsdesk.search_api.ingest.reindex import as_input

pytestmark = pytest.mark.unit


def stored(**meta: object) -> dict:
    raw = {"content": "The council met on Monday.", "format": "text", "origin": "feed.jsonl:3", "meta": meta}
    return {"_id": "old-1", "_source": {"raw": raw, "ingested_at": "2026-11-01T00:00:00Z"}}


def test_a_legacy_javascript_url_is_dropped_and_the_article_kept() -> None:
    item = as_input("articles-v1", stored(url="javascript:alert(1)", title="Council", authors=["x" * 300]))
    assert item.error is None and item.article is not None
    assert item.article.url is None and item.article.authors == [] and item.article.title == "Council"
    assert item.article.document_id() == "old-1"


def test_a_valid_stored_article_comes_back_whole() -> None:
    item = as_input("articles-v1", stored(url="https://example.org/a", authors=["Jane Doe"]))
    assert item.article is not None and item.article.url == "https://example.org/a"
    assert item.article.authors == ["Jane Doe"]


def test_an_article_whose_content_is_refused_still_fails_with_the_reason() -> None:
    hit = stored(url="javascript:alert(1)")
    hit["_source"]["raw"]["content"] = "   "
    item = as_input("articles-v1", hit)
    assert item.article is None and item.error and "content" in item.error
