"""OpenAI's Responses API over a chat reply: the response object, and its stream of events.

The output is one assistant message with one `output_text` part; each numbered citation mark in
the text ("[1]") carries a `url_citation` annotation over its characters, pointing at the
article's URL (or `newsdesk://articles/{id}` when it has none) with its title. The stream emits
the events the `openai` client expects, in order: `response.created`, `response.in_progress`,
the message and its part added, the text in deltas, each annotation, then everything done and
`response.completed` with the whole response.

Usage:
    body = response_object(text, citations, model="newsdesk-qa", prompt=question)
    events = list(stream_events(text, citations, model, question))  # SSE lines
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

from newsdesk.search_api.mcp.schemas import article_uri


def citation_annotations(text: str, citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A `url_citation` for the first place each citation's mark appears in the text."""
    found = []
    for citation in citations:
        mark = re.search(re.escape(f"[{citation['index']}]"), text)
        if mark is None:
            continue
        found.append(
            {
                "type": "url_citation",
                "start_index": mark.start(),
                "end_index": mark.end(),
                "url": citation.get("url") or article_uri(citation["article_id"]),
                "title": citation.get("title") or citation.get("source") or citation["article_id"],
            }
        )
    return found


def _usage(prompt: str, text: str) -> dict[str, Any]:
    """Word counts as a rough token count: no tokenizer is involved."""
    input_tokens, output_tokens = len(prompt.split()), len(text.split())
    return {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": output_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": input_tokens + output_tokens,
    }


def _message(message_id: str, text: str, notes: list[dict[str, Any]], status: str) -> dict[str, Any]:
    part = {"type": "output_text", "text": text, "annotations": notes, "logprobs": []}
    return {
        "type": "message",
        "id": message_id,
        "status": status,
        "role": "assistant",
        "content": [part] if status == "completed" else [],
    }


def _envelope(response_id: str, model: str, created: int, status: str) -> dict[str, Any]:
    return {
        "id": response_id,
        "object": "response",
        "created_at": created,
        "status": status,
        "model": model,
        "output": [],
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "metadata": {},
        "parallel_tool_calls": False,
        "temperature": None,
        "top_p": None,
        "tool_choice": "auto",
        "tools": [],
        "text": {"format": {"type": "text"}},
        "usage": None,
    }


def response_object(
    text: str,
    citations: list[dict[str, Any]],
    model: str,
    prompt: str,
    response_id: str | None = None,
    message_id: str | None = None,
) -> dict[str, Any]:
    """A completed `response`, with the citations also structured in a `citations` field."""
    response_id = response_id or f"resp_{uuid.uuid4().hex}"
    message_id = message_id or f"msg_{uuid.uuid4().hex}"
    body = _envelope(response_id, model, int(time.time()), "completed")
    body["output"] = [_message(message_id, text, citation_annotations(text, citations), "completed")]
    body["usage"] = _usage(prompt, text)
    body["citations"] = citations
    return body


def stream_events(text: str, citations: list[dict[str, Any]], model: str, prompt: str) -> Iterator[str]:
    """The server-sent events of a streamed response."""
    response_id, message_id = f"resp_{uuid.uuid4().hex}", f"msg_{uuid.uuid4().hex}"
    created = int(time.time())
    notes = citation_annotations(text, citations)
    where = {"item_id": message_id, "output_index": 0, "content_index": 0}
    sequence = iter(range(1_000_000))

    def event(kind: str, **fields: Any) -> str:
        data = {"type": kind, "sequence_number": next(sequence), **fields}
        return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

    yield event("response.created", response=_envelope(response_id, model, created, "in_progress"))
    yield event("response.in_progress", response=_envelope(response_id, model, created, "in_progress"))
    yield event(
        "response.output_item.added", output_index=0, item=_message(message_id, "", [], "in_progress")
    )
    empty = {"type": "output_text", "text": "", "annotations": [], "logprobs": []}
    yield event("response.content_part.added", **where, part=empty)
    for piece in re.findall(r"\S+\s*|\s+", text):
        yield event("response.output_text.delta", **where, delta=piece, logprobs=[])
    for index, note in enumerate(notes):
        yield event("response.output_text.annotation.added", **where, annotation_index=index, annotation=note)
    yield event("response.output_text.done", **where, text=text, logprobs=[])
    part = {"type": "output_text", "text": text, "annotations": notes, "logprobs": []}
    yield event("response.content_part.done", **where, part=part)
    yield event(
        "response.output_item.done", output_index=0, item=_message(message_id, text, notes, "completed")
    )
    done = response_object(text, citations, model, prompt, response_id, message_id)
    done["created_at"] = created
    yield event("response.completed", response=done)
