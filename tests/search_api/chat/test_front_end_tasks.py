"""A front end's background requests are recognised and answered in the format they ask for."""

from __future__ import annotations

import json

import pytest

from newsdesk.search_api.chat.front_end_tasks import answer, recognise

pytestmark = pytest.mark.unit

HISTORY = """### Chat History:
<chat_history>
USER: How many civilians were killed in the battle for Raqqa?
ASSISTANT: 1,130 civilians [1][2].
</chat_history>"""
OPEN_WEBUI = {
    "title": "### Task:\nGenerate a concise, 3-5 word title with an emoji summarizing the chat history.\n"
    '### Output:\nJSON format: { "title": "your concise title here" }\n',
    "tags": "### Task:\nGenerate 1-3 broad tags categorizing the main themes of the chat history.\n"
    '### Output:\nJSON format: { "tags": ["tag1", "tag2", "tag3"] }\n',
    "follow_ups": "### Task:\nSuggest 3-5 relevant follow-up questions or prompts that the user might ask.\n"
    '### Output:\nJSON format: { "follow_ups": ["Question 1?", "Question 2?"] }\n',
}


@pytest.mark.parametrize("task", sorted(OPEN_WEBUI))
def test_open_webuis_default_prompts_are_recognised_and_answered_as_json(task: str) -> None:
    prompt = OPEN_WEBUI[task] + HISTORY
    assert recognise(prompt) == task
    value = json.loads(answer(task, prompt))[task]
    assert value and all(isinstance(v, str) for v in ([value] if isinstance(value, str) else value))


def test_the_title_is_a_few_words_of_the_first_question() -> None:
    title = json.loads(answer("title", OPEN_WEBUI["title"] + HISTORY))["title"]
    assert title == "Civilians Killed Battle Raqqa"


def test_a_plain_title_prompt_gets_plain_text() -> None:
    prompt = "Write a concise title for this conversation.\n\nHow many people fled Mosul?"
    assert recognise(prompt) == "title"
    assert answer("title", prompt) == "People Fled Mosul"


def test_metadata_names_the_task_whatever_the_prompt() -> None:
    assert recognise("anything at all", {"task": "tags_generation"}) == "tags"
    assert recognise("anything at all", {"task": "not_a_task"}) is None


@pytest.mark.parametrize(
    "question",
    [
        "How many civilians were killed in the battle for Raqqa?",
        "What was the title of the report the UN wrote about Raqqa?",
        "Which newspaper headline called it a victory? Generate a summary title.",
    ],
)
def test_news_questions_are_not_taken_for_tasks(question: str) -> None:
    assert recognise(question) is None
