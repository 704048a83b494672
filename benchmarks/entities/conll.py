"""Tagging on CoNLL-2003 English: the newsdesk tagger against bare spaCy, scored by the shared score.py.

The shared folder (`NEWSDESK_CONLL`, default `../shared/benchmarks/conll2003`) holds the data,
its scorer and spaCy baseline; nothing of it is copied here (licence). Every system sees the gold
tokens, as `spacy_baseline.py` does, so no entity is lost to a tokenisation difference:

- `spacy-sentences`: the baseline exactly as `spacy_baseline.py` runs it, one sentence at a time;
- `spacy-documents`: the same pipeline on whole stories (sentences one per line), the input the
  newsdesk tagger gets;
- `newsdesk-article`: the tagger (`article.resolve_article`) on those stories: spaCy's spans
  cleaned, completed and typed per story;
- `newsdesk-batch`: plus the resolver's vote across all stories (one type per entity).

OntoNotes types map to CoNLL's as in `spacy_baseline.py`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from haystack import Document
from spacy.language import Language
from spacy.tokens import Doc

from newsdesk.plugins.builtin.entities.aliases import load_aliases
from newsdesk.plugins.builtin.entities.article import resolve_article
from newsdesk.plugins.builtin.entities.resolver import EntityResolver

REPO = Path(__file__).resolve().parents[2]
CONLL = Path(os.environ.get("NEWSDESK_CONLL", REPO.parent / "shared" / "benchmarks" / "conll2003"))
ONTO_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}

Sentence = list[str]
Spans = list[tuple[int, int, str]]


@dataclass
class Prediction:
    """Per gold sentence, the predicted token spans; plus entities that fit no gold token boundary."""

    spans: list[Spans]
    unaligned: list[str]
    seconds: float


def scorer() -> ModuleType:
    path = CONLL / "score.py"
    if not path.exists():
        msg = f"{path} not found: set NEWSDESK_CONLL to the folder holding CoNLL-2003 and score.py"
        raise FileNotFoundError(msg)
    spec = importlib.util.spec_from_file_location("conll_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_stories(path: Path) -> list[list[Sentence]]:
    """Stories (split at -DOCSTART-) of sentences of tokens, in the order score.py reads them."""
    stories: list[list[Sentence]] = [[]]
    sentence: Sentence = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        cols = raw.split()
        if not cols:
            if sentence:
                stories[-1].append(sentence)
                sentence = []
            continue
        if cols[0] == "-DOCSTART-":
            if sentence:
                stories[-1].append(sentence)
                sentence = []
            if stories[-1]:
                stories.append([])
            continue
        sentence.append(cols[0])
    if sentence:
        stories[-1].append(sentence)
    return [story for story in stories if story]


class StoryDoc:
    """A story as one spaCy Doc on the gold tokens, a sentence per line, and the way back to tokens."""

    def __init__(self, nlp: Language, story: list[Sentence]) -> None:
        words: list[str] = []
        spaces: list[bool] = []
        self.starts: dict[int, tuple[int, int]] = {}
        self.ends: dict[int, tuple[int, int]] = {}
        offset = 0
        for s, sentence in enumerate(story):
            for i, token in enumerate(sentence):
                last = i == len(sentence) - 1
                words.append(token)
                spaces.append(not last)
                self.starts[offset] = (s, i)
                self.ends[offset + len(token)] = (s, i + 1)
                offset += len(token) + (0 if last else 1)
            words.append("\n")
            spaces.append(False)
            offset += 1
        self.story = story
        self.doc = Doc(nlp.vocab, words=words, spaces=spaces)

    def to_tokens(self, found: Iterable[tuple[int, int, str]]) -> tuple[list[Spans], list[str]]:
        spans: list[Spans] = [[] for _ in self.story]
        unaligned: list[str] = []
        for start, end, label in found:
            kind = ONTO_TO_CONLL.get(label)
            if kind is None:
                continue
            a, b = self.starts.get(start), self.ends.get(end)
            if a is None or b is None or a[0] != b[0]:
                unaligned.append(kind)
            else:
                spans[a[0]].append((a[1], b[1], kind))
        return spans, unaligned


def spacy_sentences(nlp: Language, stories: list[list[Sentence]], batch_size: int) -> Prediction:
    sentences = [sentence for story in stories for sentence in story]
    started = time.perf_counter()
    docs = list(nlp.pipe((Doc(nlp.vocab, words=s) for s in sentences), batch_size=batch_size))
    seconds = time.perf_counter() - started
    spans = [
        [(e.start, e.end, ONTO_TO_CONLL[e.label_]) for e in doc.ents if e.label_ in ONTO_TO_CONLL]
        for doc in docs
    ]
    return Prediction(spans, [], seconds)


def _on_stories(
    nlp: Language,
    stories: list[list[Sentence]],
    batch_size: int,
    tag: Callable[[list[StoryDoc]], list[list[tuple[int, int, str]]]],
) -> Prediction:
    started = time.perf_counter()
    story_docs = [StoryDoc(nlp, story) for story in stories]
    parsed = list(nlp.pipe((s.doc for s in story_docs), batch_size=batch_size))
    for story_doc, doc in zip(story_docs, parsed, strict=True):
        story_doc.doc = doc
    found = tag(story_docs)
    seconds = time.perf_counter() - started
    spans: list[Spans] = []
    unaligned: list[str] = []
    for story_doc, entities in zip(story_docs, found, strict=True):
        story_spans, missed = story_doc.to_tokens(entities)
        spans += story_spans
        unaligned += missed
    return Prediction(spans, unaligned, seconds)


def spacy_documents(nlp: Language, stories: list[list[Sentence]], batch_size: int) -> Prediction:
    return _on_stories(
        nlp,
        stories,
        batch_size,
        lambda docs: [[(e.start_char, e.end_char, e.label_) for e in d.doc.ents] for d in docs],
    )


def _mentions(story_docs: list[StoryDoc], aliases: str | None) -> list[list[dict[str, Any]]]:
    gazetteer = load_aliases(aliases).gazetteer()
    return [[m.as_dict() for m in resolve_article(d.doc, gazetteer)] for d in story_docs]


def newsdesk_article(
    nlp: Language, stories: list[list[Sentence]], batch_size: int, aliases: str | None
) -> Prediction:
    def tag(docs: list[StoryDoc]) -> list[list[tuple[int, int, str]]]:
        return [[(m["start"], m["end"], m["label"]) for m in found] for found in _mentions(docs, aliases)]

    return _on_stories(nlp, stories, batch_size, tag)


def newsdesk_batch(
    nlp: Language, stories: list[list[Sentence]], batch_size: int, aliases: str | None
) -> Prediction:
    def tag(docs: list[StoryDoc]) -> list[list[tuple[int, int, str]]]:
        documents = [
            Document(id=str(i), meta={"entities": found}) for i, found in enumerate(_mentions(docs, aliases))
        ]
        resolved = EntityResolver(aliases_path=aliases).run(documents=documents)["documents"]
        return [[(m["start"], m["end"], m["label"]) for m in doc.meta["entities"]] for doc in resolved]

    return _on_stories(nlp, stories, batch_size, tag)


def score(prediction: Prediction, gold_path: Path) -> dict[str, Any]:
    """Scored by score.py itself: predictions written as its JSONL, read back by its reader."""
    module = scorer()
    gold = module.read_conll(str(gold_path))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pred.jsonl"
        with path.open("w", encoding="utf-8") as out:
            rows = zip(gold, prediction.spans, strict=True)
            for n, ((tokens, _), spans) in enumerate(rows):
                row: dict[str, Any] = {"tokens": tokens, "spans": [list(s) for s in sorted(set(spans))]}
                if n == 0 and prediction.unaligned:
                    row["unaligned"] = prediction.unaligned
                out.write(json.dumps(row) + "\n")
        predicted, unaligned = module.read_predictions(str(path), gold)
    result: dict[str, Any] = module.score(
        [module.tags_to_spans(tags) for _, tags in gold], predicted, unaligned
    )
    result["unaligned_predictions"] = sum(unaligned.values())
    return result


def run_conll(
    nlp: Language, split: str = "test", aliases: str | None = None, batch_size: int = 64
) -> dict[str, Any]:
    """Every system on one split; {system: score.py result plus seconds}."""
    gold_path = CONLL / f"{split}.txt"
    stories = read_stories(gold_path)
    systems: dict[str, Callable[[], Prediction]] = {
        "spacy-sentences": lambda: spacy_sentences(nlp, stories, 256),
        "spacy-documents": lambda: spacy_documents(nlp, stories, batch_size),
        "newsdesk-article": lambda: newsdesk_article(nlp, stories, batch_size, aliases),
        "newsdesk-batch": lambda: newsdesk_batch(nlp, stories, batch_size, aliases),
    }
    results = {}
    for name, system in systems.items():
        prediction = system()
        results[name] = {**score(prediction, gold_path), "seconds": prediction.seconds}
    return results
