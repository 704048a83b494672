"""OpenAI-compatible endpoints, so chat front ends and the `openai` client can ask newsdesk.

`POST /v1/chat/completions` (streamed or not) answers the last user message, with numbered
citations in the text and a structured `citations` list; `GET /v1/models` lists the one model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from newsdesk.search_api.chat import front_end_tasks
from newsdesk.search_api.chat.openai_errors import OpenAIErrorRoute
from newsdesk.search_api.chat.replies import reply_to
from newsdesk.search_api.http.rate_limits import AskRateLimit
from newsdesk.search_api.http.text_safety import SafeText, refuse_lone_surrogates
from newsdesk.search_api.qa.chat import MODEL_ID, completion, models, stream_chunks
from newsdesk.search_api.qa.models import MAX_QUESTION_CHARS
from newsdesk.search_api.routes.qa import EngineDep

router = APIRouter(tags=["chat"], route_class=OpenAIErrorRoute)

# An assistant message (a reply this service wrote, sent back as context) quotes its sources, and a
# front end's background task (a title for the chat) quotes the conversation, so either may be
# longer than a question; they are still bounded, like everything spaCy might be asked to parse.
MAX_MESSAGE_CHARS = 20_000


def _refuse_lone_surrogates_in_parts(parts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for part in parts:
        text = part.get("text")
        if isinstance(text, str):
            refuse_lone_surrogates(text)
    return parts


ContentParts = Annotated[list[dict[str, Any]], AfterValidator(_refuse_lone_surrogates_in_parts)]


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "user", "assistant", "tool", "developer", "function"]
    content: SafeText | ContentParts | None = None

    def text(self) -> str:
        if isinstance(self.content, list):  # content parts: keep the text ones
            return " ".join(str(part.get("text", "")) for part in self.content if part.get("type") == "text")
        return self.content or ""

    @model_validator(mode="after")
    def bounded_text(self) -> ChatMessage:
        text = self.text()
        is_question = self.role == "user" and front_end_tasks.recognise(text) is None
        limit = MAX_QUESTION_CHARS if is_question else MAX_MESSAGE_CHARS
        if len(text) > limit:
            msg = f"a {self.role} message is at most {limit} characters"
            raise ValueError(msg)
        return self


class ChatRequest(BaseModel):
    """The fields of OpenAI's chat completion request that matter here; the others are accepted."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "model": MODEL_ID,
                    "messages": [
                        {"role": "user", "content": "How many civilians were killed in the battle for Raqqa?"}
                    ],
                }
            ]
        },
    )

    model: SafeText = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1, max_length=100)
    stream: bool = False
    stream_options: dict[str, Any] | None = None
    n: int = Field(1, ge=1, le=1)
    metadata: dict[str, Any] | None = Field(
        None, description="Open WebUI names its background requests here: {'task': 'title_generation'}."
    )


_CITATION_EXAMPLE = {
    "index": 1,
    "answer": "1,130 civilians",
    "article_id": "002_29db2200959aca4a",
    "source": "Xinhua",
    "title": "U.S.-backed Syrian forces capture Syria's Raqqa from Islamic State",
    "sentence": "The Syrian Observatory for Human Rights said Tuesday that as many as 3,250 people, "
    "including 1,130 civilians, have been killed during the four-month-long battles in Raqqa.",
    "start": 2270,
    "end": 2275,
}
_COMPLETION_EXAMPLE = {
    "object": "chat.completion",
    "model": MODEL_ID,
    "choices": [
        {
            "index": 0,
            "message": {
                "role": "assistant",
                "content": "1,130 civilians [1][2]. 2 sources agree.\n\nSources:\n[1] Xinhua: “...”",
                "citations": [_CITATION_EXAMPLE],
            },
            "finish_reason": "stop",
        }
    ],
}


@router.post(
    "/chat/completions",
    summary="Chat completion: the answer, with citations",
    dependencies=[AskRateLimit],
    responses={
        200: {
            "description": "A `chat.completion`; with `stream: true`, server-sent `chat.completion.chunk`s.",
            "content": {
                "application/json": {"example": _COMPLETION_EXAMPLE},
                "text/event-stream": {
                    "example": 'data: {"object": "chat.completion.chunk", ...}\n\ndata: [DONE]'
                },
            },
        }
    },
)
def chat_completions(request: ChatRequest, engine: EngineDep) -> Any:
    """The last user message answered with citations; a front end's background task (a title, tags,
    follow-ups) answered at once from the conversation. Errors come in OpenAI's shape."""
    reply = reply_to(engine, [(m.role, m.text()) for m in request.messages], request.metadata)
    question = next(m.text() for m in reversed(request.messages) if m.role == "user" and m.text().strip())
    if request.stream:
        usage = bool((request.stream_options or {}).get("include_usage"))
        return StreamingResponse(
            stream_chunks(reply, request.model, question, include_usage=usage), media_type="text/event-stream"
        )
    return completion(reply, request.model, question)


@router.get(
    "/models",
    summary="The models this service answers as",
    responses={200: {"content": {"application/json": {"example": models()}}}},
)
def list_models() -> dict[str, Any]:
    return models()
