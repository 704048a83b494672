"""Question answering with cited evidence."""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.datastructures import State

from newsdesk.search_api.deps import ServicesDep
from newsdesk.search_api.http.rate_limits import AskRateLimit
from newsdesk.search_api.qa.engine import QAEngine
from newsdesk.search_api.qa.models import QARequest, QAResponse
from newsdesk.search_api.services import Services

router = APIRouter(tags=["qa"])
_lock = threading.Lock()


def app_engine(state: State, services: Services) -> QAEngine:
    """One engine per app, built on first use from the loaded plugins' answer extractors."""
    engine: QAEngine | None = getattr(state, "qa_engine", None)
    if engine is None:
        with _lock:
            engine = getattr(state, "qa_engine", None)
            if engine is None:
                engine = QAEngine.from_services(services)
                state.qa_engine = engine
    return engine


def get_engine(request: Request, services: ServicesDep) -> QAEngine:
    return app_engine(request.app.state, services)


EngineDep = Annotated[QAEngine, Depends(get_engine)]


def ask(engine: QAEngine, services: Services, question: str, history: list[str], top_k: int) -> QAResponse:
    return engine.answer(question, history, top_k)


@router.post(
    "/qa",
    response_model=QAResponse,
    summary="Answer a question, citing the articles",
    dependencies=[AskRateLimit],
)
def qa(request: QARequest, services: ServicesDep, engine: EngineDep) -> QAResponse:
    """The answers, best first, each with its sources and the sentence it comes from.

    Several outlets giving one value make one answer citing all of them (`agreement: agreed`);
    outlets giving different values are reported in `disagreements`. When nothing in the articles
    fits the question, `no_answer` is true and `confidence` says how sure that is.
    """
    return ask(engine, services, request.question, request.history, request.top_k)
