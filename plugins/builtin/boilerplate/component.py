"""The Haystack component that turns a raw scraped article into clean body text plus metadata."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any
from urllib.parse import urlsplit

from haystack import Document, component, default_from_dict, default_to_dict

from newsdesk.plugins.builtin.boilerplate.extract import Extraction, extract_text
from newsdesk.plugins.builtin.boilerplate.html import extract_html, looks_like_html
from newsdesk.plugins.builtin.boilerplate.learned.outlet_memory import OutletMemory
from newsdesk.plugins.builtin.boilerplate.lines.line_units import split_units
from newsdesk.plugins.builtin.boilerplate.lines.text_lines import STRICTNESS_LEVELS, Strictness

logger = logging.getLogger(__name__)


@component
class BoilerplateStripper:
    """Strip menus, promos, stamps, footers and reader comments; keep the article and its metadata.

    Plain text (a scraper's flattened page) goes through a line classifier; HTML goes through
    trafilatura. Values the caller put in `meta` win over extracted ones, and every removed line
    is listed under `boilerplate_removed` with a reason, so a wrong removal can be traced.

    Usage:
    ```python
    from haystack import Document
    from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper

    raw = "You are here\\n\\nRaqqa falls to US-backed forces\\n\\nThe city fell on Tuesday after the battle."
    doc = BoilerplateStripper().run([Document(content=raw)])["documents"][0]
    assert doc.content == "The city fell on Tuesday after the battle."
    assert doc.meta["title"] == "Raqqa falls to US-backed forces"
    ```
    """

    META_RAW_FORMAT = "raw_format"
    META_URL = "url"
    META_TITLE = "title"
    META_SOURCE = "source"
    META_PUBLISHED_AT = "published_at"
    META_AUTHORS = "authors"
    META_DATELINE = "dateline"
    META_LANGUAGE = "language"
    META_REMOVED = "boilerplate_removed"

    def __init__(self, strictness: Strictness = "medium", memory: OutletMemory | None = None) -> None:
        """`strictness`: "low" keeps doubtful lines, "high" drops more; `memory`: outlets' recurring lines.

        The memory is a live store, not configuration: `to_dict` leaves it out.
        """
        if strictness not in STRICTNESS_LEVELS:
            msg = f"strictness must be one of {', '.join(STRICTNESS_LEVELS)}, not {strictness!r}"
            raise ValueError(msg)
        self.strictness = strictness
        self.memory = memory

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, strictness=self.strictness)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BoilerplateStripper:
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document])
    def run(self, documents: list[Document]) -> dict[str, list[Document]]:
        """Return one cleaned Document per input Document, in the same order."""
        return {"documents": [self._strip(doc) for doc in documents]}

    def _strip(self, doc: Document) -> Document:
        if not doc.content:
            return doc
        meta = doc.meta or {}
        raw_format = meta.get(self.META_RAW_FORMAT) or ("html" if looks_like_html(doc.content) else "text")
        if raw_format == "html":
            extraction = extract_html(doc.content, strictness=self.strictness, url=meta.get(self.META_URL))
        else:
            extraction = self._strip_text(doc, meta)
        logger.debug("Stripped %d spans from document %s (%s)", len(extraction.removed), doc.id, raw_format)
        return dataclasses.replace(doc, content=extraction.body, meta=self._merge_meta(meta, extraction))

    def _strip_text(self, doc: Document, meta: dict[str, Any]) -> Extraction:
        """Plain text; with a memory, lines this outlet prints under other articles go too."""
        outlet = meta.get(self.META_SOURCE) or _host(meta.get(self.META_URL))
        known_title = meta.get(self.META_TITLE)
        if self.memory is None or not outlet or not doc.id:
            return extract_text(doc.content or "", strictness=self.strictness, known_title=known_title)
        units = split_units(doc.content or "")
        recurring = self.memory.recurring(outlet, doc.id, units)
        extraction = extract_text(
            doc.content or "", strictness=self.strictness, known_title=known_title, recurring=recurring
        )
        self.memory.remember(outlet, doc.id, units)
        return extraction

    def _merge_meta(self, meta: dict[str, Any], extraction: Extraction) -> dict[str, Any]:
        """Extracted values fill the gaps; whatever the caller gave is kept as it was."""
        found: dict[str, Any] = {
            self.META_TITLE: extraction.title or "",
            self.META_SOURCE: extraction.source,
            self.META_PUBLISHED_AT: extraction.published_at,
            self.META_AUTHORS: extraction.authors,
            self.META_DATELINE: extraction.dateline,
            self.META_LANGUAGE: extraction.language,
        }
        merged = dict(meta)
        for key, value in found.items():
            if merged.get(key) in (None, "", []) and (value is not None or key not in merged):
                merged[key] = value
        if merged.get(self.META_LANGUAGE) is None:
            merged.pop(self.META_LANGUAGE, None)
        merged[self.META_REMOVED] = [span.as_dict() for span in extraction.removed]
        return merged


def _host(url: str | None) -> str | None:
    return (urlsplit(url).hostname or "").removeprefix("www.") or None if url else None
