"""Within one article: which full name each mention stands for, and one type per name.

An article defines its acronyms ("Syrian Democratic Forces, or SDF", "... for Human Rights
(SOHR)") and introduces people in full before it shortens them ("Col. Ryan Dillon" ... "Dillon").
Each mention gets a `form`: the full name it refers to in this article. Types are then voted per
form, context cues ("the city of ...", "Sen. ...") weighing more than the tagger's guess.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from typing import Any

from spacy.tokens import Doc

from newsdesk.plugins.builtin.entities.names import acronym_matches, is_acronym, name_key
from newsdesk.plugins.builtin.entities.shortforms import (
    PLACE_LABELS,
    implicit_acronym,
    organisation_short_form,
    person_short_form,
    place_short_form,
)
from newsdesk.plugins.builtin.entities.spans import EntitySpan, clean_span
from newsdesk.plugins.builtin.entities.tagging import (
    context_label,
    ner_spans,
    place_spans,
    propagate_names,
    vote,
)

CUE_WEIGHT = 2
_ACRONYM_AFTER = re.compile(
    # No `\s*` shared in front of `,?\s+`: the two would split a run of blanks n ways (quadratic).
    r"^(?:\s*\(\s*(?:the\s+)?(?P<paren>[A-Z][A-Za-z.&]{1,9})\s*\)"
    r"|(?:\s*,)?\s+(?:or|also known as|known as|aka|a\.k\.a\.)\s+(?:the\s+)?(?P<said>[A-Z][A-Za-z.&]{1,9})\b)"
)
_LONG_FORM_AFTER = re.compile(r"^\s*\(\s*(?:the\s+)?(?P<long>[A-Z][^()\n]{3,80}?)\s*\)")
# An appositive that gives a name another one: "James Bulger, known as Whitey", "Kathy Sigman, now
# a grandmother known as Kathy Chapman", "Kinect, formally known as Project Natal", "(dubbed ...)".
_NICKNAME_CUE = re.compile(
    r"^\s*[,(]\s*(?:[a-z]+\s+){0,4}?(?:(?:also|better|widely|popularly|formerly|formally|affectionately)\s+)?"
    r"(?:known\s+as|dubbed|nicknamed|called|a\.k\.a\.|aka)\s+(?:the\s+)?[\"“‘']?"
)
_NICKNAME = re.compile(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}")


@dataclasses.dataclass(frozen=True)
class Mention:
    """An entity mention of one article: the span, and the full name (`form`) it stands for."""

    span: EntitySpan
    form: str
    label: str

    def as_dict(self) -> dict[str, Any]:
        found = {
            "text": self.span.text,
            "name": self.span.name,
            "label": self.label,
            "start": self.span.start,
            "end": self.span.end,
            "form": self.form,
        }
        if self.span.title:
            found["title"] = self.span.title
        return found


def find_acronyms(content: str, spans: list[EntitySpan]) -> dict[str, EntitySpan]:
    """Acronyms the article defines, by acronym: "Syrian Democratic Forces (SDF)", "..., or SDF"."""
    defined: dict[str, EntitySpan] = {}
    for span in spans:
        after = content[span.end : span.end + 100]
        if " " in span.name and (match := _ACRONYM_AFTER.match(after)):
            acronym = match.group("paren") or match.group("said")
            if is_acronym(acronym) and acronym_matches(acronym, span.name):
                defined.setdefault(acronym.replace(".", ""), span)
        elif is_acronym(span.name) and (match := _LONG_FORM_AFTER.match(after)):
            long_name = " ".join(match.group("long").split())
            if acronym_matches(span.name, long_name):
                start = span.end + match.start("long")
                long_span = EntitySpan(long_name, span.label, start, start + len(match.group("long")))
                defined.setdefault(span.name.replace(".", ""), long_span)
    return defined


def find_nicknames(content: str, spans: list[EntitySpan]) -> dict[str, EntitySpan]:
    """Names an appositive gives a named person or thing, by nickname: "James Bulger, known as
    Whitey" gives {"Whitey": James Bulger}. The nickname need not be tagged: the capitalised
    words after the cue are taken."""
    introduced: dict[str, EntitySpan] = {}
    for span in spans:
        cue = _NICKNAME_CUE.match(content[span.end : span.end + 80])
        if cue is None or (name := _NICKNAME.match(content, span.end + cue.end())) is None:
            continue
        nickname = clean_span(name.group(), name.start(), span.label)
        if nickname is not None and nickname.name != span.name and not is_acronym(nickname.name):
            introduced.setdefault(nickname.name, span)
    return introduced


def resolve_article(doc: Doc, gazetteer: dict[str, str] | None = None) -> list[Mention]:
    """Every entity mention of a parsed article, with the full name it refers to and its type."""
    content = doc.text
    spans = place_spans(doc, ner_spans(doc))
    acronyms = find_acronyms(content, spans)
    nicknames = find_nicknames(content, spans)
    # A defined acronym or nickname is a name of this article even where the tagger missed it.
    extra = dict(gazetteer or {})
    extra.update({acronym: long.label for acronym, long in acronyms.items()})
    extra.update({nickname: full.label for nickname, full in nicknames.items()})
    spans = propagate_names(doc, spans, extra)

    def weighted_votes(forms: list[str]) -> dict[str, Counter[str]]:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for span, form in zip(spans, forms, strict=True):
            cue = context_label(content, span)
            votes[name_key(form)][cue or span.label] += CUE_WEIGHT if cue else 1
        return votes

    defined = {**nicknames, **acronyms}
    forms = [defined[s.name].name if s.name in defined else s.name for s in spans]
    first_votes = weighted_votes(forms)
    first_labels = [vote(first_votes[name_key(form)]) for form in forms]
    full_names = [
        s
        for s, form in zip(spans, forms, strict=True)
        if " " in s.name and (form == s.name or s.name in nicknames)
    ]
    people = [
        s for s, label in zip(spans, first_labels, strict=True) if label == "PERSON" and s in full_names
    ]
    organisations = [
        s for s, label in zip(spans, first_labels, strict=True) if label == "ORG" and s in full_names
    ]
    places = [
        s for s, label in zip(spans, first_labels, strict=True) if label in PLACE_LABELS and s in full_names
    ]
    for i, (span, label) in enumerate(zip(spans, first_labels, strict=True)):
        if forms[i] != span.name:
            continue
        full = (
            implicit_acronym(span, full_names)
            or person_short_form(content, span, label, people)
            or organisation_short_form(span, label, organisations)
            or place_short_form(span, label, places)
        )
        if full is not None:  # "Chapman" is Kathy Chapman, who is Kathy Sigman
            forms[i] = nicknames[full.name].name if full.name in nicknames else full.name
    final_votes = weighted_votes(forms)
    return [
        Mention(span=span, form=form, label=vote(final_votes[name_key(form)]))
        for span, form in zip(spans, forms, strict=True)
    ]
