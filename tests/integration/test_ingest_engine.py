"""The streaming ingest on the real node: bounded read-ahead, one parse, outages, dead letters."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import ConnectionError, Elasticsearch
from haystack import Document, component

from newsdesk.plugins import nlp as shared_parse
from newsdesk.plugins.builtin.entities.tagger import EntityTagger
from newsdesk.plugins.builtin.numbers import NumberNormaliser
from newsdesk.plugins.specs import ProcessorSpec
from newsdesk.search_api.index.retry import ElasticsearchUnavailableError
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.ingestor import HASH_FIELD, Ingestor
from newsdesk.search_api.ingest.readers import InputItem
from tests.conftest import ScratchIndex

pytestmark = pytest.mark.integration


@component
class Shout:
    """Upper-cases the content; fails with a connection error on `fail_first` calls."""

    def __init__(self, fail_first: int = 0) -> None:
        self.fail_first = fail_first
        self.calls = 0

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        self.calls += 1
        if self.calls <= self.fail_first:
            raise ConnectionError("registry unreachable")
        return {"documents": [dataclasses.replace(d, content=(d.content or "").upper()) for d in documents]}


@component
class SpoilDate:
    """Gives article `victim` an ingest date Elasticsearch's mapping refuses, for real."""

    def __init__(self, victim: str) -> None:
        self.victim = victim

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        return {
            "documents": [
                dataclasses.replace(d, meta={**d.meta, "ingested_at": "not a date"})
                if d.id == self.victim
                else d
                for d in documents
            ]
        }


@dataclasses.dataclass
class Host:
    """Just what the ingest reads of a plugin host (no story signals: the engine alone)."""

    processors: list[ProcessorSpec]
    story_signals: tuple[()] = ()

    def plugins(self) -> list[Any]:
        return []


def make_ingestor(
    index: ScratchIndex,
    *components: Any,
    batch_size: int = 4,
    client: Elasticsearch | None = None,
    **kwargs: Any,
) -> Ingestor:
    settings = index.settings.model_copy(update={"ingest_batch_size": batch_size})
    specs = [ProcessorSpec(f"p{i}", c, 100 + i, "test") for i, c in enumerate(components)]
    kwargs.setdefault("max_wait", 5)
    return Ingestor(settings, Host(specs), client or index.client, index=index.alias, **kwargs)  # type: ignore[arg-type]


def items(count: int, start: int = 0) -> Iterator[InputItem]:
    for n in range(start, start + count):
        yield InputItem(origin=f"in:{n}", article=ArticleIn(id=f"a{n}", content=f"Story number {n} here."))


def test_every_article_is_enriched_and_written_once(scratch_index: ScratchIndex) -> None:
    report = make_ingestor(scratch_index, Shout()).ingest(items(10))

    stored = scratch_index.stored()
    assert sorted(report.created) == sorted(f"a{n}" for n in range(10))
    assert stored["a3"]["content"] == "STORY NUMBER 3 HERE."
    assert stored["a3"]["raw"]["content"] == "Story number 3 here."
    assert stored["a3"]["raw"]["origin"] == "in:3"


def test_the_input_is_read_only_a_few_batches_ahead_of_what_is_written(scratch_index: ScratchIndex) -> None:
    client = scratch_index.client
    read = 0
    written = 0
    ahead: list[int] = []
    original = client.bulk

    def bulk(*args: Any, **kwargs: Any) -> Any:  # counts what the real node is sent
        nonlocal written
        ahead.append(read - written)
        response = original(*args, **kwargs)
        written += len(response["items"])
        return response

    client.bulk = bulk  # type: ignore[method-assign]

    def counted() -> Iterator[InputItem]:
        nonlocal read
        for item in items(400):
            read += 1
            yield item

    try:
        make_ingestor(scratch_index, Shout(), batch_size=4).ingest(counted())
    finally:
        del client.bulk  # back to the real method

    assert len(scratch_index.stored()) == 400
    assert max(ahead) <= 4 * 8  # a handful of batches in flight, however long the input


