"""Chat replies: numbered citations in the text, the same citations structured, OpenAI's shapes."""

from __future__ import annotations

import json

import pytest

from newsdesk.search_api.qa.chat import NO_ANSWER, ChatReply, completion, stream_chunks
from newsdesk.search_api.qa.models import Answer, Evidence, QAResponse

pytestmark = pytest.mark.unit


def evidence(article_id: str, source: str | None, sentence: str, text: str) -> Evidence:
    start = sentence.index(text)
    return Evidence(
        article_id=article_id,
        source=source,
        title=f"Title {article_id}",
        sentence=sentence,
        sentence_start=0,
        sentence_end=len(sentence),
        start=start,
        end=start + len(text),
        text=text,
        score=0.9,
    )


def answer(text: str, *cited: Evidence) -> Answer:
    return Answer(answer=text, normalised=text, kind="duration", score=0.9,
                  sources=[e.source or e.article_id for e in cited], evidence=list(cited))  # fmt: skip


FOUR = answer(
    "four months",
    evidence("a", "Xinhua", "It followed a four months battle.", "four months"),
    evidence("b", None, "After four months of fighting, it fell.", "four months"),
)
FIVE = answer("five months", evidence("c", "Blog", "The five months battle ended.", "five months"))
DISPUTED = QAResponse(question="How long did it last?", resolved_question="How long did the battle last?",
                      expected="duration", answers=[FOUR, FIVE], agreement="disputed", disagreements=[FIVE],
                      no_answer=False, confidence=0.9)  # fmt: skip


def test_the_reply_cites_each_source_by_number_and_lists_them() -> None:
    reply = ChatReply.from_response(DISPUTED)

    assert "four months [1][2]." in reply.content
    assert "five months [3]" in reply.content
    assert "[2] Title b: “After four months of fighting, it fell.”" in reply.content
    assert [(c["index"], c["article_id"], c["answer"]) for c in reply.citations] == [
        (1, "a", "four months"), (2, "b", "four months"), (3, "c", "five months")
    ]  # fmt: skip
    assert "(How long did the battle last?)" in reply.content


def test_no_answer_is_said_plainly_without_citations() -> None:
    nothing = QAResponse(question="q", resolved_question="q", expected="count", answers=[], no_answer=True,
                         confidence=0.8)  # fmt: skip
    reply = ChatReply.from_response(nothing)
    assert (reply.content, reply.citations) == (NO_ANSWER, [])


def test_completion_and_stream_have_openai_shapes() -> None:
    reply = ChatReply.from_response(DISPUTED)
    body = completion(reply, "newsdesk-qa", "How long did it last?")
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"]["content"] == reply.content
    assert body["choices"][0]["message"]["citations"] == reply.citations

    events = list(stream_chunks(reply, "newsdesk-qa", "q", include_usage=True))
    assert events[-1] == "data: [DONE]\n\n"
    chunks = [json.loads(e.removeprefix("data: ")) for e in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"])
    assert text == reply.content
    finish = [c for c in chunks if c["choices"] and c["choices"][0]["finish_reason"] == "stop"]
    assert finish[0]["citations"] == reply.citations
    assert "usage" in chunks[-1] and chunks[-1]["choices"] == []
