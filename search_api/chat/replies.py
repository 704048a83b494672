"""The reply to a conversation, for both OpenAI-compatible endpoints: a cited answer, or a background task's.

Usage:
    turns = [("user", "How many civilians were killed in the battle for Raqqa?")]
    reply = reply_to(engine, turns, metadata=None)   # ChatReply("1,130 civilians [1][2]. ...")
"""

from __future__ import annotations

from typing import Any

from newsdesk.plugins.errors import InvalidRequestError
from newsdesk.search_api.chat import front_end_tasks
from newsdesk.search_api.qa.chat import ChatReply
from newsdesk.search_api.qa.engine import QAEngine
from newsdesk.search_api.qa.models import MAX_QUESTION_CHARS

CONTEXT_TOP_K = 3


def reply_to(engine: QAEngine, turns: list[tuple[str, str]], metadata: dict[str, Any] | None) -> ChatReply:
    """`turns` are (role, text), oldest first; the last user turn is the question or the task."""
    questions = [text.strip() for role, text in turns if role == "user" and text.strip()]
    if not questions:
        msg = "the conversation has no user message to answer"
        raise InvalidRequestError(msg)
    prompt = questions[-1]
    task = front_end_tasks.recognise(prompt, metadata)
    if task is not None:
        return ChatReply(front_end_tasks.answer(task, prompt), [], None)
    if len(prompt) > MAX_QUESTION_CHARS:
        msg = f"a question is at most {MAX_QUESTION_CHARS} characters"
        raise InvalidRequestError(msg)
    return ChatReply.from_response(engine.answer(prompt, questions[:-1], CONTEXT_TOP_K))
