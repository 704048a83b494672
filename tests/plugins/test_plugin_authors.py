"""What a plugin author meets: mistakes refused at load with the reason, switches, optional order."""

from __future__ import annotations

import logging

import pytest
from typer.testing import CliRunner

from newsdesk.plugins.manager import DEFAULT_PLUGINS, PluginError, load_plugins
from newsdesk.search_api.settings import Settings
from tests.conftest import InstallPlugin

pytestmark = pytest.mark.unit

HEADER = "from newsdesk import Facet, hookimpl\nNEWSDESK_HOOK_API = 1\n"
READING_TIME = "from tests.plugins.third_party.newsdesk_reading_time import ReadingTime\n"


def refusal(install_plugin: InstallPlugin, source: str, settings: Settings | None = None) -> str:
    install_plugin("author", "newsdesk_author", source=HEADER + source)
    return load_plugins(settings or Settings()).refused.get("author", "")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "class Plain:\n    def run(self, documents):\n        return {'documents': documents}\n"
            "@hookimpl\ndef newsdesk_register_processors(register):\n    register('plain', Plain())\n",
            "processor 'plain' is not a Haystack component (a Plain): decorate its class with @haystack",
        ),
        (
            READING_TIME + "@hookimpl\ndef newsdesk_register_processors(register):\n"
            "    register('rt', ReadingTime)\n",
            "processor 'rt' is the class ReadingTime, not an instance of it: register ReadingTime(...)",
        ),
        (
            "@hookimpl\ndef newsdesk_register_facets(register):\n"
            "    register(Facet(name='mood', field='mood'))\n",
            "facet 'mood' counts field 'mood', which no mapping declares",
        ),
        (
            "@hookimpl\ndef newsdesk_register_facets(register, fields):\n    pass\n",
            "newsdesk_register_facets takes argument(s) 'fields' that the hook does not offer; "
            "it offers register, settings, config, es_client",
        ),
        (
            "@hookimpl\ndef newsdesk_register_facet(register):\n    pass\n",
            "unknown hook newsdesk_register_facet; did you mean newsdesk_register_facets?",
        ),
        (
            "def newsdesk_register_facets(register):\n    pass\n",
            "newsdesk_register_facets is not decorated with @hookimpl",
        ),
        (
            "@hookimpl\ndef newsdesk_register_search_fields(register):\n    register('summary', boost=2)\n",
            "search field 'summary' is not declared by any mapping",
        ),
    ],
)
def test_a_mistake_is_refused_at_load_with_what_to_do(
    install_plugin: InstallPlugin, source: str, reason: str
) -> None:
    assert reason in refusal(install_plugin, source)


def test_after_if_present_is_dropped_when_that_processor_is_not_loaded(install_plugin: InstallPlugin) -> None:
    source = (
        READING_TIME + "@hookimpl\ndef newsdesk_register_processors(register):\n"
        "    register('rt', ReadingTime(), order=1, after_if_present=['numbers'])\n"
    )
    install_plugin("author", "newsdesk_author", source=HEADER + source)

    with_numbers = [spec.name for spec in load_plugins(Settings()).processors]
    without = [spec.name for spec in load_plugins(Settings(disabled_plugins=["numbers"])).processors]

    assert with_numbers.index("rt") > with_numbers.index("numbers")
    assert without[0] == "rt"  # order=1, nothing to wait for


def test_load_plugins_switch_loads_only_the_named_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_LOAD_PLUGINS", "numbers,boilerplate")
    host = load_plugins(Settings())
    assert [info.name for info in host.plugins()] == ["boilerplate", "numbers"]
    assert [spec.name for spec in host.processors] == ["boilerplate", "numbers"]


def test_builtins_are_listed_once_in_code_not_as_entry_points() -> None:
    import importlib.metadata

    names = [m.rpartition(".")[2] for m in DEFAULT_PLUGINS]
    assert names == ["boilerplate", "entities", "numbers", "lemmas", "qa", "stories"]
    entry_points = importlib.metadata.entry_points(group="newsdesk")
    assert not [e for e in entry_points if e.value.startswith("newsdesk.")]


def test_trace_switch_logs_every_hook_call(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="newsdesk.plugins.trace"):
        load_plugins(Settings(trace_plugins=True, load_plugins=["numbers"]))
    traced = [r.getMessage() for r in caplog.records if r.name == "newsdesk.plugins.trace"]
    assert any(m.startswith("hook newsdesk_register_processors -> numbers") for m in traced)
    assert any(m.startswith("hook newsdesk_register_facets -> numbers") for m in traced)


def test_typed_plugin_settings_arrive_typed_and_a_bad_value_refuses_the_plugin() -> None:
    good = load_plugins(Settings(plugins={"boilerplate": {"strictness": "high"}}))
    stripper = next(spec.component for spec in good.processors if spec.name == "boilerplate")
    assert stripper.strictness == "high"

    bad = load_plugins(Settings(plugins={"boilerplate": {"strictnes": "high"}}))
    assert "strictnes" in bad.refused["boilerplate"]


def test_newsdesk_plugins_exits_non_zero_when_a_plugin_is_refused(
    install_plugin: InstallPlugin, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.search_api import cli
    from newsdesk.search_api.settings import get_settings

    install_plugin("broken", "newsdesk_broken", source="raise RuntimeError('missing dependency xyz')\n")
    monkeypatch.setattr(cli, "get_settings", lambda: Settings())
    result = CliRunner().invoke(cli.app, ["plugins"])
    assert result.exit_code == 1
    assert "plugin 'broken' refused" in result.output
    get_settings.cache_clear()


def test_strict_setting_stops_ingest_while_a_plugin_is_refused(install_plugin: InstallPlugin) -> None:
    from newsdesk.search_api.ingest.ingestor import Ingestor

    install_plugin("broken", "newsdesk_broken", source="raise RuntimeError('missing dependency xyz')\n")
    settings = Settings(strict_plugins=True)
    with pytest.raises(PluginError, match="NEWSDESK_STRICT_PLUGINS is on and plugins were refused"):
        Ingestor(settings, load_plugins(settings), client=None)  # type: ignore[arg-type]
