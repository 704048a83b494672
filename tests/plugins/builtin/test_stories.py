"""The stories plugin: its signals and figure rules, registered through the hooks a third party uses."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.plugins.builtin.stories import figure_rules, signals
from newsdesk.plugins.manager import load_plugins
from newsdesk.plugins.stories import ArticleFeatures, FigureClaim, StoryProfile
from newsdesk.search_api.settings import Settings
from newsdesk.search_api.stories.figures import figure_table
from tests.conftest import InstallPlugin

pytestmark = pytest.mark.unit

T0 = datetime(2017, 10, 17, 12, tzinfo=UTC)


def article(entities: list[str], words: str, time: datetime | None = T0) -> ArticleFeatures:
    return ArticleFeatures(
        id="a",
        title=words,
        outlet="x",
        time=time,
        seen=time or T0,
        entities=Counter(entities),
        terms=Counter(words.lower().split()),
    )


def story(entities: dict[str, int], words: str, published: datetime | None = T0) -> StoryProfile:
    return StoryProfile(
        id="s",
        title=words,
        first_seen=T0,
        last_update=T0,
        first_published=published,
        last_published=published,
        entities=Counter(entities),
        terms=Counter(words.lower().split()),
    )


def claim(
    value: float | None, qualifier: str = "exact", low: float | None = None, high: float | None = None
) -> FigureClaim:
    low = value if low is None and qualifier in {"exact", "about"} else low
    high = value if high is None and qualifier in {"exact", "about"} else high
    return FigureClaim("x", value, low, high, qualifier)


def test_the_builtin_signals_and_rules_come_through_the_hooks() -> None:
    host = load_plugins(Settings())

    assert {s.name: s.plugin for s in host.story_signals} == {
        "entities": "stories",
        "terms": "stories",
        "figures": "stories",
        "time": "stories",
    }
    assert [r.name for r in host.figure_rules] == [
        "overlapping_bounds",
        "reporting_tolerance",
        "otherwise_disagree",
    ]


def test_an_article_about_the_storys_entities_scores_above_one_about_others() -> None:
    raqqa = story({"gpe:raqqa": 3, "org:islamic-state": 3, "gpe:syria": 2}, "raqqa falls islamic state")
    same = article(["gpe:raqqa", "org:islamic-state"], "raqqa captured from islamic state")
    other = article(["gpe:london", "org:bbc"], "london markets rally")

    assert signals.shared_entities(same, raqqa) > 0.6 > signals.shared_entities(other, raqqa) == 0.0
    assert signals.shared_terms(same, raqqa) > signals.shared_terms(other, raqqa) == 0.0


def test_time_is_neutral_without_dates_and_halves_every_two_days_away() -> None:
    dated = story({}, "x")
    assert signals.close_in_time(article([], "x", time=None), dated) == 0.5
    assert signals.close_in_time(article([], "x"), dated) == 1.0
    assert signals.close_in_time(article([], "x", time=T0 + timedelta(days=2)), dated) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        (claim(1000, "at_least", low=1000), claim(3250, "up_to", high=3250), "agree"),
        (claim(1130), claim(1100), "within_tolerance"),
        (claim(4), claim(5), "disagree"),
        (claim(None, "vague", low=200, high=999), claim(1130), "agree"),  # "hundreds" contradicts nothing
    ],
)
def test_the_builtin_figure_rules(a: FigureClaim, b: FigureClaim, verdict: str) -> None:
    rules = load_plugins(Settings()).figure_rules
    first = next(v for r in rules if (v := r.rule(a, b)) is not None)
    assert first == verdict
    assert figure_rules.otherwise_disagree(a, b) == "disagree"


PLUGIN = """
from newsdesk import hookimpl
NEWSDESK_HOOK_API = 1

def same_outlet(article, story):
    return 1.0 if article.outlet in story.outlets else 0.0

def counts_within_a_tenth(a, b):
    if a.value and b.value and abs(a.value - b.value) <= 0.1 * max(a.value, b.value):
        return "within_tolerance"
    return None

@hookimpl
def newsdesk_register_story_signals(register):
    register("same_outlet", same_outlet, weight=0.2)

@hookimpl
def newsdesk_register_figure_rules(register):
    register("counts_within_a_tenth", counts_within_a_tenth, order=150)
"""


def test_a_third_party_adds_a_story_signal_and_a_figure_rule(install_plugin: InstallPlugin) -> None:
    install_plugin("outlets", "newsdesk_outlets", PLUGIN)
    host = load_plugins(Settings())

    signal = next(s for s in host.story_signals if s.name == "same_outlet")
    assert (signal.plugin, signal.weight) == ("outlets", 0.2)
    assert [r.name for r in host.figure_rules].index("counts_within_a_tenth") == 1  # after bounds, before 5%
    mentions = [
        {
            "fact": "count|people|kill|",
            "article_id": f"a{n}",
            "outlet": outlet,
            "time": "2017-10-17",
            "position": 0,
            "text": str(value),
            "value": value,
            "low": value,
            "high": value,
            "qualifier": "exact",
            "sentence": "...",
        }
        for n, (outlet, value) in enumerate([("A", 3000.0), ("B", 3250.0)])
    ]
    [fact] = figure_table(mentions, host.figure_rules)
    assert fact["verdict"] == "within_tolerance"  # 8% apart: the built-ins alone say disagree
    [fact] = figure_table(mentions, load_plugins(Settings(disabled_plugins=["outlets"])).figure_rules)
    assert fact["verdict"] == "disagree"


def test_a_signal_that_is_not_callable_refuses_the_plugin_naming_it(install_plugin: InstallPlugin) -> None:
    source = "from newsdesk import hookimpl\nNEWSDESK_HOOK_API = 1\n@hookimpl\n"
    source += "def newsdesk_register_story_signals(register):\n    register('broken', 42)\n"
    install_plugin("broken_signal", "newsdesk_broken_signal", source)
    host = load_plugins(Settings())

    assert "broken_signal" in host.refused and "register(name, signal" in host.refused["broken_signal"]
