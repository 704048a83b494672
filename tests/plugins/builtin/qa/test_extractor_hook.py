"""Answer extractors are a plugin hook: the built-in ones register through it, mistakes are refused."""

from __future__ import annotations

import pytest

from newsdesk.plugins.builtin.qa import AnnotationExtractor, ReaderExtractor
from newsdesk.plugins.manager import load_plugins
from newsdesk.search_api.settings import Settings
from tests.conftest import InstallPlugin

pytestmark = pytest.mark.unit

HEADER = "from newsdesk import hookimpl\nNEWSDESK_HOOK_API = 1\n@hookimpl\n"
READER = HEADER + (
    "def newsdesk_register_answer_extractors(register, config):\n"
    "    class Reader:\n"
    "        def extract(self, question, passages):\n"
    "            return []\n"
    "    register('mine', Reader())\n"
)


def test_the_learned_reader_is_the_builtin_extractor() -> None:
    host = load_plugins(Settings())
    assert list(host.answer_extractors) == ["reader"]
    assert isinstance(host.answer_extractors["reader"], ReaderExtractor)
    assert "qa" not in host.refused


@pytest.mark.parametrize(
    ("chosen", "names"), [("annotations", ["annotations"]), ("both", ["reader", "annotations"])]
)
def test_the_rules_it_replaced_are_one_setting_away(chosen: str, names: list[str]) -> None:
    host = load_plugins(Settings(plugins={"qa": {"extractor": chosen}}))
    assert list(host.answer_extractors) == names
    assert isinstance(host.answer_extractors["annotations"], AnnotationExtractor)


def test_an_unknown_extractor_setting_refuses_the_plugin_saying_what_to_choose() -> None:
    host = load_plugins(Settings(plugins={"qa": {"extractor": "neural"}}))
    assert "choose one of reader, annotations, both" in host.refused["qa"]


def test_a_plugin_adds_an_extractor_next_to_the_builtin_one(install_plugin: InstallPlugin) -> None:
    install_plugin("reader", "newsdesk_reader", source=READER)
    host = load_plugins(Settings())
    assert set(host.answer_extractors) >= {"reader", "mine"}


@pytest.mark.parametrize(
    ("register", "reason"),
    [
        ("register('bad', object())", "answer extractor 'bad' has no extract(question, passages) method"),
        ("register('', None)", "answer extractor name must be a non-empty string"),
        ("register('reader', type('X', (), {'extract': lambda self, q, p: []})())",
         "answer extractor 'reader' is already registered by plugin 'qa'"),
    ],
)  # fmt: skip
def test_wrong_registrations_are_refused_with_the_reason(
    install_plugin: InstallPlugin, register: str, reason: str
) -> None:
    install_plugin(
        "reader",
        "newsdesk_reader",
        source=HEADER + f"def newsdesk_register_answer_extractors(register):\n    {register}\n",
    )
    host = load_plugins(Settings())
    assert reason in host.refused["reader"]
    assert "reader" in host.answer_extractors["reader"].__class__.__name__.lower()
