"""How the line rules measure a line: its normalised form, its word count, whether it holds a sentence."""

from __future__ import annotations

import re
from functools import lru_cache

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE = re.compile(r"(?:^|[.!?]\s)[^:.!?]{40,}[.!?](?:\s|$)")
# Every rule family measures the same line again; remembering the last lines' measures keeps the
# rules independent without paying for each measure a dozen times.
_CACHED_LINES = 4096


@lru_cache(maxsize=_CACHED_LINES)
def normalise(text: str) -> str:
    """Lower-cased, apostrophes unified, punctuation at the ends and runs of whitespace dropped."""
    text = text.replace("’", "'").lower()
    return " ".join(text.split()).strip(" .:;,!?-–—|•·")


@lru_cache(maxsize=_CACHED_LINES)
def word_count(text: str) -> int:
    """Words separated by spaces, plus one per two CJK characters (those scripts use no spaces)."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def has_sentence(text: str) -> bool:
    """A run of at least eight words without a colon that ends with a full stop."""
    return bool(_SENTENCE.search(text)) and word_count(text) > 8
