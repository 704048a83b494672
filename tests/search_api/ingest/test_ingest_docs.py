"""Every `newsdesk` command line shown in docs/scale.md exists, with the options it uses."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.search_api.cli import app

pytestmark = pytest.mark.unit

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "scale.md"


def command_lines() -> list[list[str]]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)
    lines = []
    for block in blocks:
        for line in block.splitlines():
            words = shlex.split(line.split("#", 1)[0])
            while words and "=" in words[0]:  # NAME=value before the command
                words.pop(0)
            if words and words[0] == "newsdesk":
                lines.append(words[1:])
    return lines


def test_the_guide_shows_commands() -> None:
    assert {words[0] for words in command_lines()} >= {"ingest", "reindex", "indexes"}


@pytest.mark.parametrize("words", command_lines(), ids=" ".join)
def test_each_command_and_option_in_the_guide_exists(words: list[str]) -> None:
    path = [w for w in words if not w.startswith("-")][:2]
    if path[0] != "indexes":
        path = path[:1]
    shown = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "200"})

    assert shown.exit_code == 0, shown.output
    for option in (w for w in words if w.startswith("--")):
        assert option in shown.output, f"{option} is not an option of newsdesk {' '.join(path)}"
