"""Real clients of chat front ends and agent frameworks get cited answers from the seeds.

The `openai` client (chat and Responses, streamed or not), Haystack's `OpenAIChatGenerator` and
LangChain's `ChatOpenAI`; a front end's background request gets a short title, not a news answer;
errors come in OpenAI's shape.
"""

from __future__ import annotations

import json

import openai
import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.integration

KILLED = "How many civilians were killed in the battle for Raqqa?"
CITED = {"002_29db2200959aca4a", "004_66dd8c24867dc48b"}
# Open WebUI's default title prompt, as it sends it after the first exchange.
TITLE_PROMPT = """### Task:
Generate a concise, 3-5 word title with an emoji summarizing the chat history.
### Guidelines:
- The title should clearly represent the main theme or subject of the conversation.
### Output:
JSON format: { "title": "your concise title here" }
### Chat History:
<chat_history>
USER: How many civilians were killed in the battle for Raqqa?
ASSISTANT: 1,130 civilians [1][2]. 2 sources agree.
</chat_history>"""


@pytest.fixture(scope="module")
def client(seeded_api: TestClient) -> openai.OpenAI:
    return openai.OpenAI(
        base_url="http://testserver/v1", api_key="unused", http_client=seeded_api, max_retries=0
    )


def test_responses_create_answers_with_citations_as_annotations(client: openai.OpenAI) -> None:
    response = client.responses.create(model="newsdesk-qa", input=KILLED)

    assert response.status == "completed"
    assert response.output_text.startswith("1,130 civilians [1][2].")
    text = response.output[0].content[0]
    marks = [response.output_text[a.start_index : a.end_index] for a in text.annotations]
    assert marks == ["[1]", "[2]"]
    assert {a.url for a in text.annotations} == {f"newsdesk://articles/{i}" for i in CITED}
    assert response.usage is not None and response.usage.output_tokens > 0


def test_a_streamed_response_gives_the_same_text_and_annotations(client: openai.OpenAI) -> None:
    events = list(client.responses.create(model="newsdesk-qa", input=KILLED, stream=True))

    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert deltas.startswith("1,130 civilians [1][2].")
    assert events[0].type == "response.created"
    completed = events[-1]
    assert completed.type == "response.completed" and completed.response.output_text == deltas
    assert len([e for e in events if e.type == "response.output_text.annotation.added"]) == 2


def test_a_follow_up_given_as_input_messages_is_answered(client: openai.OpenAI) -> None:
    response = client.responses.create(
        model="newsdesk-qa",
        input=[
            {"role": "user", "content": KILLED},
            {"role": "assistant", "content": "1,130 civilians [1][2]."},
            {"role": "user", "content": "And how long did it last?"},
        ],
    )
    assert "four months [1]" in response.output_text


def test_a_front_ends_title_request_gets_a_short_title_not_a_news_answer(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model="newsdesk-qa", messages=[{"role": "user", "content": TITLE_PROMPT}]
    )
    title = json.loads(completion.choices[0].message.content or "")["title"]
    assert 2 <= len(title.split()) <= 5 and "Raqqa" in title
    assert completion.usage is not None and completion.usage.total_tokens > 0


def test_open_webui_tags_request_named_in_metadata_gets_tags(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model="newsdesk-qa",
        messages=[{"role": "user", "content": TITLE_PROMPT.replace("title", "tags")}],
        extra_body={"metadata": {"task": "tags_generation"}},
    )
    tags = json.loads(completion.choices[0].message.content or "")["tags"]
    assert "Raqqa" in tags


def test_errors_come_in_openais_shape(seeded_api: TestClient, client: openai.OpenAI) -> None:
    response = seeded_api.post("/v1/chat/completions", json={"model": "newsdesk-qa", "messages": []})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["param"] == "messages" and error["type"] == "invalid_request_error"
    with pytest.raises(openai.BadRequestError, match="not stored"):
        client.responses.create(model="newsdesk-qa", input="And then?", previous_response_id="resp_1")


def test_haystacks_openai_chat_generator_gets_a_cited_answer(live_api_url: str) -> None:
    from haystack.components.generators.chat import OpenAIChatGenerator
    from haystack.dataclasses import ChatMessage
    from haystack.utils import Secret

    generator = OpenAIChatGenerator(
        api_key=Secret.from_token("unused"), model="newsdesk-qa", api_base_url=f"{live_api_url}/v1"
    )
    reply = generator.run([ChatMessage.from_user(KILLED)])["replies"][0]
    assert reply.text is not None and reply.text.startswith("1,130 civilians [1][2].")
    assert "Xinhua" in reply.text


def test_langchains_chat_openai_gets_a_cited_answer(live_api_url: str) -> None:
    langchain_openai = pytest.importorskip("langchain_openai", reason="langchain-openai is not installed")
    model = langchain_openai.ChatOpenAI(model="newsdesk-qa", base_url=f"{live_api_url}/v1", api_key="unused")
    reply = model.invoke(KILLED)
    assert str(reply.content).startswith("1,130 civilians [1][2].") and "Xinhua" in str(reply.content)
