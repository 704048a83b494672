"""The HTML extractors compared on the article-extraction benchmark, each as `html -> text`.

Settings follow the benchmark's own baselines (its README): trafilatura without comments,
jusText with the English stoplist and the benchmark's parameters, readability-lxml's summary
turned into text with html-text, boilerpy3's ArticleExtractor.
"""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.plugins.builtin.boilerplate.html import extract_html
from newsdesk.plugins.builtin.boilerplate.lines.text_lines import Strictness

Extractor = Callable[[str], str]


def newsdesk(strictness: Strictness = "medium") -> Extractor:
    def run(html: str) -> str:
        return extract_html(html, strictness=strictness).body

    return run


def trafilatura_default(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def trafilatura_precision(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


def justext_english(html: str) -> str:
    import justext

    paragraphs = justext.justext(
        html,
        justext.get_stoplist("English"),
        length_low=50,
        length_high=200,
        stopwords_low=0.1,
        stopwords_high=0.2,
        max_link_density=0.2,
        max_heading_distance=200,
    )
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def readability_lxml(html: str) -> str:
    import html_text
    from readability import Document

    return html_text.extract_text(Document(html).summary(html_partial=True))


def boilerpy3_article(html: str) -> str:
    from boilerpy3 import extractors

    try:
        return extractors.ArticleExtractor(raise_on_failure=False).get_content(html)
    except Exception:  # boilerpy3 raises on pages its SAX parser cannot read: count them as empty
        return ""


EXTRACTORS: dict[str, Extractor] = {
    "newsdesk (medium, the default)": newsdesk("medium"),
    "newsdesk (low)": newsdesk("low"),
    "newsdesk (high)": newsdesk("high"),
    "trafilatura 2.x (default)": trafilatura_default,
    "trafilatura (favor_precision)": trafilatura_precision,
    "readability-lxml + html-text": readability_lxml,
    "boilerpy3 ArticleExtractor": boilerpy3_article,
    "jusText (English, benchmark params)": justext_english,
}
