"""Question answering with cited evidence."""

from __future__ import annotations

from fastapi import APIRouter

from search_api.deps import ServicesDep
from search_api.qa.answer import answer_question
from search_api.qa.question import analyse
from search_api.schemas import QARequest, QAResponse

router = APIRouter(tags=["qa"])


@router.post("/qa", response_model=QAResponse)
def qa(request: QARequest, services: ServicesDep) -> QAResponse:
    services.ensure_index()
    question = analyse(request.question, services.settings.spacy_model)
    answers = answer_question(services.client, services.settings.index_alias, question, request.top_k)
    return QAResponse(
        question=request.question, expected=question.expected, answers=answers, no_answer=not answers
    )
