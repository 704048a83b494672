"""A processor's failure on one article costs that article its enrichment, nothing more."""

from __future__ import annotations

import dataclasses
import time

import pytest
from haystack import Document, component

from newsdesk.plugins.chain.deadline import check_deadline
from newsdesk.plugins.chain.guard import ERRORS_KEY, GuardedProcessor

pytestmark = pytest.mark.unit


@component
class FailsOnBoom:
    """Adds `checked: True`, except to an article whose text says "boom"."""

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        if any("boom" in (doc.content or "") for doc in documents):
            raise ValueError("cannot handle boom")
        return {
            "documents": [dataclasses.replace(doc, meta={**doc.meta, "checked": True}) for doc in documents]
        }


@component
class LosesDocuments:
    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        return {"documents": documents[:-1]}


def test_only_the_failing_article_loses_the_enrichment_and_it_is_recorded() -> None:
    docs = [
        Document(id="a", content="fine"),
        Document(id="b", content="boom"),
        Document(id="c", content="fine"),
    ]
    out = GuardedProcessor(FailsOnBoom(), "checker", "checker_plugin").run(documents=docs)["documents"]

    assert [doc.id for doc in out] == ["a", "b", "c"]
    assert [doc.meta.get("checked") for doc in out] == [True, None, True]
    assert out[1].meta[ERRORS_KEY] == [
        {
            "processor": "checker",
            "plugin": "checker_plugin",
            "error": "ValueError: cannot handle boom",
            "error_type": "ValueError",
            "transient": False,
        }
    ]
    assert ERRORS_KEY not in out[0].meta


def test_a_processor_breaking_the_contract_is_caught_and_named() -> None:
    docs = [Document(id="a", content="x"), Document(id="b", content="y")]
    out = GuardedProcessor(LosesDocuments(), "lossy", "lossy_plugin").run(documents=docs)["documents"]

    assert [doc.id for doc in out] == ["a", "b"]
    assert all("instead of a list of 1 Documents" in doc.meta[ERRORS_KEY][0]["error"] for doc in out)


def test_errors_of_several_processors_accumulate() -> None:
    doc = Document(id="a", content="boom")
    first = GuardedProcessor(FailsOnBoom(), "one", "p1").run(documents=[doc])["documents"]
    second = GuardedProcessor(FailsOnBoom(), "two", "p2").run(documents=first)["documents"]
    assert [error["processor"] for error in second[0].meta[ERRORS_KEY]] == ["one", "two"]


@component
class StallsOnSlow:
    """Adds `checked: True`; on an article saying "slow" it works step by step and never finishes."""

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        for doc in documents:
            while "slow" in (doc.content or ""):
                check_deadline()
                time.sleep(0.005)
        return {
            "documents": [dataclasses.replace(doc, meta={**doc.meta, "checked": True}) for doc in documents]
        }


def test_an_article_past_the_deadline_is_recorded_as_failed_and_the_others_go_on() -> None:
    docs = [
        Document(id="a", content="fine"),
        Document(id="b", content="slow"),
        Document(id="c", content="fine"),
    ]
    guarded = GuardedProcessor(StallsOnSlow(), "staller", "staller_plugin", seconds_per_article=0.05)
    out = guarded.run(documents=docs)["documents"]

    assert [doc.meta.get("checked") for doc in out] == [True, None, True]
    [record] = out[1].meta[ERRORS_KEY]
    assert record["processor"] == "staller"
    assert record["error"].startswith("EnrichmentDeadlineExceeded")


def test_the_deadline_survives_serialisation() -> None:
    guarded = GuardedProcessor(FailsOnBoom(), "checker", "checker_plugin", seconds_per_article=7.5)
    assert GuardedProcessor.from_dict(guarded.to_dict()).seconds_per_article == 7.5
