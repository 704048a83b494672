"""From a spaCy parse to clean entity spans: spaCy's NER, cleaned, completed and given context cues.

- `ner_spans`: spaCy's name spans, cleaned (`spans.clean_span`), without the capitalised common
  words a tagger takes for names at the start of a sentence ("Fighters hauled down...").
- `propagate_names`: a name tagged once is tagged wherever it recurs in the article, longest
  first, so "Islamic State" wins over spaCy's "Islamic" + "State" in the sentence it split.
- `context_label`: the type the words around a mention point to ("the city of Bukamal" is a
  place, "Sen. Ben Sasse" a person), stronger evidence than the tagger's guess.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc

from newsdesk.plugins.builtin.entities.spans import (
    NAME_CONNECTORS,
    PERSON_TITLES,
    EntitySpan,
    clean_span,
    title_before,
)

# When votes tie, the type the tagger is most often right about wins.
LABEL_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "LANGUAGE",
                  "WORK_OF_ART")  # fmt: skip
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
_PLACE_BEFORE = re.compile(
    r"\b(?:city|town|village|province|capital|region|governorate|district|county|state|port|island)"
    r"\s+of\s+$",
    re.IGNORECASE,
)
# Prepositions that put a bare one-word name on the map ("in Raqqa", "near Mayadeen"); not "from"
# or "at", which also take organisations ("from Google", "at Microsoft").
_IN_PLACE_BEFORE = re.compile(r"(?<![\w-])(?:in|near|outside|inside|across|around|into)\s+$")
_PLACE_AFTER = re.compile(r"^\s+(?:province|governorate|district|countryside|county|valley)\b")
ROLE_WORDS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "commander", "leader", "expert", "analyst", "official",
     "activist", "witness", "journalist", "correspondent", "head", "director", "founder", "adviser",
     "advisor", "lawyer", "professor", "researcher", "chairman", "chairwoman", "ceo", "actor", "actress",
     "singer", "player", "coach", "minister", "president", "senator", "candidate", "author", "son",
     "daughter", "wife", "husband", "mother", "father", "brother", "sister"}
)  # fmt: skip
_ROLE_BEFORE = re.compile(r"\b([a-z]+)\s+$")
_ROLE_AFTER = re.compile(r"^,\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?([a-z]+)\b")
_SENTENCE_OPENERS = frozenset('\n.!?“"‘:')
# Part-of-speech tags of words that are not names (adjectives, common nouns, verbs, adverbs).
_COMMON_NOUN_TAGS = frozenset({"NNS"})  # plural common nouns: "Men", "Extras"
_COMMON_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB"})
_PARTICLE = r"(?:(?:al|el|ad|ar|as|at|az|ash|ez|an)-)?"
_NAMED_PLACE = re.compile(
    r"\b(?:city|town|village|province|region|governorate|district|county|port|island)\s+of\s+"
    rf"(?P<name>{_PARTICLE}[A-Z][\w’'-]*(?:\s+{_PARTICLE}[A-Z][\w’'-]*){{0,2}})"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"^(?P<name>[A-Z][A-Z’'.-]+(?:[ \t]+[A-Z][A-Z’'.-]+){0,2})"
    rf"(?=[ \t]*,?[ \t]*(?:[A-Z][A-Za-z.]+[ \t]+)*(?:\d{{4}}-\d\d-\d\d|{_MONTH})|[ \t]*\()",
    re.MULTILINE,
)


# Headlines: short lines, most words capitalised, no closing period.
_MAX_HEADLINE = 160
_HEADLINE_CAPITALS = 0.8
_TITLE_CASE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "for", "and", "or", "but", "in", "on", "at", "to", "by", "as", "with", "from"}
)
# Names whose words may be verbs or prepositions: "Gone with the Wind", "Brexit Act".
_TITLE_LABELS = frozenset({"WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})


def vote(votes: Counter[str]) -> str:
    """The winning label; ties go to the label earliest in `LABEL_PRIORITY`."""
    rank = {label: i for i, label in enumerate(LABEL_PRIORITY)}
    return min(votes, key=lambda label: (-votes[label], rank.get(label, len(rank))))


def _lowercase_words(doc: Doc) -> set[str]:
    return {token.lower_ for token in doc if token.is_lower}


def _opens_sentence(content: str, start: int) -> bool:
    before = content[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_OPENERS


def _common_word(doc: Doc, content: str, span: EntitySpan, lowercase: set[str]) -> bool:
    """A capitalised common word taken for a name: "Fighters hauled down...", "Celebratory gunfire"."""
    word = span.text
    if " " in word or word.isupper():
        return False
    if word.casefold() in PERSON_TITLES:
        return True
    token = doc.char_span(span.start, span.end)
    tag = token[0].tag_ if token is not None and span.label != "NORP" else ""
    if tag in _COMMON_NOUN_TAGS:  # the tagger itself reads it as a common noun ("Extras", "Men")
        return True
    if not _opens_sentence(content, span.start):
        return False
    return word.casefold() in lowercase or tag in _COMMON_TAGS


# Conjunctions and adverbs that open a clause, never a name (a closed class: "First", "One", "All"
# open names too, so spaCy's stop words are too many).
_CLAUSE_OPENERS = frozenset(
    {"once", "while", "when", "whenever", "after", "before", "if", "as", "since", "although", "though",
     "because", "unless", "until", "where", "whereas", "then", "but", "and", "so", "yet", "also",
     "meanwhile", "however", "still", "even", "now", "here", "there", "like", "besides", "unlike"}
)  # fmt: skip


def _without_opening_function_word(doc: Doc, content: str, span: EntitySpan) -> EntitySpan | None:
    """A name whose first word is a conjunction opening the sentence loses that word: "Once Raqqa
    falls", "While Google ...". Not a person's."""
    if " " not in span.text or span.label == "PERSON" or not _opens_sentence(content, span.start):
        return span
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 2 or tokens[0].lower_ not in _CLAUSE_OPENERS:
        return span
    return clean_span(content[tokens[1].idx : span.end], tokens[1].idx, span.label)


