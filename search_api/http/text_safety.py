"""Text from callers made safe to store: lone UTF-16 surrogates replaced.

JSON may carry `"\ud800"` escapes that stand for no character; Python decodes them to lone
surrogates, which cannot be encoded as UTF-8 and so could not be indexed, logged or kept in
the dead-letter store. They become U+FFFD, the replacement character, the way undecodable
bytes do when text is decoded with `errors="replace"`.

Requests that only ask (search, QA, chat) refuse them instead: `SafeText` is the type of every
text field of those bodies, so the 422 names the field rather than a later step failing with a 500.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator

REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_lone_surrogates(text: str) -> str:
    if _LONE_SURROGATE.search(text):
        msg = "holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape), which is not text"
        raise ValueError(msg)
    return text


SafeText = Annotated[str, AfterValidator(refuse_lone_surrogates)]


def clean_text(text: str) -> str:
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def replace_lone_surrogates(value: Any) -> Any:
    """`value` with every string in it (keys too) cleaned; iterative, so any nesting depth is fine."""
    if isinstance(value, str):
        return clean_text(value)
    root = [value]
    stack: list[list[Any] | dict[Any, Any]] = [root]
    while stack:
        container = stack.pop()
        if isinstance(container, list):
            for i, item in enumerate(container):
                if isinstance(item, str):
                    container[i] = clean_text(item)
                elif isinstance(item, list | dict):
                    stack.append(item)
        else:
            for key in list(container):
                item = container[key]
                if isinstance(key, str) and _LONE_SURROGATE.search(key):
                    del container[key]
                    key = clean_text(key)
                    container[key] = item
                if isinstance(item, str):
                    container[key] = clean_text(item)
                elif isinstance(item, list | dict):
                    stack.append(item)
    return root[0]
