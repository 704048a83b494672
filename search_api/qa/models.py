"""Request and response bodies of `POST /qa`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsdesk.search_api.http.text_safety import SafeText

MAX_QUESTION_CHARS = 1000
MAX_HISTORY = 20


class QARequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"question": "How many civilians were killed in the battle for Raqqa?"},
                {
                    "question": "And how long did it last?",
                    "history": ["How many civilians were killed in the battle for Raqqa?"],
                },
            ]
        },
    )

    question: SafeText = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    top_k: int = Field(3, ge=1, le=20, description="Most answers to return.")
    history: list[Annotated[SafeText, Field(max_length=MAX_QUESTION_CHARS)]] = Field(
        default_factory=list,
        max_length=MAX_HISTORY,
        description="Earlier questions of the conversation, oldest first: a follow-up such as "
        "'And how long did it last?' is read against them.",
    )


class Evidence(BaseModel):
    article_id: str
    source: str | None = Field(description="The outlet, when the article names it.")
    title: str | None
    url: str | None = None
    published_at: str | None = None
    sentence: str = Field(description="The sentence the answer comes from.")
    sentence_start: int = Field(description="Offset of the sentence in the article's clean text.")
    sentence_end: int
    start: int = Field(description="Offset of the answer in the article's clean text.")
    end: int
    text: str = Field(description="The answer as this article writes it.")
    score: float


class Answer(BaseModel):
    answer: str = Field(description="The answer as a reader would say it.")
    normalised: str = Field(description="A canonical form: the value and unit, or the entity's name.")
    value: float | None = Field(None, description="The normalised number, for numeric answers.")
    unit: str | None = None
    kind: str = Field(description="The number kind or entity label of the answer.")
    score: float = Field(description="0..1; higher is surer.")
    sources: list[str] = Field(description="The outlets (or, when unnamed, the article ids) that give it.")
    evidence: list[Evidence] = Field(description="The best sentence of each article that gives it.")


class QAResponse(BaseModel):
    question: str
    resolved_question: str = Field(description="The question as answered, follow-ups made whole.")
    expected: str = Field(description="The kind of answer the question asks for.")
    answers: list[Answer] = Field(description="Best first; empty when there is no answer.")
    agreement: Literal["agreed", "single_source", "disputed"] | None = Field(
        None,
        description="agreed: several articles give the best answer and none contradicts it; "
        "single_source: one article gives it; disputed: other articles give a different value.",
    )
    disagreements: list[Answer] = Field(
        default_factory=list, description="Answers that contradict the best one, each with its sources."
    )
    no_answer: bool
    confidence: float = Field(
        description="How sure newsdesk is of what it says: of the best answer, or that there is none."
    )
