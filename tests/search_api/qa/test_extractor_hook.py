"""Answer extractors are a plugin hook: the built-in one registers through it, mistakes are refused."""

from __future__ import annotations

import pytest

from newsdesk.plugins.builtin.qa.extractor import AnnotationExtractor
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
    "    register('reader', Reader())\n"
)


def test_the_builtin_extractor_comes_through_the_hook() -> None:
    host = load_plugins(Settings())
    assert isinstance(host.answer_extractors["annotations"], AnnotationExtractor)
    assert "qa" not in host.refused


def test_a_plugin_adds_a_reader_next_to_the_builtin_one(install_plugin: InstallPlugin) -> None:
    install_plugin("reader", "newsdesk_reader", source=READER)
    host = load_plugins(Settings())
    assert set(host.answer_extractors) >= {"annotations", "reader"}


@pytest.mark.parametrize(
    ("register", "reason"),
    [
        ("register('bad', object())", "answer extractor 'bad' has no extract(question, passages) method"),
        ("register('', None)", "answer extractor name must be a non-empty string"),
        ("register('annotations', type('X', (), {'extract': lambda self, q, p: []})())",
         "answer extractor 'annotations' is already registered by plugin 'qa'"),
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
    assert "annotations" in host.answer_extractors