def test_re_running_skips_what_is_stored_from_the_same_input(scratch_index: ScratchIndex) -> None:
    make_ingestor(scratch_index, Shout()).ingest(items(6))
    changed = InputItem(origin="x", article=ArticleIn(id="a2", content="A new version of story 2."))

    rerun = [changed if item.origin == "in:2" else item for item in items(6)]
    again = make_ingestor(scratch_index, Shout(), skip_unchanged=True).ingest(rerun)

    stored = scratch_index.stored()
    assert sorted(again.unchanged) == ["a0", "a1", "a3", "a4", "a5"]
    assert again.updated == ["a2"] and again.created == []
    assert stored["a2"][HASH_FIELD] != stored["a1"][HASH_FIELD]


def test_an_outage_during_enrichment_is_waited_out_and_the_batch_enriched_again(
    scratch_index: ScratchIndex,
) -> None:
    flaky = Shout(fail_first=2)  # the batch, then the article alone (the guard's retry)

    report = make_ingestor(scratch_index, flaky, batch_size=1).ingest(items(1))

    stored = scratch_index.stored()
    assert report.created == ["a0"] and report.partial == []
    assert stored["a0"]["content"] == "STORY NUMBER 0 HERE."
    assert "enrichment_errors" not in stored["a0"]


def test_unreadable_and_refused_articles_go_to_the_dead_letter_store(scratch_index: ScratchIndex) -> None:
    bad = InputItem(origin="in:bad", error="not valid JSON", raw="{oops")

    ingestor = make_ingestor(scratch_index, Shout(), SpoilDate("a1"))
    report = ingestor.ingest([*items(3), bad])

    assert sorted(report.created) == ["a0", "a2"]
    assert sorted(f.origin for f in report.failed) == ["in:1", "in:bad"]
    records = {r["origin"]: r for r in ingestor.config.dead_letters.records()}
    assert (
        records["in:1"]["raw"]["content"] == "Story number 1 here."
        and "ingested_at" in records["in:1"]["reason"]
    )
    assert records["in:bad"]["raw"] == "{oops"


def test_elasticsearch_gone_for_longer_than_allowed_stops_the_ingest_without_hanging(
    scratch_index: ScratchIndex,
) -> None:
    unreachable = Elasticsearch("http://127.0.0.1:9", request_timeout=1, max_retries=0)
    ingestor = make_ingestor(scratch_index, Shout(), client=unreachable, max_wait=0.2)
    done = threading.Event()
    errors: list[BaseException] = []

    def run() -> None:
        try:
            ingestor.ingest(items(50))
        except BaseException as e:
            errors.append(e)
        done.set()

    threading.Thread(target=run, daemon=True).start()

    assert done.wait(30), "the ingest hung"
    assert isinstance(errors[0], ElasticsearchUnavailableError)


def test_keep_limits_the_ids_listed_but_not_the_counts(scratch_index: ScratchIndex) -> None:
    report = make_ingestor(scratch_index, Shout()).ingest(items(30), keep=5)

    assert report.counts["created"] == 30 and len(report.created) == 5


@pytest.mark.slow
def test_entities_and_numbers_share_one_parse_in_worker_processes_as_in_process(
    scratch_index: ScratchIndex,
) -> None:
    """Two processors need the parse: each article is parsed once, and the same in worker processes."""
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    articles = [InputItem(origin=p.name, article=ArticleIn(id=p.stem, content=p.read_text())) for p in seeds]
    stored = {}
    for processes in (1, 2):
        ingestor = make_ingestor(scratch_index, EntityTagger(), NumberNormaliser(), processes=processes)
        shared_parse._docs.clear()
        before = shared_parse.parsed_count()
        ingestor.ingest(articles)
        assert shared_parse.parsed_count() - before == len(articles)
        stored[processes] = {k: (v["entities"], v["numbers"]) for k, v in scratch_index.stored().items()}

    assert stored[1] == stored[2]
    assert any(entities and numbers for entities, numbers in stored[1].values())
