"""OpenAI-compatible chat completions over `/qa`: the answer with numbered citations.

A chat front end sends the conversation; the last user message is the question, the earlier
user messages resolve follow-ups ("And how long did it last?"). The reply's text cites its
sources inline ("1,130 civilians [1][2].") and lists them; the same citations come structured
in a `citations` field on the message (and on the last chunk, when streaming).

Usage:
    reply = ChatReply.from_response(engine.answer(question, history))
    reply.content  # "1,130 civilians [1][2]. ...\n\nSources:\n[1] Xinhua: ..."
    completion(reply, model="newsdesk-qa")  # a chat.completion body
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newsdesk.search_api.qa.models import Answer, QAResponse

MODEL_ID = "newsdesk-qa"
NO_ANSWER = "I found no answer to that in the articles I can search."
QUOTE_CHARS = 240


@dataclass(frozen=True)
class ChatReply:
    content: str
    citations: list[dict[str, Any]]
    qa: QAResponse | None  # None for a front end's background task (a title, tags), not a question

    @classmethod
    def from_response(cls, response: QAResponse) -> ChatReply:
        if response.no_answer or not response.answers:
            return cls(NO_ANSWER, [], response)
        citations: list[dict[str, Any]] = []
        best = response.answers[0]
        lines = [f"{best.answer} {_cite(best, citations)}."]
        if response.disagreements:
            others = "; ".join(f"{d.answer} {_cite(d, citations)}" for d in response.disagreements)
            lines.append(f"Not all sources agree: {others}.")
        elif response.agreement == "agreed":
            lines.append(f"{len(best.sources)} sources agree.")
        if response.resolved_question != response.question:
            lines.insert(0, f"({response.resolved_question})")
        sources = "\n".join(f"[{c['index']}] {_label(c)}: “{c['quote']}”" for c in citations)
        return cls(" ".join(lines) + "\n\nSources:\n" + sources, citations, response)


def _cite(answer: Answer, citations: list[dict[str, Any]]) -> str:
    marks = []
    for evidence in answer.evidence:
        index = len(citations) + 1
        citations.append(
            {
                "index": index,
                "answer": answer.answer,
                "article_id": evidence.article_id,
                "source": evidence.source,
                "title": evidence.title,
                "url": evidence.url,
                "published_at": evidence.published_at,
                "sentence": evidence.sentence,
                "start": evidence.start,
                "end": evidence.end,
                "quote": _quote(evidence.sentence),
            }
        )
        marks.append(f"[{index}]")
    return "".join(marks)


def _label(citation: dict[str, Any]) -> str:
    return str(citation["source"] or citation["title"] or citation["article_id"])


def _quote(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _usage(prompt: str, reply: str) -> dict[str, int]:
    """Word counts, as a rough token count: no tokenizer is involved."""
    prompt_tokens, completion_tokens = len(prompt.split()), len(reply.split())
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def completion(reply: ChatReply, model: str, prompt: str) -> dict[str, Any]:
    """A `chat.completion` body."""
    message = {"role": "assistant", "content": reply.content, "citations": reply.citations}
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
        "usage": _usage(prompt, reply.content),
        "citations": reply.citations,
        "qa": reply.qa.model_dump() if reply.qa else None,
    }


def stream_chunks(reply: ChatReply, model: str, prompt: str, include_usage: bool = False) -> Iterator[str]:
    """Server-sent events of `chat.completion.chunk`s: the role, the text in pieces, the citations."""
    head = {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
    }

    def event(choices: list[dict[str, Any]], **extra: Any) -> str:
        return f"data: {json.dumps({**head, 'choices': choices, **extra}, ensure_ascii=False)}\n\n"

    yield event([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
    for piece in re.findall(r"\S+\s*|\s+", reply.content):
        yield event([{"index": 0, "delta": {"content": piece}, "finish_reason": None}])
    last = {"index": 0, "delta": {"citations": reply.citations}, "finish_reason": "stop"}
    yield event([last], citations=reply.citations)
    if include_usage:
        yield event([], usage=_usage(prompt, reply.content))
    yield "data: [DONE]\n\n"


def models() -> dict[str, Any]:
    return {
        "object": "list",
        "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "newsdesk"}],
    }
