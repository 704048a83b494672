"""Every hook a newsdesk plugin can implement, in one file.

A plugin is a module (or object) with functions decorated by `hookimpl` (`from newsdesk import
hookimpl`) and named exactly like the specs below. Install it with an entry point in the `newsdesk`
group and newsdesk finds it:

    [project.entry-points.newsdesk]
    my_plugin = "my_package.my_plugin"

Hooks are called with keyword arguments; an implementation may accept only the arguments it needs,
so new arguments can be added later without breaking it. Besides `register`, every hook offers
`settings` (what a plugin may read of newsdesk's settings: `HostSettings`), `config` (this plugin's
own settings: read from `NEWSDESK_PLUGINS__<PLUGIN_NAME>__<KEY>` environment variables, strings
unless the plugin declares a `NEWSDESK_CONFIG` model) and `es_client` (a function returning the
host's Elasticsearch client, with its credentials, TLS and retries). Every hook receives a
`register` callback instead of returning values, so names, collisions and types are checked by the
host in one place, and the error names your plugin.

Nothing here imports the service (`newsdesk.search_api`): the SDK is what both sides share.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable

    from elasticsearch import Elasticsearch
    from fastapi import APIRouter

    from newsdesk.plugins.specs import Facet, HostSettings
    from newsdesk.plugins.stories import FigureRule, StorySignal

    EsClient = Callable[[], Elasticsearch]

PROJECT_NAME = "newsdesk"
HOOK_API_VERSION = 1
"""Every plugin module declares `NEWSDESK_HOOK_API = 1`; a plugin declaring another is refused."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


class RegisterProcessor(Protocol):
    def __call__(
        self,
        name: str,
        component: Any,
        *,
        order: int = 500,
        before: Sequence[str] = (),
        after: Sequence[str] = (),
        before_if_present: Sequence[str] = (),
        after_if_present: Sequence[str] = (),
    ) -> None: ...


class RegisterMapping(Protocol):
    def __call__(self, properties: dict[str, Any]) -> None: ...


class RegisterFacet(Protocol):
    def __call__(self, facet: Facet) -> None: ...


class RegisterAnswerExtractor(Protocol):
    def __call__(self, name: str, extractor: Any) -> None: ...


class RegisterSearchField(Protocol):
    def __call__(self, field: str, *, boost: float = 1.0) -> None: ...


class RegisterRouter(Protocol):
    def __call__(self, router: APIRouter) -> None: ...


class RegisterStorySignal(Protocol):
    def __call__(self, name: str, signal: StorySignal, *, weight: float = 1.0) -> None: ...


class RegisterFigureRule(Protocol):
    def __call__(self, name: str, rule: FigureRule, *, order: int = 500) -> None: ...


@hookspec
def newsdesk_register_processors(
    register: RegisterProcessor, settings: HostSettings, config: dict[str, Any], es_client: EsClient
) -> None:
    """Register the Haystack components that enrich every article before it is indexed.

    Called once when plugins are loaded (at `newsdesk ingest`, `newsdesk serve` and
    `newsdesk plugins`). Call `register(name, component, order=..., after=[...], before=[...])`
    once per processor:

    - `name`: unique across all plugins; it names the component in the pipeline and in errors.
    - `component`: an instance (not the class) of a class decorated with `haystack.component`, whose
      `run(documents: list[Document]) -> {"documents": list[Document]}` returns new Documents
      (`dataclasses.replace(doc, meta={...})`), one for each it received, in the same order.
    - `order`: lower runs earlier. Built-ins: boilerplate 100, entities 200, entity_resolver 210
      (after entities), lemmas 250, numbers 300.
    - `after` / `before`: names of processors this one must follow / precede, whatever their
      `order`. A name no loaded plugin registers refuses this plugin (with the reason); a cycle
      stops start-up with a one-line error.
    - `after_if_present` / `before_if_present`: the same, when that processor is loaded; without
      it (its plugin disabled) the constraint is dropped.

    A processor that raises on an article never costs the article: it goes on without that
    processor's enrichment, with an `enrichment_errors` record naming the processor and plugin
    (or, with `NEWSDESK_ENRICHMENT_ERROR_POLICY=dead_letter`, it is held in the dead-letter store).

    Each Document arrives with `content` (the article text; clean body text after the
    boilerplate processor) and `meta` (`raw`, `title`, `source`, `published_at`, and whatever
    earlier processors added). Store what you add under your own meta keys, and declare them
    with `newsdesk_register_mappings` so Elasticsearch indexes them as you intend.
    """


