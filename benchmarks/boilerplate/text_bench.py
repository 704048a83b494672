"""Line-level scores of plain-text boilerplate removal on the labelled dev set.

A line counts as kept when its words come out, in order, in an output paragraph credited to it
(`kept_lines`); a long line may lose a few leading words, e.g. a dateline or a glued caption, and
still count as kept. Body retention: share of body lines kept; boilerplate removal: share of the
other lines (boilerplate, title, date, source) not kept. Both are pooled over all lines of a split.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from benchmarks.boilerplate.text_devset import BODY, LabelledDocument
from newsdesk.plugins.builtin.boilerplate.extract import extract_text
from newsdesk.plugins.builtin.boilerplate.lines.text_lines import same_title

_WORD = re.compile(r"\w+")
_SHORT_LINE_WORDS = 6
_KEPT_TAIL_SHARE = 0.7


@dataclass(frozen=True)
class TextOutput:
    """What a system made of one document: body paragraphs, and the title and date it found."""

    paragraphs: list[str]
    title: str | None = None
    published_at: str | None = None


TextSystem = Callable[[str], TextOutput]


def newsdesk(strictness: str = "medium", *, learned: bool = True) -> TextSystem:
    """newsdesk's text mode; `learned=False`: the hand rules alone (round four, the baseline)."""

    def run(text: str) -> TextOutput:
        extraction = extract_text(text, strictness=strictness, learned=learned)  # type: ignore[arg-type]
        paragraphs = extraction.body.split("\n\n") if extraction.body else []
        return TextOutput(paragraphs, extraction.title, extraction.published_at)

    return run


def keep_everything(text: str) -> TextOutput:
    """The floor: every line kept."""
    return TextOutput([line.strip() for line in text.split("\n") if line.strip()])


def justext_paragraphs(text: str) -> TextOutput:
    """jusText (default parameters, English stop list) on the text's lines wrapped as <p>."""
    import justext

    lines = [line.strip() for line in text.split("\n") if line.strip()]
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(page, justext.get_stoplist("English"))
    return TextOutput([p.text for p in paragraphs if not p.is_boilerplate])


def _tokens(text: str) -> str:
    return " ".join(_WORD.findall(text))


def _probe(words: list[str]) -> str:
    """What must appear in the output for a line to count as kept: a long line may lose its head."""
    if len(words) < _SHORT_LINE_WORDS:
        return " ".join(words)
    return " ".join(words[len(words) - max(_SHORT_LINE_WORDS, int(len(words) * _KEPT_TAIL_SHARE)) :])


def kept_lines(document: LabelledDocument, output: TextOutput) -> list[bool]:
    """Which labelled lines the output kept.

    Each output paragraph is credited to the longest line found in it, then the next longest in
    what remains, and so on (a paragraph may be several lines joined); so a line printed twice,
    such as a pull quote, is kept only if a paragraph of its own holds it. A short line counts
    only when it is all that remains of a paragraph, so "Islamic State" is not kept merely
    because a paragraph mentions Islamic State.
    """
    probes = [_probe(_WORD.findall(line.text)) for line in document.lines]
    short = [len(_WORD.findall(line.text)) < _SHORT_LINE_WORDS for line in document.lines]
    kept = [False] * len(probes)
    for paragraph in output.paragraphs:
        rest = f" {_tokens(paragraph)} "
        while rest.strip():
            found = [
                k
                for k, probe in enumerate(probes)
                if probe and not kept[k] and (rest.strip() == probe if short[k] else f" {probe} " in rest)
            ]
            if not found:
                break
            best = max(found, key=lambda k: len(probes[k]))
            kept[best] = True
            rest = rest.replace(f" {probes[best]} ", " ", 1)
    return kept


@dataclass
class TextScores:
    documents: int = 0
    body_lines: int = 0
    body_kept: int = 0
    other_lines: int = 0
    other_removed: int = 0
    titled: int = 0
    titles_right: int = 0
    dated: int = 0
    dates_right: int = 0

    @property
    def body_retention(self) -> float:
        return self.body_kept / self.body_lines if self.body_lines else 1.0

    @property
    def boilerplate_removal(self) -> float:
        return self.other_removed / self.other_lines if self.other_lines else 1.0

    def add(self, document: LabelledDocument, output: TextOutput) -> None:
        self.documents += 1
        for line, kept in zip(document.lines, kept_lines(document, output), strict=True):
            if line.label == BODY:
                self.body_lines += 1
                self.body_kept += kept
            else:
                self.other_lines += 1
                self.other_removed += not kept
        if document.title:
            self.titled += 1
            self.titles_right += bool(output.title and same_title(output.title, document.title))
        if document.published_at:
            self.dated += 1
            self.dates_right += bool(
                output.published_at and output.published_at.startswith(document.published_at)
            )


def score(system: TextSystem, documents: Iterable[LabelledDocument]) -> TextScores:
    scores = TextScores()
    for document in documents:
        scores.add(document, system(document.text))
    return scores


def mistakes(system: TextSystem, documents: Iterable[LabelledDocument]) -> list[tuple[str, str, str]]:
    """(document, label, line) for every line the system got wrong: for looking, not for scores."""
    wrong = []
    for document in documents:
        output = system(document.text)
        for line, kept in zip(document.lines, kept_lines(document, output), strict=True):
            if kept != (line.label == BODY):
                wrong.append((document.doc, line.label, line.text))
    return wrong
