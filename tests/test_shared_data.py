"""The shared corpora are found in one place, and a clone without them says so instead of failing."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.boilerplate.data import multi_news_path
from benchmarks.shared_data import CORPORA, REPO_ROOT, corpora_dir, corpora_present

pytestmark = pytest.mark.unit


def test_the_shared_folder_is_beside_the_clone_unless_the_environment_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSDESK_CORPORA", raising=False)
    monkeypatch.delenv("NEWSDESK_SHARED_DIR", raising=False)
    assert corpora_dir() == REPO_ROOT.parent / "shared" / "corpora"

    monkeypatch.setenv("NEWSDESK_SHARED_DIR", str(tmp_path))
    assert corpora_dir() == tmp_path / "corpora"
    assert multi_news_path() == tmp_path / "corpora" / "multi-news-sample.jsonl"  # the same place


def test_corpora_count_as_present_only_when_every_file_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSDESK_CORPORA", raising=False)
    monkeypatch.setenv("NEWSDESK_SHARED_DIR", str(tmp_path / "absent"))
    assert not corpora_present()

    monkeypatch.setenv("NEWSDESK_SHARED_DIR", str(tmp_path))
    (tmp_path / "corpora").mkdir()
    for name in CORPORA[:-1]:
        (tmp_path / "corpora" / name).write_text("{}\n")
    assert not corpora_present()
    (tmp_path / "corpora" / CORPORA[-1]).write_text("{}\n")
    assert corpora_present()
