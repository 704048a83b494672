"""Installs throwaway plugin packages the way pip would: a package plus its dist-info on sys.path."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

THIRD_PARTY = Path(__file__).parent / "third_party"

InstallPlugin = Callable[..., None]


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
