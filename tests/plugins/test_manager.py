"""Plugins are found through entry points, built-ins included, and their mistakes name them."""

from __future__ import annotations

import pytest

from plugins.manager import PluginError, load_plugins
from search_api.settings import Settings
from tests.plugins.conftest import InstallPlugin

pytestmark = pytest.mark.unit

SETTINGS = Settings()


def test_builtin_processors_come_through_entry_points_in_order() -> None:
    host = load_plugins()
    assert [spec.name for spec in host.processors(SETTINGS)] == ["boilerplate", "entities", "numbers"]
    assert {info.name: info.package for info in host.plugins()}["entities"] == "newsdesk"


def test_third_party_plugin_joins_the_pipeline_after_the_builtins(install_plugin: InstallPlugin) -> None:
    install_plugin("reading_time", "newsdesk_reading_time")
    host = load_plugins()

    assert [spec.name for spec in host.processors(SETTINGS)][-1] == "reading_time"
    assert "reading_time" in host.mappings(SETTINGS, reserved=set())
    assert "reading_time" in [facet.name for facet in host.facets(SETTINGS)]
    info = next(info for info in host.plugins() if info.name == "reading_time")
    assert (info.package, info.version) == ("newsdesk_reading_time", "1.0")


def test_disabled_plugin_is_not_loaded() -> None:
    host = load_plugins(disabled=frozenset({"numbers"}))
    assert [spec.name for spec in host.processors(SETTINGS)] == ["boilerplate", "entities"]


def test_plugin_that_fails_to_import_is_reported_and_the_others_still_load(
    install_plugin: InstallPlugin,
) -> None:
    install_plugin("broken", "newsdesk_broken", source="raise RuntimeError('missing dependency xyz')\n")
    host = load_plugins()

    assert "missing dependency xyz" in host.load_errors["broken"]
    assert "entities" in [spec.name for spec in host.processors(SETTINGS)]


def test_processor_that_is_not_a_component_is_refused_naming_the_plugin(
    install_plugin: InstallPlugin,
) -> None:
    source = (
        "from plugins.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def newsdesk_register_processors(register):\n"
        "    register('oops', object())\n"
    )
    install_plugin("sloppy", "newsdesk_sloppy", source=source)
    with pytest.raises(PluginError, match="plugin 'sloppy': processor 'oops' is not a Haystack component"):
        load_plugins().processors(SETTINGS)


def test_field_clashing_with_a_core_field_is_refused(install_plugin: InstallPlugin) -> None:
    source = (
        "from plugins.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def newsdesk_register_mappings(register):\n"
        "    register({'title': {'type': 'integer'}})\n"
    )
    install_plugin("clash", "newsdesk_clash", source=source)
    with pytest.raises(PluginError, match="plugin 'clash': field 'title' clashes with a core field"):
        load_plugins().mappings(SETTINGS, reserved={"title", "content"})
