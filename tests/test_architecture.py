"""The structure newcomers and plugin authors rely on, read from the imports in the code."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.unit

SOURCE_ROOTS = {"plugins": "newsdesk.plugins", "search_api": "newsdesk.search_api"}
BUILTIN = "newsdesk.plugins.builtin"
MAX_MODULES_PER_FOLDER = 12


def modules() -> Iterator[tuple[str, Path]]:
    for folder, package in SOURCE_ROOTS.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            parts = path.relative_to(REPO / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join((package, *parts)), path


def imports_of(path: Path, *, at_run_time_only: bool = False) -> set[str]:
    """Modules `path` imports; with `at_run_time_only`, not those under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if at_run_time_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped |= {id(child) for child in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith("newsdesk")}


def test_the_plugin_sdk_imports_nothing_from_the_service() -> None:
    leaks = {
        name: sorted(i for i in imports_of(path) if i.startswith("newsdesk.search_api"))
        for name, path in modules()
        if name.startswith("newsdesk.plugins")
    }
    assert {name: found for name, found in leaks.items() if found} == {}


def test_the_service_uses_built_in_plugins_only_through_their_package() -> None:
    known = {name for name, _ in modules()}
    builtin_packages = {name for name in known if name.count(".") == 3 and name.startswith(f"{BUILTIN}.")}
    reaching_in = {
        name: sorted(
            i
            for i in imports_of(path)
            if i.startswith(f"{BUILTIN}.") and i in known and i not in builtin_packages
        )
        for name, path in modules()
        if name.startswith("newsdesk.search_api")
    }
    assert {name: found for name, found in reaching_in.items() if found} == {}


def test_no_module_imports_itself_back_through_others() -> None:
    graph = {name: imports_of(path, at_run_time_only=True) for name, path in modules()}
    graph = {name: {i for i in found if i in graph and i != name} for name, found in graph.items()}
    done: set[str] = set()

    def cycle_from(name: str, trail: list[str]) -> list[str] | None:
        if name in trail:
            return [*trail[trail.index(name) :], name]
        if name in done:
            return None
        for nxt in sorted(graph[name]):
            if not nxt.startswith(name + ".") and (found := cycle_from(nxt, [*trail, name])):
                return found
        done.add(name)
        return None

    cycles = [found for name in sorted(graph) if (found := cycle_from(name, []))]
    assert cycles == []


def test_no_folder_is_a_junk_drawer() -> None:
    crowded = {}
    for folder in SOURCE_ROOTS:
        for directory in [REPO / folder, *(p for p in (REPO / folder).rglob("*") if p.is_dir())]:
            count = len([p for p in directory.glob("*.py") if p.name != "__init__.py"])
            if count > MAX_MODULES_PER_FOLDER:
                crowded[str(directory.relative_to(REPO))] = count
    assert crowded == {}
