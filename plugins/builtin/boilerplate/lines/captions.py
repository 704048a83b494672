"""Photo captions that a scraper glued to the first sentence of the article.

Flattening a page can lose the boundary between a caption in capitals and the paragraph after
it: "RAQQA IN RUINSUS-backed militias have ...". The caption is split off so the sentence stays
whole and the caption is reported as removed.
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.boilerplate.words import word_count

_GLUED_CAPTION = re.compile(
    r"^(?P<caps>(?:[A-Z0-9][A-Z0-9'’,.:-]*\s+){1,10}[A-Z][A-Z'’]+)(?P<rest>[a-z-].*)$"
)
_ACRONYM_LENGTHS = (2, 3, 4)


def split_glued_caption(text: str, document: str) -> tuple[str, str] | None:
    """Split "RAQQA IN RUINSUS-backed militias ..." into the caption and the sentence it was glued to.

    The sentence's first word lost its boundary: "RUINSThe" splits before the last capital; for
    "RUINSUS-backed" the acronym length is the one whose word ("US-backed") occurs elsewhere in
    the document, else two letters (US, UN, EU, UK).
    """
    match = _GLUED_CAPTION.match(text)
    if not match or word_count(match.group("rest")) < 5:
        return None
    caps, rest = match.group("caps"), match.group("rest")
    if rest[0].islower():
        cut = len(caps) - 1
    else:
        last = caps.split()[-1]
        first_word = rest.split()[0]
        lengths = [n for n in _ACRONYM_LENGTHS if len(last) - n >= 2]
        if not lengths:
            return None
        elsewhere = document.replace(text, "")
        known = next((n for n in lengths if f"{last[-n:]}{first_word}" in elsewhere), lengths[0])
        cut = len(caps) - known
    caption = caps[:cut].strip()
    return (caption, caps[cut:] + rest) if caption else None