def _line_around(content: str, start: int, end: int) -> str:
    line_start = content.rfind("\n", 0, start) + 1
    line_end = content.find("\n", end)
    return content[line_start : line_end if line_end >= 0 else len(content)]


def on_title_case_line(content: str, span: EntitySpan) -> bool:
    """Is the span on a headline written in Title Case ("Lindsay Lohan Checks Into Rehab"), where
    capitals say nothing about where a name ends?"""
    line = _line_around(content, span.start, span.end).strip()
    words = [w for w in line.split() if any(ch.isalpha() for ch in w)]
    if len(words) < 3 or line.endswith((".", ":", ";", ",")) or len(line) > _MAX_HEADLINE:
        return False
    content_words = [w for w in words if w.casefold() not in _TITLE_CASE_SMALL_WORDS]
    return sum(w[0].isupper() for w in content_words) >= _HEADLINE_CAPITALS * len(content_words)


def headline_pieces(doc: Doc, span: EntitySpan) -> list[EntitySpan]:
    """A Title Case span cut where the headline's verb or preposition is: "<Name> Checks Into
    Rehab" keeps "<Name>", "<Team> Beat <Team>" gives two teams. spaCy's part-of-speech tags say
    which words are verbs, whatever their capitals."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or span.label in _TITLE_LABELS:
        return [span]
    runs: list[list[int]] = [[]]
    for token in tokens:
        breaks = token.tag_.startswith("VB") or (
            token.tag_ in ("IN", "TO") and token.lower_ not in NAME_CONNECTORS
        )
        if breaks:
            runs.append([])
        else:
            runs[-1].append(token.i)
    if len(runs) == 1:
        return [span]
    pieces = []
    for run in runs:
        if not run:
            continue
        piece = doc[run[0] : run[-1] + 1]
        cleaned = clean_span(piece.text, piece.start_char, span.label)
        if cleaned is not None:
            pieces.append(cleaned)
    return pieces


def _body_name_opening(piece: EntitySpan, body_names: set[str]) -> EntitySpan:
    """A headline span that opens with a name the article's body tags, followed by words no body
    name has ("Whitney Houston Dies"), is that name."""
    body_words = {word for name in body_names for word in name.split()}
    for name in sorted(body_names, key=len, reverse=True):
        rest = piece.name[len(name) :]
        if piece.name.startswith(name) and rest.startswith(" ") and rest.split()[0] not in body_words:
            return dataclasses.replace(piece, text=piece.text[: len(name)], end=piece.start + len(name))
    return piece


def _headline_names(doc: Doc, span: EntitySpan, body_names: set[str]) -> list[EntitySpan]:
    """The names of a Title Case headline span: its first piece, and the later ones the body
    names too or that have two words ("Into Rehab" is no name)."""
    pieces = headline_pieces(doc, span)
    kept = pieces[:1] + [p for p in pieces[1:] if p.name in body_names or " " in p.name]
    return [_body_name_opening(piece, body_names) for piece in kept]


def ner_spans(doc: Doc) -> list[EntitySpan]:
    """spaCy's name entities, cleaned; capitalised common words opening a sentence are dropped,
    and Title Case headlines are cut at their verbs (`headline_pieces`)."""
    content = doc.text
    lowercase = _lowercase_words(doc)
    cleaned = [
        trimmed
        for ent in doc.ents
        if ent.label_ in NAME_LABELS
        and (span := clean_span(ent.text, ent.start_char, ent.label_))
        and (trimmed := _without_opening_function_word(doc, content, span))
    ]
    in_headlines = [on_title_case_line(content, span) for span in cleaned]
    body_names = {span.name for span, headline in zip(cleaned, in_headlines, strict=True) if not headline}
    found = []
    for span, headline in zip(cleaned, in_headlines, strict=True):
        pieces = _headline_names(doc, span, body_names) if headline else [span]
        for piece in pieces:
            if _common_word(doc, content, piece, lowercase):
                continue
            if not piece.title:
                piece = dataclasses.replace(piece, title=title_before(content, piece.start))
            found.append(piece)
    return found


def place_spans(doc: Doc, spans: list[EntitySpan]) -> list[EntitySpan]:
    """Places the tagger missed where the text says what they are: "the town of Mayadeen", and
    the place of a dateline ("DAMASCUS, Oct. 17 (Xinhua) --", "BELGRADE 1996-08-30")."""
    taken = [(s.start, s.end) for s in spans]
    found = []
    content = doc.text  # joined anew by spaCy at each access: read it once
    for match in itertools.chain(_NAMED_PLACE.finditer(content), _DATELINE.finditer(content)):
        start, end = match.span("name")
        if doc.char_span(start, end) is None or any(a < end and start < b for a, b in taken):
            continue
        found.append(EntitySpan(match.group("name"), "GPE", start, end))
    return sorted([*spans, *found], key=lambda s: s.start)


def _worth_propagating(name: str, lowercase: set[str]) -> bool:
    if len(name) < 2 or not any(ch.isupper() for ch in name):
        return False
    return " " in name or name.casefold() not in lowercase


def _shouted(content: str, start: int, end: int) -> bool:
    """Inside an all-capitals run ("THIS IS WAR"), where an acronym may be a plain word."""
    before = content[max(0, start - 12) : start].split()
    after = content[end : end + 12].split()
    neighbours = [w for w in (before[-1:] + after[:1]) if any(ch.isalpha() for ch in w)]
    return any(w.isupper() and len(w) > 1 for w in neighbours)


def propagate_names(
    doc: Doc, spans: list[EntitySpan], extra: dict[str, str] | None = None
) -> list[EntitySpan]:
    """Tag every recurrence of the article's names (and of `extra` names, e.g. from the alias file).

    A recurrence must fall on token boundaries; overlapping candidates are settled longest first,
    the tagger's own span winning a tie. Each name keeps the label it was tagged with most.
    """
    content = doc.text
    lowercase = _lowercase_words(doc)
    labels: dict[str, list[str]] = {}
    for span in spans:
        labels.setdefault(span.text, []).append(span.label)
    names = {name: vote(Counter(found)) for name, found in labels.items()}  # the same in every process
    for name, label in (extra or {}).items():
        if name in content:
            names.setdefault(name, label)
    names = {name: label for name, label in names.items() if _worth_propagating(name, lowercase)}
    candidates: list[tuple[EntitySpan, bool]] = [(span, True) for span in spans]
    if names:
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)"
        )
        for match in pattern.finditer(content):
            name = match.group()
            if doc.char_span(match.start(), match.end()) is None:
                continue
            if name.isupper() and _shouted(content, match.start(), match.end()):
                continue
            title = title_before(content, match.start())
            span = EntitySpan(name, names[name], match.start(), match.end(), title)
            candidates.append((span, False))
    return _settle_overlaps(candidates)


def _settle_overlaps(candidates: Iterable[tuple[EntitySpan, bool]]) -> list[EntitySpan]:
    ordered = sorted(candidates, key=lambda c: (-(c[0].end - c[0].start), not c[1], c[0].start))
    taken: list[EntitySpan] = []
    occupied = bytearray()
    for span, _ in ordered:
        if len(occupied) < span.end:
            occupied.extend(b"\0" * (span.end - len(occupied)))
        if any(occupied[span.start : span.end]):
            continue
        occupied[span.start : span.end] = b"\1" * (span.end - span.start)
        taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def context_label(content: str, span: EntitySpan) -> str | None:
    """The type the surrounding words give a mention, if they are clear about it."""
    if span.title:
        return "PERSON"
    before = content[max(0, span.start - 40) : span.start]
    after = content[span.end : span.end + 60]
    if _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after):
        return "GPE"
    if _IN_PLACE_BEFORE.search(before) and " " not in span.text and not span.text.isupper():
        return "GPE"  # "fighting in Raqqa": a one-word name right after "in" is a place
    role = _ROLE_BEFORE.search(before)
    if role and role.group(1) in ROLE_WORDS and " " in span.text:
        return "PERSON"
    role = _ROLE_AFTER.match(after)
    if role and role.group(1) in ROLE_WORDS and " " in span.text:
        return "PERSON"
    return None
