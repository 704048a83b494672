"""Built-in plugin: what stories need of the article index, and the story signals and figure rules.

Declares the fields clustering writes on each article (`story_id`, why it joined, `duplicate_of`,
the copies' count) and the `story` facet; registers the built-in story signals and figure rules
through the same hooks a third party uses.
"""

from __future__ import annotations

import json
from pathlib import Path

from newsdesk.plugins.builtin.stories import figure_rules, signals
from newsdesk.plugins.hookspecs import (
    RegisterFacet,
    RegisterFigureRule,
    RegisterMapping,
    RegisterStorySignal,
    hookimpl,
)
from newsdesk.plugins.specs import Facet

NEWSDESK_HOOK_API = 1

MODEL_PATH = Path(__file__).with_name("clustering_model.json")
"""The signals' weights and the join threshold, learnt on dev: `python -m benchmarks.stories.learn`."""
MODEL = json.loads(MODEL_PATH.read_text(encoding="utf-8"))

STORY_FIELDS = {
    "story_id": {"type": "keyword"},
    "story_reason": {"type": "object", "enabled": False},
    "duplicate_of": {"type": "keyword"},
    "copies": {"type": "integer"},
    "copy_bands": {"type": "keyword"},  # MinHash LSH bands: articles sharing one may be copies
    "copy_signature": {"type": "long", "index": False, "doc_values": False},
}


@hookimpl
def newsdesk_register_mappings(register: RegisterMapping) -> None:
    register(STORY_FIELDS)


@hookimpl
def newsdesk_register_facets(register: RegisterFacet) -> None:
    register(Facet(name="story", field="story_id", label="Story"))


@hookimpl
def newsdesk_register_story_signals(register: RegisterStorySignal) -> None:
    weights = MODEL["weights"]
    register("entities", signals.shared_entities, weight=weights["entities"])
    register("terms", signals.shared_terms, weight=weights["terms"])
    register("figures", signals.shared_figures, weight=weights["figures"])
    register("time", signals.close_in_time, weight=weights["time"])


@hookimpl
def newsdesk_register_figure_rules(register: RegisterFigureRule) -> None:
    register("overlapping_bounds", figure_rules.overlapping_bounds, order=100)
    register("reporting_tolerance", figure_rules.reporting_tolerance, order=200)
    register("otherwise_disagree", figure_rules.otherwise_disagree, order=1000)
