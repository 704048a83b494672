"""Shared fixtures: a real Elasticsearch node, a fresh index per test session, the seeds."""

from __future__ import annotations

import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from elasticsearch import Elasticsearch, helpers
from fastapi.testclient import TestClient

from benchmarks.shared_data import ABSENT_REASON, corpora_present
from newsdesk.search_api.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
THIRD_PARTY = REPO / "tests" / "plugins" / "third_party"

InstallPlugin = Callable[..., None]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip the tests marked `needs_shared` on a clone with no shared corpora beside it."""
    if any(item.get_closest_marker("needs_shared") for item in items) and not corpora_present():
        for item in items:
            if item.get_closest_marker("needs_shared"):
                item.add_marker(pytest.mark.skip(reason=ABSENT_REASON))


@pytest.fixture
def install_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[InstallPlugin]:
    """Make `module` importable and visible in the `newsdesk` entry-point group under `name`."""

    def install(name: str, module: str, source: str | None = None) -> None:
        if source is None:
            shutil.copytree(THIRD_PARTY / module, tmp_path / module)
        else:
            (tmp_path / f"{module}.py").write_text(source, encoding="utf-8")
        dist_info = tmp_path / f"{module}-1.0.dist-info"
        dist_info.mkdir()
        (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
        (dist_info / "entry_points.txt").write_text(f"[newsdesk]\n{name} = {module}\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        for loaded in [name for name in sys.modules if name == module or name.startswith(f"{module}.")]:
            monkeypatch.delitem(sys.modules, loaded)
        installed.append(module)

    installed: list[str] = []
    yield install
    for module in installed:  # forget this test's copy, so the next test imports its own
        for loaded in [name for name in sys.modules if name == module or name.startswith(f"{module}.")]:
            del sys.modules[loaded]


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Settings pointing at an index of this test session's own, removed afterwards.

    No API key is configured, so writes are allowed explicitly (the default refuses them);
    tests of the keys themselves build their own settings (tests/integration/test_security.py).
    """
    return Settings(index_alias=f"newsdesk-test-{uuid.uuid4().hex[:8]}", allow_anonymous_writes=True)


@pytest.fixture(scope="session")
def es_client(settings: Settings) -> Iterator[Elasticsearch]:
    """The real node: started by the project's own script when it is not already up."""
    from newsdesk.search_api.devtools import es_node
    from newsdesk.search_api.index.admin import drop_index
    from newsdesk.search_api.index.client import make_client

    es_node.start(settings)
    client = make_client(settings)
    yield client
    drop_index(client, settings)
    client.close()


@pytest.fixture(scope="session")
def api(settings: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:
    """The REST API with the five seed articles ingested through `POST /ingest`."""
    from newsdesk.search_api.app import create_app

    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="session")
def seeded_api(api: TestClient, seed_texts: dict[str, str]) -> TestClient:
    articles = [{"id": stem, "content": text} for stem, text in seed_texts.items()]
    response = api.post("/ingest", json={"articles": articles})
    assert response.status_code == 200, response.text
    assert response.json()["failed"] == []
    return api


@dataclass
class ScratchIndex:
    """An article index of a test's own on the real node (core fields only), and what it stores."""

    client: Elasticsearch
    settings: Settings

    @property
    def alias(self) -> str:
        return self.settings.index_alias

    def stored(self) -> dict[str, dict]:
        self.client.indices.refresh(index=self.alias)
        return {hit["_id"]: hit["_source"] for hit in helpers.scan(self.client, index=self.alias)}


@pytest.fixture
def scratch_index(es_client: Elasticsearch, settings: Settings, tmp_path: Path) -> Iterator[ScratchIndex]:
    from newsdesk.search_api.index.admin import drop_index, ensure_index

    own = settings.model_copy(
        update={
            "index_alias": f"{settings.index_alias}-{uuid.uuid4().hex[:6]}",
            "dead_letter_path": tmp_path / "dead.jsonl",
        }
    )
    ensure_index(es_client, own, SimpleNamespace(mappings={}))  # type: ignore[arg-type]
    yield ScratchIndex(es_client, own)
    drop_index(es_client, own)