@hookspec
def newsdesk_register_mappings(
    register: RegisterMapping, settings: HostSettings, config: dict[str, Any], es_client: EsClient
) -> None:
    """Declare the Elasticsearch mapping of the fields your processors add to `Document.meta`.

    Called when the index is created. Call `register({"my_field": {"type": "keyword"}})` with
    mapping `properties`; each top-level name may be declared by one plugin only. Fields that
    are not declared are not indexed (the index mapping is `dynamic: false`), only stored.
    """


@hookspec
def newsdesk_register_facets(
    register: RegisterFacet, settings: HostSettings, config: dict[str, Any], es_client: EsClient
) -> None:
    """Expose facets (counts and filters) on the fields you declared.

    Called when the search service starts. Call `register(Facet(name=..., field=...))`
    (`from newsdesk import Facet`); the facet's `name` becomes a filter key and a facet in
    `/search`. A facet on a field that no mapping declares (yours, another plugin's or the core
    index config) is refused at load, naming the field.
    """


@hookspec
def newsdesk_register_answer_extractors(
    register: RegisterAnswerExtractor, settings: HostSettings, config: dict[str, Any], es_client: EsClient
) -> None:
    """Register answer extractors: what finds answers to `/qa` and chat questions in passages.

    Called once when the search service starts. Call `register(name, extractor)` once per
    extractor; `name` is unique across all plugins. `extractor` has a method
    `extract(question, passages) -> list[Candidate]` (the types are in `newsdesk.plugins.types`):
    `question` says what is asked (expected answer type, counted noun, verb, terms), `passages`
    are the best-matching sentences of the retrieved articles, best first, each with its article
    and annotations. Every registered extractor is asked; candidates with the same `key` (a
    canonical entity or a normalised value) from several articles become one answer citing all,
    and a question no candidate fits well enough gets no answer. newsdesk's own extractor, which
    reads the entity and number annotations, registers through this hook too.
    """


@hookspec
def newsdesk_register_search_fields(
    register: RegisterSearchField, settings: HostSettings, config: dict[str, Any], es_client: EsClient
) -> None:
    """Add text fields that `/search` matches the query words against, with a boost.

    Called when the search service starts. Call `register("my_field", boost=0.5)` for a `text`
    field you declared with `newsdesk_register_mappings`; the core fields (`title^3`, `content`)
    are always searched. A field no mapping declares is refused at load.
    """


@hookspec
def newsdesk_register_routers(
    register: RegisterRouter, settings: HostSettings, config: dict[str, Any], es_client: EsClient
) -> None:
    """Add API endpoints: `register(router)` with a FastAPI `APIRouter`.

    Called when the search service starts. The routes are served under `/v1` (and, like the
    core ones, without the prefix), behind the same read-access check as `/search`. Use
    `es_client()` in your endpoints for the host's Elasticsearch client. A disabled plugin's
    routes do not exist (404).
    """


@hookspec
def newsdesk_register_story_signals(
    register: RegisterStorySignal, settings: HostSettings, config: dict[str, Any], es_client: EsClient
) -> None:
    """Add a signal story clustering weighs as an article arrives: `register(name, signal, weight=...)`.

    Called once when the ingest starts. `signal(article, story) -> float` gets the incoming
    article's `ArticleFeatures` and a recent story's `StoryProfile` (`newsdesk.plugins.stories`)
    and returns 0 (nothing alike) to 1 (the same event). The host sums the signals times their
    weights, divided by the sum of the weights; the article joins the best story scoring the
    threshold, else starts one, and the article's `story_reason` keeps every signal's value. The
    built-ins register `entities`, `terms`, `figures` and `time` this way; `name` is unique.
    """


@hookspec
def newsdesk_register_figure_rules(
    register: RegisterFigureRule, settings: HostSettings, config: dict[str, Any], es_client: EsClient
) -> None:
    """Add a rule that compares two outlets' figures of one thing: `register(name, rule, order=...)`.

    Called when the service starts. `rule(a, b) -> "agree" | "within_tolerance" | "disagree" | None`
    gets two `FigureClaim`s (`newsdesk.plugins.stories`) of the same fact in one story ("people
    killed") from two outlets. Rules are asked by `order`, lowest first, until one answers; the
    story's figure table shows the worst verdict of its pairs. The built-ins (bounds that overlap
    agree: 100; a gap within 5% is within tolerance: 200; anything else disagrees: 1000) are
    registered this way.
    """
