"""Turn a flattened article into its body, the removed spans and the facts they carried."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from newsdesk.plugins.builtin.boilerplate.language import guess_language
from newsdesk.plugins.builtin.boilerplate.learned.classifier import relabel
from newsdesk.plugins.builtin.boilerplate.lines import rules
from newsdesk.plugins.builtin.boilerplate.lines.captions import split_glued_caption
from newsdesk.plugins.builtin.boilerplate.lines.text_lines import Strictness, classify_lines
from newsdesk.plugins.builtin.boilerplate.metadata import PageFacts, collect_facts, split_dateline
from newsdesk.plugins.builtin.boilerplate.words import normalise

# Captions glued to a sentence and datelines only ever open the article.
_OPENING_PARAGRAPHS = 2
OUTLET_REPEAT = "outlet_repeat"


@dataclass(frozen=True)
class RemovedSpan:
    """A line or the start of a line that is not article text, and why (`detail`: the model's grounds)."""

    text: str
    reason: str
    detail: str | None = None

    def as_dict(self) -> dict[str, str]:
        found = {"text": self.text, "reason": self.reason}
        return found if self.detail is None else {**found, "detail": self.detail}


@dataclass(frozen=True)
class Extraction:
    """A cleaned article: body paragraphs plus what was found while cleaning it."""

    body: str
    title: str | None = None
    source: str | None = None
    published_at: str | None = None
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    language: str | None = None
    removed: list[RemovedSpan] = field(default_factory=list)


def extract_text(
    text: str,
    *,
    strictness: Strictness = "medium",
    known_title: str | None = None,
    guess_title: bool = True,
    layout_rules: bool = True,
    learned: bool = True,
    recurring: Mapping[str, int] | None = None,
) -> Extraction:
    """Strip boilerplate from plain text; the headline line becomes the title, not body.

    `layout_rules=False` applies only what needs no page layout (single-line rules, the comment
    thread, repeats, the known title): for text an HTML extractor already cut out of its page.
    `learned=False` keeps the hand rules' verdicts alone (the benchmark's baseline). `recurring`:
    normalised lines the outlet prints under other articles, with how many (`OutletMemory`).
    """
    language = guess_language(text)
    verdicts = classify_lines(
        text,
        strictness=strictness,
        language=language,
        known_title=known_title,
        guess_title=guess_title,
        layout_rules=layout_rules,
    )
    reasons = list(verdicts.reasons)
    details: list[str | None] = [None] * len(reasons)
    if (
        layout_rules and learned
    ):  # a flattened page: the classifier judges it, the rules' verdicts among its inputs
        reasons, details = relabel(verdicts.units, verdicts.reasons, language, strictness)
    for i, unit in enumerate(verdicts.units):
        if recurring and reasons[i] is None and (seen := recurring.get(normalise(unit))):
            reasons[i], details[i] = OUTLET_REPEAT, f"printed by {seen} other articles of this outlet"
    paragraphs: list[str] = []
    removed: list[RemovedSpan] = []
    title: str | None = None
    dateline: tuple[str, str | None] | None = None
    for unit, reason, detail in zip(verdicts.units, reasons, details, strict=True):
        if reason == rules.TITLE and title is None:
            title = unit
        if reason is not None:
            removed.append(RemovedSpan(unit, reason, detail))
            continue
        if len(paragraphs) < _OPENING_PARAGRAPHS:
            unit = _strip_opening(unit, text, removed)
            if not paragraphs and (parts := split_dateline(unit)):
                prefix, place, agency = parts
                removed.append(RemovedSpan(prefix, rules.DATELINE))
                dateline = (place, agency)
                unit = unit[len(prefix) :].lstrip()
        paragraphs.append(unit)
    facts = collect_facts([(span.text, span.reason) for span in removed])
    if dateline:
        facts.dateline, facts.agency = dateline
    return _extraction("\n\n".join(paragraphs), title, facts, language, removed)


def _strip_opening(unit: str, document: str, removed: list[RemovedSpan]) -> str:
    glued = split_glued_caption(unit, document)
    if glued is None:
        return unit
    caption, sentence = glued
    removed.append(RemovedSpan(caption, rules.CAPTION))
    return sentence


def _extraction(
    body: str, title: str | None, facts: PageFacts, language: str | None, removed: list[RemovedSpan]
) -> Extraction:
    return Extraction(
        body=body,
        title=title,
        source=facts.source,
        published_at=facts.published_at,
        authors=list(dict.fromkeys(facts.authors)),
        dateline=facts.dateline,
        language=language,
        removed=removed,
    )
