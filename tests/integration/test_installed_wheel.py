"""newsdesk as a packager ships it: one wheel, one import name, working away from the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.settings import Settings
from tests.conftest import REPO, SEEDS

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Run inside the installed copy, from a folder far from the checkout: the app's own search.
SEARCH_DAESH = textwrap.dedent(
    """
    import json, newsdesk
    from fastapi.testclient import TestClient
    from newsdesk.search_api.app import create_app
    with TestClient(create_app()) as client:
        hits = client.post("/v1/search", json={"query": "Daesh"}).json()["hits"]
    print(json.dumps({"package": newsdesk.__file__, "ids": [hit["id"] for hit in hits]}))
    """
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    shutil.rmtree(REPO / "build", ignore_errors=True)  # setuptools would reuse modules since removed
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), "."]
    subprocess.run(command, cwd=REPO, check=True, capture_output=True)
    shutil.rmtree(REPO / "build", ignore_errors=True)
    return next(out.glob("newsdesk-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding the wheel, not editable; its dependencies are borrowed from ours."""
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=False)
    python = home / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A plain path line: our site-packages for the dependencies, without running its .pth files,
    # so the checkout's editable newsdesk stays out.
    (Path(site) / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", str(wheel)]
    subprocess.run(command, check=True, capture_output=True)
    return python


@pytest.fixture
def own(settings: Settings, es_client: Elasticsearch) -> Iterator[Settings]:
    mine = settings.model_copy(update={"index_alias": f"{settings.index_alias}-wheel"})
    drop_index(es_client, mine)
    yield mine
    drop_index(es_client, mine)


def test_the_wheel_holds_one_top_level_package_named_newsdesk(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"newsdesk"}
    assert "newsdesk/index_config/entity_aliases.yaml" in names
    assert "newsdesk/search_api/static/index.html" in names


def test_an_installed_newsdesk_serves_the_seeds_with_the_alias_file(
    installed: Path, own: Settings, tmp_path: Path
) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("NEWSDESK_")},
        "NEWSDESK_ES_URL": own.es_url,
        "NEWSDESK_INDEX_ALIAS": own.index_alias,
    }
    ingest = [installed, "-m", "newsdesk.search_api.cli", "ingest", str(SEEDS), "--processes", "1"]
    subprocess.run(ingest, cwd=tmp_path, env=env, check=True, capture_output=True, timeout=900)
    found = subprocess.run(
        [installed, "-c", SEARCH_DAESH], cwd=tmp_path, env=env, check=True, capture_output=True, text=True
    )
    result = found.stdout.strip().splitlines()[-1]
    assert "site-packages" in result and str(REPO) not in result  # the installed copy, not the checkout
    hits = json.loads(result)["ids"]
    saying_daesh = [
        path for path in SEEDS.glob("*.txt") if "daesh" in path.read_text(encoding="utf-8").lower()
    ]
    # Only the alias file ties "Daesh" to the seeds that say "Islamic State" or "ISIS".
    assert len(hits) > len(saying_daesh)
