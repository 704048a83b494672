"""The Responses API's body and events: citations as annotations over their marks, events in order."""

from __future__ import annotations

import json

import pytest

from newsdesk.search_api.chat.responses import citation_annotations, response_object, stream_events

pytestmark = pytest.mark.unit

TEXT = "1,130 civilians [1][2]. 2 sources agree.\n\nSources:\n[1] Xinhua: “...”\n[2] AFP: “...”"
CITATIONS = [
    {"index": 1, "article_id": "a", "url": "https://example.org/a", "title": "A", "source": "Xinhua"},
    {"index": 2, "article_id": "b", "url": None, "title": None, "source": "AFP"},
]


def test_each_citation_annotates_its_first_mark() -> None:
    notes = citation_annotations(TEXT, CITATIONS)
    assert [TEXT[n["start_index"] : n["end_index"]] for n in notes] == ["[1]", "[2]"]
    assert [n["start_index"] for n in notes] == [16, 19]
    expected = [("https://example.org/a", "A"), ("newsdesk://articles/b", "AFP")]
    assert [(n["url"], n["title"]) for n in notes] == expected


def test_the_stream_rebuilds_the_text_and_ends_with_the_completed_response() -> None:
    events = [json.loads(chunk.split("data: ", 1)[1]) for chunk in stream_events(TEXT, CITATIONS, "m", "q")]
    kinds = [event["type"] for event in events]
    assert kinds[:2] == ["response.created", "response.in_progress"] and kinds[-1] == "response.completed"
    assert "".join(e["delta"] for e in events if e["type"] == "response.output_text.delta") == TEXT
    assert [e["sequence_number"] for e in events] == list(range(len(events)))
    done = events[-1]["response"]
    assert done["output"][0]["content"][0]["text"] == TEXT
    assert done == {**response_object(TEXT, CITATIONS, "m", "q", done["id"], done["output"][0]["id"]),
                    "created_at": done["created_at"]}  # fmt: skip
