"""Reading inputs lazily: files, folders and JSON Lines, one article at a time, counted cheaply."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.search_api.ingest.readers import count_inputs, read_inputs

pytestmark = pytest.mark.unit


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("The council met on Monday.")
    (tmp_path / "b" / "page.html").write_text("<html><body><p>Fighters left.</p></body></html>")
    (tmp_path / "c.jsonl").write_text(
        '{"id": "j1", "content": "One."}\n\n{"id": "j2", "content": ""}\nnope\n'
    )
    (tmp_path / "skip.md").write_text("not an input")
    return tmp_path


def test_a_folder_is_read_in_name_order_one_folder_at_a_time(folder: Path) -> None:
    items = list(read_inputs([folder]))

    assert [Path(item.origin.split(":")[0]).name for item in items] == [
        "a.txt",
        "c.jsonl",
        "c.jsonl",
        "c.jsonl",
        "page.html",
    ]
    assert items[0].article is not None and items[0].article.detected_format() == "text"
    assert items[-1].article is not None and items[-1].article.detected_format() == "html"


def test_bad_lines_are_items_with_the_reason_and_what_was_read(folder: Path) -> None:
    bad = [item for item in read_inputs([folder / "c.jsonl"]) if item.article is None]

    assert [item.origin.rsplit(":", 1)[1] for item in bad] == ["3", "4"]
    assert "content" in (bad[0].error or "") and bad[0].raw == {"id": "j2", "content": ""}
    assert "not valid JSON" in (bad[1].error or "") and bad[1].raw == "nope\n"


def test_the_count_matches_what_is_read(folder: Path) -> None:
    paths = [folder, folder / "missing.txt"]

    assert count_inputs(paths) == len(list(read_inputs(paths))) == 6


def test_a_jsonl_file_is_read_as_it_goes_not_all_at_once(tmp_path: Path) -> None:
    path = tmp_path / "growing.jsonl"
    path.write_text('{"content": "first"}\n')
    items = read_inputs([path])

    first = next(items)
    with path.open("a") as out:  # written after reading began: a lazy reader still sees it
        out.write('{"content": "second"}\n')

    assert first.article is not None and first.article.content == "first"
    assert [item.article.content for item in items if item.article] == ["second"]
