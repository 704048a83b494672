"""The official `openai` client, pointed at newsdesk, gets cited answers, streamed or not."""

from __future__ import annotations

import openai
import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

KILLED = "How many civilians were killed in the battle for Raqqa?"
CITED = {"002_29db2200959aca4a", "004_66dd8c24867dc48b"}


@pytest.fixture(scope="module")
def client(seeded_api: TestClient) -> openai.OpenAI:
    return openai.OpenAI(
        base_url="http://testserver/v1", api_key="unused", http_client=seeded_api, max_retries=0
    )


def test_a_completion_answers_with_numbered_citations(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model="newsdesk-qa", messages=[{"role": "user", "content": KILLED}]
    )

    message = completion.choices[0].message
    assert message.content is not None and message.content.startswith("1,130 civilians [1][2].")
    citations = message.model_extra["citations"]
    assert {c["article_id"] for c in citations} == CITED
    assert [c["index"] for c in citations] == [1, 2]
    assert all("1,130" in c["sentence"] for c in citations)
    assert completion.choices[0].finish_reason == "stop"


def test_a_streamed_completion_gives_the_same_text_and_citations(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(
        model="newsdesk-qa", messages=[{"role": "user", "content": KILLED}], stream=True
    )
    chunks = list(stream)

    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    assert text.startswith("1,130 civilians [1][2].")
    last = next(chunk for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason == "stop")
    assert {c["article_id"] for c in last.model_extra["citations"]} == CITED


def test_a_follow_up_in_the_conversation_is_answered(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model="newsdesk-qa",
        messages=[
            {"role": "user", "content": KILLED},
            {"role": "assistant", "content": "1,130 civilians [1][2]."},
            {"role": "user", "content": "And how long did it last?"},
        ],
    )
    content = completion.choices[0].message.content or ""
    assert "four months [1]" in content and "five months" in content


def test_no_answer_is_said_without_citations(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model="newsdesk-qa",
        messages=[{"role": "user", "content": "How many ISIS fighters did the US airlift?"}],
    )
    assert completion.choices[0].message.model_extra["citations"] == []
    assert "no answer" in (completion.choices[0].message.content or "")


def test_the_models_list_names_newsdesk(client: openai.OpenAI) -> None:
    assert [model.id for model in client.models.list()] == ["newsdesk-qa"]


def test_a_conversation_without_a_user_message_is_refused(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(
            model="newsdesk-qa", messages=[{"role": "system", "content": "Be brief."}]
        )
