"""A chat front end's background requests (a title, tags, follow-ups), answered at once, not as news.

With every conversation, front ends send requests of their own through the same endpoint: Open
WebUI names them in `metadata.task` ("title_generation", "tags_generation", ...) and wraps the
chat in a prompt ("### Task: Generate a concise, 3-5 word title ... <chat_history>"); LibreChat,
LobeChat and others only word the prompt ("Write a concise title for this conversation").
Answering those with a news search wastes a second and shows the user "no answer" as a title.
They are recognised here, by the metadata or the prompt's words, and answered from the
conversation's own first question, in the format the prompt asks for (JSON when it says so).

Usage:
    task = recognise(messages_text, metadata)   # "title", "tags", ... or None
    reply = answer(task, messages_text)         # '{"title": "Civilians Killed Raqqa Battle"}'
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from spacy.lang.en.stop_words import STOP_WORDS

Task = Literal["title", "tags", "follow_ups", "queries", "emoji", "autocomplete"]

# Open WebUI's `metadata.task` values, by the task they ask for.
OPEN_WEBUI_TASKS: dict[str, Task] = {
    "title_generation": "title",
    "tags_generation": "tags",
    "follow_up_generation": "follow_ups",
    "query_generation": "queries",
    "emoji_generation": "emoji",
    "autocomplete_generation": "autocomplete",
}
# How the prompts of front ends word each task (Open WebUI's defaults, LibreChat, LobeChat, ...).
PROMPT_PATTERNS: tuple[tuple[Task, re.Pattern[str]], ...] = (
    (
        "title",
        re.compile(r"\b(generate|write|create|give|suggest|summari[sz]e)\b[^.\n]{0,60}\btitle\b", re.I),
    ),
    ("tags", re.compile(r"\bgenerate\b[^.\n]{0,40}\btags\b", re.I)),
    ("follow_ups", re.compile(r"\bfollow[- ]up (questions|prompts)\b", re.I)),
    ("queries", re.compile(r"\bgenerate\b[^.\n]{0,60}\bsearch quer(y|ies)\b", re.I)),
    ("emoji", re.compile(r"\brespond with (a single|one) emoji\b", re.I)),
)
TASK_HEADER = re.compile(r"^\s*(###\s*task|task:)", re.I | re.M)
CHAT_HISTORY = re.compile(r"<chat_history>(.*?)</chat_history>", re.S | re.I)
USER_LINE = re.compile(r"^\s*USER:\s*(.+)$", re.M)
QUESTION_WORDS = frozenset(
    {"how", "many", "much", "what", "which", "who", "whom", "when", "where", "why", "did"}
)
TITLE_WORDS = 5


def recognise(prompt: str, metadata: dict[str, Any] | None = None) -> Task | None:
    """The background task a request is, or None for a question to answer."""
    named = (metadata or {}).get("task")
    if isinstance(named, str) and named in OPEN_WEBUI_TASKS:
        return OPEN_WEBUI_TASKS[named]
    head = prompt[:600]  # the instruction comes first; a user's own question may say "title" later
    if not (TASK_HEADER.search(head) or "conversation" in head.lower() or "chat history" in head.lower()):
        return None
    return next((task for task, pattern in PROMPT_PATTERNS if pattern.search(head)), None)


def conversation_questions(prompt: str) -> list[str]:
    """The questions quoted in a task prompt (Open WebUI's `USER:` lines), else the prompt's last line."""
    history = CHAT_HISTORY.search(prompt)
    quoted = USER_LINE.findall(history.group(1) if history else prompt)
    if quoted:
        return [line.strip() for line in quoted]
    lines = [line.strip() for line in prompt.splitlines() if line.strip()]
    return lines[-1:]


def _content_words(text: str) -> list[str]:
    words = re.findall(r"[\w'’-]+", text)
    return [w for w in words if w.lower() not in STOP_WORDS and w.lower() not in QUESTION_WORDS]


def title_of(questions: list[str]) -> str:
    words = _content_words(questions[0]) if questions else []
    if not words:
        return "News question"
    return " ".join(w if w[:1].isupper() else w.capitalize() for w in words[:TITLE_WORDS])


def tags_of(questions: list[str]) -> list[str]:
    names = [w for q in questions for w in _content_words(q) if w[:1].isupper() and not q.startswith(w)]
    unique = list(dict.fromkeys(names))
    return ["News", *unique[:2]]


def follow_ups_of(questions: list[str]) -> list[str]:
    return [
        "Which outlets report this, and do they agree?",
        "When did this happen?",
        "What else is reported about it?",
    ]


def answer(task: Task, prompt: str) -> str:
    """The reply to a background task, as JSON when the prompt asks for it, else as plain text."""
    questions = conversation_questions(prompt)
    values: dict[Task, Any] = {
        "title": title_of(questions),
        "tags": tags_of(questions),
        "follow_ups": follow_ups_of(questions),
        "queries": questions[-1:],
        "emoji": "📰",
        "autocomplete": "",
    }
    keys: dict[Task, str] = {"autocomplete": "text"}
    wants_json = "json" in prompt.lower() or task in {"tags", "follow_ups", "queries", "autocomplete"}
    if not wants_json:
        value = values[task]
        return value if isinstance(value, str) else ", ".join(value)
    return json.dumps({keys.get(task, task): values[task]}, ensure_ascii=False)
