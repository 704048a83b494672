"""The article-extraction pages flattened to text lines the way a scraper does, each line labelled.

A page's HTML becomes one line per block (html-text's layout guess: nav, comments and footers
included), and each line is labelled `body` when the benchmark's ground-truth article holds it:
at least half of its 4-token shingles for a line of four tokens or more, the whole of a
ground-truth paragraph for a shorter one (a subheading), so "Share" is not body merely because
the article says "share" somewhere. Everything else is `boilerplate`.

Pages are split by host name, so no site of the held-out splits was ever trained on: the first
hex digit of the host's SHA-1 picks the split (`SPLIT_OF_DIGIT`). Written down before any
training in docs/boilerplate.md, and never changed since.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from benchmarks.boilerplate.html_bench import pages
from benchmarks.boilerplate.text_devset import BODY, LabelledDocument, LabelledLine

BOILERPLATE = "boilerplate"
_TOKEN = re.compile(r"\w+")
_SHINGLE = 4
_BODY_SHINGLE_SHARE = 0.5
# 0-9 train (10 of 16 hex digits), a-b dev, c-f test: about 62 / 13 / 25 % of the hosts.
SPLIT_OF_DIGIT = {**dict.fromkeys("0123456789", "ae-train"), **dict.fromkeys("ab", "ae-dev")} | dict.fromkeys(
    "cdef", "ae-test"
)
AE_SPLITS = ("ae-train", "ae-dev", "ae-test")


@dataclass(frozen=True)
class FlatPage:
    page_id: str
    host: str
    split: str
    document: LabelledDocument


def host_of(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def split_of_host(host: str) -> str:
    return SPLIT_OF_DIGIT[hashlib.sha1(host.encode("utf-8")).hexdigest()[0]]


def flatten(html: str) -> list[str]:
    """One whitespace-normalised line per block of the page, empty ones left out."""
    import html_text  # a benchmark and training dependency, never the service's

    text = html_text.extract_text(html, guess_layout=True)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1)}


def label_lines(lines: list[str], truth: str) -> list[str]:
    """`body` for the lines the ground-truth article holds, `boilerplate` for the rest."""
    truth_shingles = _shingles(_TOKEN.findall(truth))
    paragraphs = {tuple(_TOKEN.findall(p)) for p in truth.split("\n") if p.strip()}
    labels = []
    for line in lines:
        tokens = _TOKEN.findall(line)
        if len(tokens) < _SHINGLE:
            is_body = bool(tokens) and tuple(tokens) in paragraphs
        else:
            own = _shingles(tokens)
            is_body = len(own & truth_shingles) >= _BODY_SHINGLE_SHARE * len(own)
        labels.append(BODY if is_body else BOILERPLATE)
    return labels


@cache
def flat_pages() -> tuple[FlatPage, ...]:
    """Every benchmark page, flattened and labelled, in the ground truth's order."""
    html, truth = pages()
    urls = _urls()
    out = []
    for page_id, body in truth.items():
        lines = flatten(html[page_id])
        labels = label_lines(lines, body)
        host = host_of(urls[page_id])
        split = split_of_host(host)
        labelled = tuple(
            LabelledLine(n, line, label) for n, (line, label) in enumerate(zip(lines, labels, strict=True))
        )
        document = LabelledDocument(f"ae:{page_id[:12]}", split, "\n\n".join(lines), labelled, None)
        out.append(FlatPage(page_id, host, split, document))
    return tuple(out)


def _urls() -> dict[str, str]:
    import json

    from benchmarks.boilerplate.data import article_extraction_dir

    with (article_extraction_dir() / "ground-truth.json").open(encoding="utf-8") as f:
        return {page_id: record["url"] for page_id, record in json.load(f).items()}
