"""`newsdesk ingest` as an operator runs it: streaming, idempotent re-runs, resuming after a crash."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch, helpers

from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.ingest.dead_letter import DeadLetterStore
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.integration


@pytest.fixture
def own(settings: Settings, es_client: Elasticsearch, tmp_path: Path) -> Iterator[Settings]:
    mine = settings.model_copy(
        update={"index_alias": f"{settings.index_alias}-cli", "dead_letter_path": tmp_path / "dead.jsonl"}
    )
    drop_index(es_client, mine)
    yield mine
    drop_index(es_client, mine)


def newsdesk(settings: Settings, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "NEWSDESK_ES_URL": settings.es_url,
        "NEWSDESK_INDEX_ALIAS": settings.index_alias,
        "NEWSDESK_DEAD_LETTER_PATH": str(settings.dead_letter_path),
        "COLUMNS": "200",
    }
    command = [sys.executable, "-m", "newsdesk.search_api.cli", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=900)
    return process.returncode, output


def stored_ids(client: Elasticsearch, alias: str) -> list[str]:
    client.indices.refresh(index=alias)
    return [hit["_id"] for hit in helpers.scan(client, index=alias, source=False)]


def write_articles(path: Path, seed_texts: dict[str, str], count: int) -> None:
    texts = list(seed_texts.values())
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = f"{texts[n % len(texts)]}\n\nUpdate {n}: the council met again."
            out.write(json.dumps({"id": f"story-{n:04d}", "content": text, "source": "Wire"}) + "\n")


@pytest.mark.slow
def test_a_crashed_ingest_run_again_ends_with_every_article_exactly_once(
    own: Settings, es_client: Elasticsearch, seed_texts: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "articles.jsonl"
    write_articles(source, seed_texts, 120)
    first = newsdesk(own, "ingest", str(source), "--processes", "1")
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and first.poll() is None:
        if es_client.indices.exists_alias(name=own.index_alias):
            es_client.indices.refresh(index=own.index_alias)
            if es_client.count(index=own.index_alias)["count"] >= 20:
                break
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)  # a crash: no clean-up, no summary
    first.wait()
    written_before_crash = len(stored_ids(es_client, own.index_alias))
    assert 20 <= written_before_crash < 120

    code, output = finished(newsdesk(own, "ingest", str(source), "--processes", "1"))

    assert code == 0, output
    ids = stored_ids(es_client, own.index_alias)
    assert len(ids) == len(set(ids)) == 120
    skipped = int(re.search(r"([\d,]+) unchanged", output).group(1))  # type: ignore[union-attr]
    assert skipped >= written_before_crash  # resumed: what was stored was not enriched again
    assert DeadLetterStore(own.dead_letter_path).records() == []


def test_a_second_run_skips_everything_and_force_enriches_again(
    own: Settings, es_client: Elasticsearch, seed_texts: dict[str, str], tmp_path: Path
) -> None:
    source = tmp_path / "articles.jsonl"
    write_articles(source, seed_texts, 6)

    first = finished(newsdesk(own, "ingest", str(source)))
    second = finished(newsdesk(own, "ingest", str(source)))
    forced = finished(newsdesk(own, "ingest", str(source), "--force"))

    assert first[0] == second[0] == forced[0] == 0
    assert "6 new, 0 updated, 0 unchanged" in first[1]
    assert "0 new, 0 updated, 6 unchanged" in second[1]
    assert "0 new, 6 updated, 0 unchanged" in forced[1]
    assert len(stored_ids(es_client, own.index_alias)) == 6


def test_bad_inputs_are_reported_dead_lettered_and_the_rest_indexed(
    own: Settings, es_client: Elasticsearch, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("The council met on Monday and approved the budget.")
    (folder / "sub" / "b.html").write_text(
        "<html><body><p>Fighters left the city on Sunday.</p></body></html>"
    )
    (folder / "c.jsonl").write_text('{"id": "j1", "content": "Prices rose by 3 percent."}\n{not json\n\n')
    (folder / "notes.md").write_text("ignored: not an input type")

    code, output = finished(newsdesk(own, "ingest", str(folder)))

    assert code == 1
    assert "3 new" in output and "1 failed" in output and "not valid JSON" in output
    assert len(stored_ids(es_client, own.index_alias)) == 3
    [record] = DeadLetterStore(own.dead_letter_path).records()
    assert record["origin"].endswith("c.jsonl:2") and record["raw"] == "{not json\n"
