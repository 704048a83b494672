"""Extract the article from an HTML page with trafilatura, and account for what it left out.

trafilatura finds the main text and the metadata; this module adds what it does not give: the
publication time with its offset (it keeps only the day), and the list of removed page text
with a reason taken from where on the page the text sat (nav, footer, comments, aside).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document as TrafilaturaDocument
from trafilatura.xml import xmltotxt

from newsdesk.plugins.builtin.boilerplate.extract import Extraction, RemovedSpan, extract_text
from newsdesk.plugins.builtin.boilerplate.lines import rules
from newsdesk.plugins.builtin.boilerplate.lines.text_lines import Strictness, same_title
from newsdesk.plugins.builtin.boilerplate.metadata import parse_date, split_names, to_iso
from newsdesk.plugins.builtin.boilerplate.words import word_count

logger = logging.getLogger(__name__)

# The precise pass is trusted unless it kept less than this share of the default pass's text.
_PRECISION_FALLBACK_SHARE = 0.5
_HTML_SNIFF = re.compile(r"<(?:!doctype|html|head|body|article|div|p|br|meta|span|a)\b[^>]*>", re.IGNORECASE)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)
_SKIPPED_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "head", "iframe", "button", "select"]
)
_INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "label",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
        "var",
        "wbr",
    ]
)
_TAG_CONTEXT = {
    "nav": rules.NAVIGATION,
    "header": rules.NAVIGATION,
    "footer": rules.FOOTER,
    "aside": rules.RELATED_HEADLINE,
    "form": rules.NAVIGATION,
    "figcaption": rules.CAPTION,
}
_ATTR_CONTEXT = (
    (re.compile(r"comment|disqus|respond|replies"), rules.COMMENT_THREAD),
    (
        re.compile(r"related|recommend|more-stories|trending|popular|most-read|teaser|outbrain|taboola"),
        rules.RELATED_HEADLINE,
    ),
    (re.compile(r"breadcrumb|menu|nav|share|social|toolbar"), rules.NAVIGATION),
    (re.compile(r"advert|\bads?\b|sponsor|promo|newsletter|subscribe"), rules.PROMO),
    (re.compile(r"byline|author"), rules.BYLINE),
    (re.compile(r"caption|credit"), rules.CAPTION),
    (re.compile(r"footer"), rules.FOOTER),
    (re.compile(r"copyright"), rules.COPYRIGHT),
)


def looks_like_html(text: str) -> bool:
    """Markup in the first few kilobytes: a scraper that flattens text leaves no tags behind."""
    return len(_HTML_SNIFF.findall(text[:5000])) >= 2


def extract_html(html: str, *, strictness: Strictness = "medium", url: str | None = None) -> Extraction:
    """The article body and metadata of an HTML page; never fetches anything.

    When trafilatura finds no main text, the page's text blocks go through the plain-text
    classifier instead, so a page is never emptied just because its layout is unusual.
    """
    page, text = _main_text(html, url, strictness)
    tree = _parse(html)
    title: str | None = page.get("title") or None
    if text:
        # trafilatura has already judged the layout; only line rules that need no layout apply.
        cleaned = extract_text(
            "\n\n".join(text.split("\n")),
            strictness=strictness,
            known_title=title,
            guess_title=title is None,
            layout_rules=False,
        )
    else:
        logger.debug("trafilatura found no main text; classifying the page's text blocks instead")
        blocks = [text for text, _ in _blocks(_body(tree), None)] if tree is not None else []
        cleaned = extract_text("\n\n".join(blocks), strictness=strictness, known_title=title)
    published = (_published_time(tree) if tree is not None else None) or page.get("date")
    authors = split_names((page.get("author") or "").replace(";", ","))
    return Extraction(
        body=cleaned.body,
        title=title or cleaned.title,
        source=page.get("sitename") or cleaned.source,
        published_at=published or cleaned.published_at,
        authors=authors or cleaned.authors,
        dateline=cleaned.dateline,
        language=_page_language(tree) or cleaned.language,
        removed=_removed_blocks(tree, cleaned, title) if tree is not None else cleaned.removed,
    )


def _main_text(html: str, url: str | None, strictness: Strictness) -> tuple[dict[str, Any], str]:
    """trafilatura's metadata and main text, one paragraph a line, at the chosen strictness.

    "medium" asks for precision and falls back to trafilatura's fast default when the precise
    pass kept less than half of it: on the article-extraction benchmark that pair beats either
    setting alone (docs/boilerplate.md). "low" takes the default pass, "high" the precise one.
    """
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=strictness != "low",
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    page: dict[str, Any] = {}
    text = ""
    if isinstance(document, TrafilaturaDocument):
        page, text = document.as_dict(), _as_text(document)
    if strictness == "medium":
        fallback = trafilatura.bare_extraction(html, url=url, fast=True, include_comments=False)
        wider = _as_text(fallback) if isinstance(fallback, TrafilaturaDocument) else ""
        if len(text) < _PRECISION_FALLBACK_SHARE * len(wider):
            logger.debug(
                "precise extraction kept %d of %d characters; using the default one", len(text), len(wider)
            )
            text = wider
    return page, text


def _as_text(document: TrafilaturaDocument) -> str:
    """The text as `trafilatura.extract` prints it: table cells kept apart, one block a line."""
    return xmltotxt(document.body, False) if document.body is not None else ""


def _body(tree: etree._Element) -> etree._Element:
    body = tree.find(".//body")
    return body if body is not None else tree


def _parse(html: str) -> etree._Element | None:
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as e:
        logger.warning("Could not parse HTML for boilerplate accounting: %s", e)
        return None


def _published_time(tree: etree._Element) -> str | None:
    """The publication time from meta tags or JSON-LD, keeping its time zone offset."""
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and (value := _iso(meta.get("content") or "")):
            return value
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and (value := _iso(str(item.get("datePublished") or ""))):
                return value
    for time in tree.iter("time"):
        if value := _iso(time.get("datetime") or ""):
            return value
    return None


def _iso(text: str) -> str | None:
    value = parse_date(text)
    return to_iso(value) if isinstance(value, datetime) else value


def _page_language(tree: etree._Element | None) -> str | None:
    lang = tree.get("lang") if tree is not None else None
    return lang.split("-")[0].lower() if lang else None


def _removed_blocks(tree: etree._Element, cleaned: Extraction, title: str | None) -> list[RemovedSpan]:
    """Every block of page text that is not in the body, in page order, with the likeliest reason."""
    paragraphs = set(cleaned.body.split("\n\n"))
    body = " ".join(cleaned.body.split())
    from_text = {span.text: span.reason for span in cleaned.removed}
    removed: list[RemovedSpan] = []
    for text, context in _blocks(_body(tree), None):
        if text in paragraphs or (word_count(text) >= 4 and text in body):
            continue
        if removed and removed[-1].text == text:
            continue
        if title and same_title(text, title):
            reason = rules.TITLE
        else:
            reason = from_text.get(text) or rules.line_reason(text) or context or rules.BOILERPLATE
        removed.append(RemovedSpan(text, reason))
    known = {span.text for span in removed}
    removed.extend(span for span in cleaned.removed if span.text not in known and span.text not in body)
    return removed


def _context(element: etree._Element) -> str | None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _TAG_CONTEXT:
        return _TAG_CONTEXT[tag]
    attrs = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return next((reason for pattern, reason in _ATTR_CONTEXT if pattern.search(attrs)), None)


def _blocks(element: etree._Element, context: str | None) -> Iterator[tuple[str, str | None]]:
    """(text, reason suggested by the enclosing elements) for each block of text, in page order."""
    context = _context(element) or context
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _INLINE_TAGS:
            parts.append("".join(child.itertext()))
        elif tag and tag not in _SKIPPED_TAGS:
            yield from _flush(parts, context)
            parts = []
            yield from _blocks(child, context)
        parts.append(child.tail or "")
    yield from _flush(parts, context)


def _flush(parts: list[str], context: str | None) -> Iterator[tuple[str, str | None]]:
    text = " ".join("".join(parts).split())
    if text:
        yield text, context
