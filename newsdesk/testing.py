"""Helpers for a plugin's tests: run newsdesk's built-in steps, and the plugin, on an article.

    from newsdesk.testing import enrich

    doc = enrich("GENEVA (Reuters) - 3,250 people fled.", plugins={"hello": newsdesk_hello})
    assert doc.meta["greeting"] == "hello"
    assert doc.meta["numbers"][0]["value"] == 3250

The article goes through the same steps as in `newsdesk ingest` (the input turned into a Document,
every loaded processor in its order, each guarded) but is not indexed: no Elasticsearch is needed
unless a processor asks for it. `only=` names the plugins to load (like `NEWSDESK_LOAD_PLUGINS`);
by default the built-ins that need no Elasticsearch (boilerplate, numbers) and the given plugins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from haystack import Document

from newsdesk.plugins.chain.pipeline import EnrichmentPipeline
from newsdesk.plugins.manager import PluginError, load_plugins
from newsdesk.search_api.ingest.articles import ArticleIn
from newsdesk.search_api.ingest.run import to_document
from newsdesk.search_api.settings import Settings

OFFLINE_BUILTINS = ("boilerplate", "numbers")

__all__ = ["OFFLINE_BUILTINS", "enrich"]


def enrich(
    article: str | Mapping[str, Any],
    *,
    plugins: Mapping[str, object] | None = None,
    only: Sequence[str] | None = None,
    settings: Settings | None = None,
) -> Document:
    """`article` (its text, or a dict as `POST /ingest` takes it) enriched by the loaded processors.

    `plugins` are plugin modules (or objects) by name, loaded beside the built-ins. A plugin that
    is refused raises `PluginError` with the reason, so a test fails saying why.
    """
    plugins = dict(plugins or {})
    wanted = list(only) if only is not None else [*OFFLINE_BUILTINS, *plugins]
    settings = (settings or Settings()).model_copy(update={"load_plugins": wanted})
    host = load_plugins(settings, extra_plugins=plugins)
    if host.refused:
        refused = "; ".join(f"{name}: {reason}" for name, reason in host.refused.items())
        msg = f"plugins refused: {refused}"
        raise PluginError(msg)
    given = {"content": article} if isinstance(article, str) else dict(article)
    pipeline = EnrichmentPipeline(host.processors)
    pipeline.warm_up()
    return pipeline.run([to_document(ArticleIn.model_validate(given), origin="newsdesk.testing")])[0]
