"""Plugins are loaded, the built-ins first, and their mistakes name them."""

from __future__ import annotations

import pytest

from newsdesk.plugins.chain.ordering import ProcessorOrderError
from newsdesk.plugins.manager import load_plugins
from newsdesk.search_api.settings import Settings
from tests.conftest import InstallPlugin

pytestmark = pytest.mark.unit

HEADER = "from newsdesk import hookimpl\nNEWSDESK_HOOK_API = 1\n@hookimpl\n"


def names(settings: Settings | None = None) -> list[str]:
    return [spec.name for spec in load_plugins(settings or Settings()).processors]


BUILTINS = names()


def test_builtin_processors_come_from_default_plugins_in_order() -> None:
    host = load_plugins(Settings())
    order = [spec.name for spec in host.processors]
    assert [name for name in order if name in {"boilerplate", "entities", "numbers"}] == [
        "boilerplate",
        "entities",
        "numbers",
    ]
    assert {spec.plugin for spec in host.processors} <= {info.name for info in host.plugins()}
    assert {info.package for info in host.plugins()} == {"newsdesk"}
    assert host.refused == {}


def test_third_party_plugin_joins_the_pipeline_with_its_mapping_and_facet(
    install_plugin: InstallPlugin,
) -> None:
    install_plugin("reading_time", "newsdesk_reading_time")
    host = load_plugins(Settings())

    assert [spec.name for spec in host.processors] == [*BUILTINS, "reading_time"]
    assert host.mappings["reading_time"] == {"type": "keyword"}
    assert [facet.plugin for facet in host.facets if facet.name == "reading_time"] == ["reading_time"]
    info = next(info for info in host.plugins() if info.name == "reading_time")
    assert (info.package, info.version) == ("newsdesk_reading_time", "1.0")


def test_each_plugin_gets_its_own_settings(install_plugin: InstallPlugin) -> None:
    install_plugin("reading_time", "newsdesk_reading_time")
    settings = Settings(plugins={"reading_time": {"long_after_words": "5"}})
    spec = next(spec for spec in load_plugins(settings).processors if spec.name == "reading_time")
    assert spec.component.long_after_words == 5


def test_disabled_plugin_is_not_loaded() -> None:
    assert names(Settings(disabled_plugins=["numbers"])) == [name for name in BUILTINS if name != "numbers"]


def test_plugin_that_fails_to_import_is_refused_and_the_others_still_load(
    install_plugin: InstallPlugin,
) -> None:
    install_plugin("broken", "newsdesk_broken", source="raise RuntimeError('missing dependency xyz')\n")
    host = load_plugins(Settings())

    assert "missing dependency xyz" in host.refused["broken"]
    assert [spec.name for spec in host.processors] == BUILTINS


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "NEWSDESK_HOOK_API = 0\n",
            "declares hook API 0 (NEWSDESK_HOOK_API); this newsdesk supports 1",
        ),
        (
            "from newsdesk.plugins.hookspecs import hookimpl\n"
            "@hookimpl\ndef newsdesk_register_facets(register):\n    pass\n",
            "declares hook API None",
        ),
        (
            HEADER + "def newsdesk_register_processors(register):\n    register('oops', object())\n",
            "processor 'oops' is not a Haystack component",
        ),
        (
            HEADER
            + "def newsdesk_register_mappings(register):\n    register({'title': {'type': 'integer'}})\n",
            "field 'title' clashes with a core field",
        ),
        (
            HEADER
            + "def newsdesk_register_mappings(register):\n    register({'entities': {'type': 'keyword'}})\n",
            "field 'entities' is already declared by plugin 'entities'",
        ),
        (
            HEADER + "def newsdesk_register_facets(register):\n    register({'name': 'x'})\n",
            "register() takes a newsdesk.Facet, got dict",
        ),
        (
            HEADER + "def newsdesk_register_processors(register, colour):\n    pass\n",
            "colour",
        ),
        (
            HEADER + "def newsdesk_register_everything(register):\n    pass\n",
            "unknown hook newsdesk_register_everything",
        ),
    ],
)
def test_plugin_breaking_a_rule_is_refused_with_its_name_and_the_problem(
    install_plugin: InstallPlugin, source: str, reason: str
) -> None:
    install_plugin("sloppy", "newsdesk_sloppy", source=source)
    host = load_plugins(Settings(), reserved_fields=frozenset({"title", "content"}))

    assert reason in host.refused["sloppy"]
    assert "sloppy" not in [info.name for info in host.plugins()]
    assert [spec.name for spec in host.processors] == BUILTINS


def test_an_order_constraint_naming_a_missing_processor_refuses_that_plugin_in_one_line(
    install_plugin: InstallPlugin,
) -> None:
    source = (
        HEADER
        + "def newsdesk_register_processors(register):\n"
        + "    from tests.plugins.third_party.newsdesk_reading_time import ReadingTime\n"
        + "    register('late', ReadingTime(), after=['translation'])\n"
    )
    install_plugin("late", "newsdesk_late", source=source)
    host = load_plugins(Settings())

    assert "'translation', which no loaded plugin registers" in host.refused["late"]
    assert "after_if_present" in host.refused["late"]
    assert "\n" not in host.refused["late"]
    assert [spec.name for spec in host.processors] == BUILTINS


def test_a_cycle_stops_loading_with_a_one_line_error(install_plugin: InstallPlugin) -> None:
    source = (
        HEADER
        + "def newsdesk_register_processors(register):\n"
        + "    from tests.plugins.third_party.newsdesk_reading_time import ReadingTime\n"
        + "    register('a', ReadingTime(), after=['b'])\n"
        + "    register('b', ReadingTime(), after=['a'])\n"
    )
    install_plugin("loop", "newsdesk_loop", source=source)
    with pytest.raises(ProcessorOrderError, match="form a cycle") as raised:
        load_plugins(Settings())
    assert "\n" not in str(raised.value)
