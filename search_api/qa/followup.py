"""Follow-up questions: "And how long did it last?" read against the question before it.

A question that leans on the conversation (a pronoun standing for what was asked about, a bare
"What about X?", or an "And ..." with no subject of its own) is rewritten into a whole question:

    resolve("And how long did it last?", ["How many civilians were killed in the battle for Raqqa?"], model)
    # "how long did the battle for Raqqa last?"
    resolve("What about fighters?", ["How many civilians were killed in the battle for Raqqa?"], model)
    # "How many fighters were killed in the battle for Raqqa?"
    resolve("What about the coalition?", ["Who is the spokesman of the SDF?"], model)
    # "Who is the spokesman of the coalition?"
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from newsdesk.plugins.nlp import parse
from newsdesk.search_api.qa.question import _NAME_LABELS, _counted

_PRONOUNS = frozenset(
    {"it", "its", "they", "them", "their", "this", "that", "there", "he", "she", "him", "his", "her"}
)
_WHAT_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?P<rest>.+?)\s*\??\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:and|also|so)\s*,?\s+", re.IGNORECASE)
_PEOPLE = frozenset({"he", "she", "him", "his", "her"})


def _phrase(token: Token) -> str:
    """A noun with what hangs on it: "the battle for Raqqa"."""
    words = list(token.subtree)
    return " ".join(t.text for t in words if not t.is_punct).strip()


def topic(doc: Doc, people: bool = False) -> str | None:
    """What a question is about: the largest noun phrase that is not the thing counted or asked."""
    counted = _counted(doc)
    best: Span | Token | None = None
    best_size = 0
    for token in doc:
        if token.pos_ not in {"NOUN", "PROPN"} or token is counted or token.dep_ == "compound":
            continue
        if people and token.ent_type_ != "PERSON":
            continue
        if token.head.pos_ in {"NOUN", "PROPN"} and token.head is not counted and token.head is not token:
            continue  # inside a larger phrase, which is considered instead
        size = sum(1 for _ in token.subtree) + 3 * any(t.ent_type_ for t in token.subtree)
        if size > best_size:
            best, best_size = token, size
    if best is None:
        return None
    return _phrase(best) if isinstance(best, Token) else best.text


def needs_context(doc: Doc) -> bool:
    lowered = doc.text.lower()
    if _WHAT_ABOUT.match(lowered) or _AND.match(lowered):
        return True
    return any(t.lower_ in _PRONOUNS and t.dep_ != "expl" for t in doc)


def resolve(question: str, history: Sequence[str], model: str) -> str:
    """The question made whole from the last earlier question, or unchanged when it stands alone."""
    if not history:
        return question
    doc, previous = parse([question.strip(), history[-1].strip()], model)
    if not needs_context(doc):
        return question
    what_about = _WHAT_ABOUT.match(question)
    if what_about:
        return _substitute(previous, what_about.group("rest"))
    people = any(t.lower_ in _PEOPLE for t in doc)
    about = topic(previous, people=people) or topic(previous)
    if about is None:
        return question
    pronoun = next((t for t in doc if t.lower_ in _PRONOUNS and t.dep_ != "expl"), None)
    text = _AND.sub("", question.strip())
    if pronoun is not None:
        possessive = pronoun.lower_ in {"its", "their", "his", "her"} and pronoun.dep_ == "poss"
        replacement = f"{about}'s" if possessive else about
        offset = pronoun.idx - (len(question.strip()) - len(text))
        text = text[:offset] + replacement + text[offset + len(pronoun.text) :]
    else:
        text = f"{text.rstrip('?').rstrip()} in {about}?"
    return text[0].upper() + text[1:]


def _substitute(previous: Doc, replacement: str) -> str:
    """ "What about X?": the previous question asked of X instead of its counted thing or topic."""
    counted = _counted(previous)
    if counted is not None:
        first = min(
            t.i for t in counted.subtree if t.i <= counted.i and t.lower_ not in {"how", "many", "much"}
        )
        span = previous[first : counted.i + 1]
    elif names := [ent for ent in previous.ents if ent.label_ in _NAME_LABELS and _is_name(ent)]:
        # "Who is the spokesman of the SDF?" + "What about the coalition?": another name, same role
        span = names[-1]
    else:
        about = topic(previous)
        match = re.search(re.escape(about), previous.text) if about else None
        if match is None:
            return f"{previous.text.rstrip('?').rstrip()} ({replacement})?"
        return previous.text[: match.start()] + replacement + previous.text[match.end() :]
    text = previous.text
    if re.search(r"\b(?:the|a|an|many|much)\s+$", text[: span.start_char], re.IGNORECASE):
        replacement = re.sub(r"^(?:the|a|an)\s+", "", replacement, flags=re.IGNORECASE)  # no "the the"
    return text[: span.start_char] + replacement + text[span.end_char :]


def _is_name(ent: Span) -> bool:
    """A name the question is about, not its subject ("When did IS capture Raqqa?": Raqqa), nor
    a tagger's run-on ("Islamic State capture Raqqa")."""
    return ent.root.dep_ not in {"nsubj", "nsubjpass"} and all(
        t.pos_ in {"PROPN", "NOUN", "DET", "ADP", "ADJ", "PUNCT", "CCONJ", "NUM", "PART"} for t in ent
    )
