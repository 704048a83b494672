"""OpenAI's Responses API (`POST /v1/responses`), streamed or not, so `client.responses.create` works.

Text in, text out: `input` is the question, or the conversation as a list of messages (the last
user message is the question, the earlier ones resolve follow-ups; responses are not stored, so
`previous_response_id` is refused). The answer's citations are `url_citation` annotations on the
output text, and come structured in `citations` too.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from newsdesk.search_api.chat.openai_errors import OpenAIErrorRoute
from newsdesk.search_api.chat.replies import reply_to
from newsdesk.search_api.chat.responses import response_object, stream_events
from newsdesk.search_api.http.rate_limits import AskRateLimit
from newsdesk.search_api.http.text_safety import SafeText
from newsdesk.search_api.qa.chat import MODEL_ID
from newsdesk.search_api.routes.chat import MAX_MESSAGE_CHARS
from newsdesk.search_api.routes.qa import EngineDep

router = APIRouter(tags=["chat"], route_class=OpenAIErrorRoute)

Text = Annotated[SafeText, Field(max_length=MAX_MESSAGE_CHARS)]


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str = Field(description="input_text or output_text carry text; other parts are ignored.")
    text: Text | None = None


class InputMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: Literal["message"] = "message"
    role: Literal["user", "assistant", "system", "developer"]
    content: Text | list[ContentPart]

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        return " ".join(part.text or "" for part in self.content if part.text is not None)


class ResponsesRequest(BaseModel):
    """The fields of OpenAI's response request that matter here; the others are accepted."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {"model": MODEL_ID, "input": "How many civilians were killed in the battle for Raqqa?"}
            ]
        },
    )

    model: SafeText = MODEL_ID
    input: Text | Annotated[list[InputMessage], Field(min_length=1, max_length=100)]
    instructions: Text | None = None
    stream: bool = False
    metadata: dict[str, Any] | None = None
    previous_response_id: SafeText | None = None


@router.post(
    "/responses",
    summary="Responses API: the answer, with citations as annotations",
    dependencies=[AskRateLimit],
    responses={200: {"description": "A `response`; with `stream: true`, its server-sent events."}},
)
def create_response(request: ResponsesRequest, engine: EngineDep) -> Any:
    if request.previous_response_id is not None:
        raise HTTPException(400, "responses are not stored: send the conversation as input messages instead")
    if isinstance(request.input, str):
        turns = [("user", request.input)]
    else:
        turns = [(message.role, message.text()) for message in request.input]
    reply = reply_to(engine, turns, request.metadata)
    prompt = next(text for role, text in reversed(turns) if role == "user" and text.strip())
    if request.stream:
        events = stream_events(reply.content, reply.citations, request.model, prompt)
        return StreamingResponse(events, media_type="text/event-stream")
    return response_object(reply.content, reply.citations, request.model, prompt)
