"""Add what the parse knows to each mention: the thing counted, the verb, the sentence.

"1,130 civilians, have been killed" -> counted "civilian", verb "kill". Works on the shared spaCy
`Doc` of the article (see `newsdesk.plugins.nlp`); it never parses anything itself. The
parse also settles two lexical doubts: a word ordinal must be tagged ORDINAL ("a second" is a
unit of time), and a lone "one" must count a noun ("one of them" is not a figure).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from newsdesk.plugins.builtin.numbers.reading.parse_values import ORDINAL_WORDS
from newsdesk.plugins.builtin.numbers.reading.qualifiers import qualified
from newsdesk.plugins.builtin.numbers.reading.relative_dates import in_future
from newsdesk.plugins.builtin.numbers.schema import Mention

_NOUNS = frozenset({"NOUN", "PROPN"})
_NUMBER_LINKS = frozenset({"nummod", "quantmod", "compound", "amod", "appos", "npadvmod", "nmod"})
# Nouns that are part of the number or its unit, never the thing counted.
_NOT_COUNTED = frozenset(
    ("one", "ones", "hundred", "thousand", "million", "billion", "dozen", "percent", "cent", "year",
     "month", "week", "day", "hour", "minute", "second", "decade", "century", "time", "bpd")
)  # fmt: skip
_COUNTED_KINDS = frozenset({"count", "percent", "year", "rate"})
_RATE_AFTER = re.compile(
    r"\s+(?:times\s+)?(?:a|an|per|each|every)\s+(?P<unit>hour|day|week|month|year)\b", re.IGNORECASE
)
_MAX_CLIMB = 12
_BARE_NUMBER = re.compile(r"\d{1,4}")
_DECIMAL = re.compile(r"\d[\d,]*\.\d+")
_NAME_ENTITIES = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", "LAW"})
# Capitalised words a count may follow mid-sentence without being part of them: "Mr Wanless, 57" is
# an age (read before), "No 10" a rank.
_NOT_NAME_HEADS = frozenset({"No", "Number", "Mr", "Mrs", "Ms", "Dr"})


def attach_grammar(mentions: list[Mention], doc: Doc, reference: dt.date | None = None) -> list[Mention]:
    """The mentions, each with counted/verb/sentence filled in; dubious ones dropped.

    `reference` (the publication date) lets a relative date move forward when its verb is future.
    """
    out = []
    text = doc.text  # spaCy joins it anew at each access: once, not once per mention
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            out.append(mention)
            continue
        enriched = _enrich(mention, span, text)
        if enriched is not None and enriched.resolved and _is_future(span):
            enriched = in_future(enriched, reference)
        if enriched is not None:
            out.append(enriched)
    return out


def _is_future(span: Span) -> bool:
    """'will meet on Tuesday', 'is due to vote in May': the verb the date hangs from is ahead."""
    verb = _governing_verb(_number_root(span))
    if verb is None:
        return False
    helpers = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    return bool(helpers & {"will", "shall", "'ll"}) or (verb.head.lemma_ == "due" and verb.dep_ == "xcomp")


def _enrich(mention: Mention, span: Span, text: str) -> Mention | None:
    root = _number_root(span)
    sentence = span[0].sent
    if _names_a_thing(mention, span):
        return None
    if mention.text.lower() in ORDINAL_WORDS and not _is_word_ordinal(root):
        return None
    if mention.kind == "count" and mention.text.lower() == "one" and root.dep_ != "nummod":
        return None

    noun = _counted_noun(root) if mention.kind in _COUNTED_KINDS else None
    if mention.kind == "year":
        if noun is None or not _counts_as_plural(noun, root):
            noun = None
        else:  # "2000 people" is a head count, "the 2014 elections" stays a year
            mention = qualified(text, dataclasses.replace(mention, kind="count"))
    if mention.kind == "count" and noun is None and _DECIMAL.fullmatch(mention.text):
        mention = dataclasses.replace(mention, kind="quantity")  # "edged up to 102.5": a level, not a count
    if mention.kind == "count" and (rate := _rate_unit(text, mention, noun)) is not None:
        mention = dataclasses.replace(mention, kind="rate", unit=f"per {rate}")
    verb = _governing_verb(noun if noun is not None else root)
    return dataclasses.replace(
        mention,
        counted=_counted_lemma(noun) if noun is not None else None,
        verb=verb.lemma_.lower() if verb is not None else None,
        sentence_start=sentence.start_char,
        sentence_end=sentence.end_char,
    )


def _names_a_thing(mention: Mention, span: Span) -> bool:
    """'Radio 2', 'Windows 11', 'Boeing 737': a bare number that is part of a name, not a count.

    Either the tagger puts it in a name (an organisation, product, building, work, event or law), or
    it follows a proper noun written with a capital mid-sentence and no common noun follows it
    ("Radio 2 but", yet "Britain 30 years ago" and "Tesco's 40 stores" are counts).
    """
    if mention.kind != "count" or mention.qualifier != "exact" or not _BARE_NUMBER.fullmatch(mention.text):
        return False
    token = span[0]
    if token.ent_type_ in _NAME_ENTITIES:
        return True
    doc = token.doc
    previous = doc[token.i - 1] if token.i > 0 else None
    if (
        previous is None
        or previous.is_sent_start
        or previous.pos_ != "PROPN"
        or not previous.text[:1].isupper()
    ):
        return False
    if previous.ent_type_ in ("DATE", "TIME") or previous.text in _NOT_NAME_HEADS:
        return False
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is None or not (following.pos_ in ("NOUN", "ADJ", "NUM") and following.text.islower())


def _is_word_ordinal(token: Token) -> bool:
    """'the first time', 'a second week' yes; 'wait a second' (a unit of time), 'first rose' no."""
    if _before_superlative(token):  # "the second largest", "the world's fifth-largest"
        return True
    if token.ent_type_ != "ORDINAL" and not (token.dep_ == "amod" and token.head.pos_ in _NOUNS):
        return False
    if token.dep_ == "advmod":
        return False
    return not (
        token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children)
    )


def _before_superlative(token: Token) -> bool:
    following = [t for t in token.doc[token.i + 1 : token.i + 3] if t.text != "-"]
    return bool(following) and (following[0].tag_ == "JJS" or following[0].lower_.endswith("est"))


def _number_root(span: Span) -> Token:
    """The token that carries the number in the tree ("A dozen" -> "dozen", not the article)."""
    root = span.root
    if root.pos_ in ("NUM", *_NOUNS) and root.dep_ != "det":
        return root
    numeric = [token for token in span if token.pos_ == "NUM" or token.like_num]
    return numeric[-1] if numeric else span[-1]


def _counted_noun(root: Token) -> Token | None:
    """The noun a number counts: its head ("1,130 civilians") or its of-object ("hundreds of X")."""
    token = root
    for _ in range(_MAX_CLIMB):  # "300-400", "1.5 million": climb to the last number word
        if token.dep_ in _NUMBER_LINKS | {"conj"} and token.head.pos_ == "NUM" and token.head is not token:
            token = token.head
        else:
            break
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and _is_counted(objects[0]):
                return objects[0]
            return None
    if token.dep_ in _NUMBER_LINKS and token.head is not token and _is_counted(token.head):
        return token.head
    return _noun_past_modifiers(token)


def _noun_past_modifiers(token: Token) -> Token | None:
    """'the 50 least powerful people': the number hangs on 'least'; the noun its words modify counts.

    Not through a hyphen: a 'two-legged predator' is one predator.
    """
    if token.dep_ not in ("advmod", "npadvmod") or token.head.pos_ not in ("ADJ", "ADV"):
        return None
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-":
        return None
    modifier = token.head
    for _ in range(3):
        if modifier.dep_ not in ("amod", "advmod") or modifier.head is modifier:
            return None
        modifier = modifier.head
        if modifier.pos_ in _NOUNS:
            return modifier if _is_counted(modifier) else None
    return None


def _is_counted(token: Token) -> bool:
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if token.is_upper and len(token) > 1 and following is not None and following.like_num:
        return False  # a model name, "15 new ATR 72-500": the acronym names the thing, it is not counted
    return token.pos_ in _NOUNS and token.lemma_.lower() not in _NOT_COUNTED


def _counted_lemma(noun: Token) -> str:
    """The lemma, whole for a hyphenated noun the tokenizer split ("four co-stars" -> "co-star")."""
    doc = noun.doc
    if noun.i + 2 < len(doc) and not noun.whitespace_ and doc[noun.i + 1].text == "-":
        hyphen, rest = doc[noun.i + 1], doc[noun.i + 2]
        if not hyphen.whitespace_ and rest.pos_ == "NOUN":
            return f"{noun.lower_}-{rest.lemma_.lower()}"
    return noun.lemma_.lower()


def _counts_as_plural(noun: Token, number: Token) -> bool:
    determined = any(child.dep_ in ("det", "poss") for child in noun.children)
    return noun.tag_ in ("NNS", "NNPS") and number.dep_ == "nummod" and not determined


def _rate_unit(text: str, mention: Mention, noun: Token | None) -> str | None:
    """'10,000 people a day' -> 'day': a count per unit of time, right after the number or noun."""
    for end in (mention.end, noun.idx + len(noun.text) if noun is not None else None):
        if end is not None and (match := _RATE_AFTER.match(text, end)):
            return match.group("unit").lower()
    return None


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb above the counted thing; a reduced relative ("people displaced") first."""
    for child in token.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and child.i > token.i:
            return child
    for _ in range(_MAX_CLIMB):
        if token.head is token:
            return None
        token = token.head
        # "including" heads a prepositional phrase; "captured soldiers" is an adjective.
        if token.pos_ == "VERB" and token.dep_ not in ("prep", "amod"):
            return token
    return None
