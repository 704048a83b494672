"""The question-answering pipeline: question -> articles -> passages -> candidates -> answers.

Usage:
    engine = QAEngine.from_services(services)
    response = engine.answer("How many civilians were killed in the battle for Raqqa?")
    response.answers[0].answer, response.answers[0].sources  # ("1,130 civilians", ["Xinhua", ...])
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from elasticsearch import Elasticsearch

from newsdesk.plugins.builtin.qa import DENSE_FIELD, Embedder, fuse_rrf, knn_query, load_embedder
from newsdesk.plugins.types import AnswerExtractor, Article, Candidate, Question
from newsdesk.search_api.qa.aggregate import MIN_SCORE, build_response
from newsdesk.search_api.qa.answer_kind import prefer_named_kind
from newsdesk.search_api.qa.entities import article_aliases, demonym_aliases
from newsdesk.search_api.qa.followup import resolve
from newsdesk.search_api.qa.grounding import ground
from newsdesk.search_api.qa.models import QAResponse
from newsdesk.search_api.qa.passages import rank_passages
from newsdesk.search_api.qa.question import analyse, answer_description
from newsdesk.search_api.qa.retrieval import (
    SOURCE_FIELDS,
    build_query,
    read_article,
    registry_aliases,
    term_weights,
    usable_alias,
)

if TYPE_CHECKING:
    from newsdesk.search_api.services import Services
    from newsdesk.search_api.settings import Settings

logger = logging.getLogger(__name__)

PLUGIN_NAME = "qa"
DESCRIPTION_WEIGHT = 0.5


@dataclass(frozen=True)
class QAConfig:
    """The QA plugin's settings: `NEWSDESK_PLUGINS__QA__<KEY>=value`."""

    articles: int = 10
    passages: int = 30
    min_score: float = MIN_SCORE
    dense: str = "auto"  # "auto": use dense retrieval when a model is installed; "off": never

    @classmethod
    def from_settings(cls, settings: Settings) -> QAConfig:
        raw = settings.plugins.get(PLUGIN_NAME, {})
        return cls(
            articles=int(raw.get("articles", cls.articles)),
            passages=int(raw.get("passages", cls.passages)),
            min_score=float(raw.get("min_score", cls.min_score)),
            dense=str(raw.get("dense", cls.dense)).lower(),
        )


class QAEngine:
    def __init__(
        self,
        settings: Settings,
        client: Elasticsearch,
        extractors: Mapping[str, AnswerExtractor],
        config: QAConfig | None = None,
        embedder: Embedder | None = None,
    ) -> None:
        self.settings = settings
        self.client = client
        self.extractors = dict(extractors)
        self.config = config or QAConfig.from_settings(settings)
        self.embedder = embedder

    @classmethod
    def from_services(cls, services: Services) -> QAEngine:
        config = QAConfig.from_settings(services.settings)
        use_dense = config.dense != "off" and DENSE_FIELD in services.host.mappings
        embedder = load_embedder() if use_dense else None
        extractors = services.host.answer_extractors
        return cls(services.settings, services.search_client, extractors, config, embedder)

    @property
    def index(self) -> str:
        return self.settings.index_alias

    def question(self, text: str, history: Sequence[str] = ()) -> Question:
        """The question, made whole from the conversation, analysed and weighted."""
        model = self.settings.spacy_model
        resolved = resolve(text, history, model) if history else text
        question = analyse(resolved, model)
        words = [w for term in question.terms for w in (term, *question.forms.get(term, ()))]
        idf = term_weights(self.client, self.index, words)
        # Rare terms say most about the passage; even a term every article holds counts a little.
        # A term is as common as its commonest written form ("lose" as "lost").
        # Words describing the answer ("monitoring group") weigh less: its sentence may not say them.
        described = answer_description(question.text)
        smoothed = {
            term: (0.5 + min(idf.get(w, 0.0) for w in (term, *question.forms.get(term, ()))))
            * (DESCRIPTION_WEIGHT if described & {term, *question.forms.get(term, ())} else 1.0)
            for term in question.terms
        }
        return dataclasses.replace(
            question,
            term_weights=smoothed,
            aliases=registry_aliases(question.names, self.settings, self.client),
            resolved_from=text if resolved != text else None,
        )

    def retrieve(self, question: Question) -> list[Article]:
        size = self.config.articles
        response = self.client.search(
            index=self.index, query=build_query(question), size=size, source_includes=SOURCE_FIELDS
        )
        hits: list[dict[str, Any]] = list(response["hits"]["hits"])
        if self.embedder is not None:
            hits = self._fuse_dense(question, hits)
        return [read_article(hit, rank) for rank, hit in enumerate(hits)]

    def _fuse_dense(self, question: Question, bm25: list[dict[str, Any]]) -> list[dict[str, Any]]:
        assert self.embedder is not None
        vector = self.embedder.embed([question.text])[0]
        knn = self.client.search(
            index=self.index, knn=knn_query(vector, self.config.articles), size=self.config.articles,
            source_includes=SOURCE_FIELDS,
        )["hits"]["hits"]  # fmt: skip
        by_id = {hit["_id"]: hit for hit in [*knn, *bm25]}
        fused = fuse_rrf([[h["_id"] for h in bm25], [h["_id"] for h in knn]])
        return [by_id[doc_id] for doc_id in fused[: self.config.articles]]

    def candidates(self, question: Question, articles: Sequence[Article]) -> list[Candidate]:
        passages = rank_passages(articles, question, self.config.passages)
        found: list[Candidate] = []
        for name, extractor in self.extractors.items():
            try:
                found.extend(extractor.extract(question, passages))
            except Exception:  # one broken extractor costs its candidates, not the answer
                logger.exception("answer extractor %s failed", name)
        return prefer_named_kind(question, ground(question, found), self.config.min_score)

    def answer(self, text: str, history: Sequence[str] = (), top_k: int = 3) -> QAResponse:
        question = self.question(text, history)
        articles = self.retrieve(question)
        in_article = article_aliases(question.names, articles)
        for name, places in demonym_aliases(question.names, articles).items():
            in_article[name] = (*in_article.get(name, ()), *places)
        if in_article:
            merged = {
                n: tuple(dict.fromkeys([*question.aliases.get(n, ()), *filter(usable_alias, a)]))
                for n, a in in_article.items()
            }
            question = dataclasses.replace(question, aliases={**question.aliases, **merged})
        return build_response(
            text, question, self.candidates(question, articles), top_k, self.config.min_score
        )
