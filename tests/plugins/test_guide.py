"""The plugin guide's examples run as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from haystack import Document

from newsdesk.plugins.manager import load_plugins
from newsdesk.search_api.settings import Settings
from tests.conftest import InstallPlugin

pytestmark = pytest.mark.unit

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)


def test_hello_plugin_is_under_30_lines_and_joins_the_pipeline(install_plugin: InstallPlugin) -> None:
    hello = python_blocks()[0]
    assert len(hello.strip().splitlines()) < 30

    install_plugin("hello", "newsdesk_hello", source=hello)
    host = load_plugins(Settings())

    assert host.refused == {}
    builtins = [spec.name for spec in load_plugins(Settings(disabled_plugins=["hello"])).processors]
    assert [spec.name for spec in host.processors] == [*builtins, "greeter"]
    greeter = next(spec.component for spec in host.processors if spec.name == "greeter")
    assert greeter.run(documents=[Document(content="x")])["documents"][0].meta["greeting"] == "hello"
    assert "greeting" in [facet.name for facet in host.facets]


def test_testing_example_runs(install_plugin: InstallPlugin) -> None:
    install_plugin("hello", "newsdesk_hello", source=python_blocks()[0])
    exec(compile(python_blocks()[1], str(GUIDE), "exec"), {})


def test_the_annotation_shapes_in_the_guide_are_the_declared_ones() -> None:
    from newsdesk.plugins import annotations

    guide = GUIDE.read_text(encoding="utf-8")
    shown = dict(re.findall(r"<!-- shape: (\w+) -->\n(.*?)\n<!-- /shape -->", guide, flags=re.S))
    assert set(shown) == {"NumberMention", "EntityMention"}
    for name, table in shown.items():
        assert table == annotations.shape_table(getattr(annotations, name)), f"regenerate the {name} table"


def test_every_hook_has_documentation_and_a_test() -> None:
    from newsdesk.plugins.checks import hook_arguments

    guide = GUIDE.read_text(encoding="utf-8")
    tests_dir = Path(__file__).resolve().parents[1]
    tests = "".join(
        path.read_text(encoding="utf-8")
        for path in tests_dir.rglob("test_*.py")
        if path.name != "test_guide.py"
    )
    hooks = sorted(hook_arguments())
    assert len(hooks) >= 6
    assert [hook for hook in hooks if f"`{hook}`" not in guide] == [], "document these in docs/plugins.md"
    assert [hook for hook in hooks if hook not in tests] == [], "test these"
