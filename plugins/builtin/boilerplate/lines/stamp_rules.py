"""Lines about the article rather than of it: stamps, bylines, credits, rights, contacts, references.

These lines are removed from the body, but most say something worth keeping (when, by whom, whose
copyright), so `metadata.py` reads them with the patterns defined here.
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.boilerplate.words import has_sentence, word_count

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
DATE_WORDS = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS}|[ap]\.?m\.?|gmt|utc|bst|cet|cest|est|edt|pst|pdt|et|hkt|at|on)(?=\W|$)"
    r"|\d+(?:st|nd|rd|th)?",
    re.IGNORECASE,
)
_DATE_ANCHOR = re.compile(
    rf"\b{_MONTHS}(?=\W|$)|\d{{1,2}}[:.]\d\d|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}", re.IGNORECASE
)
# "Published"/"Updated" in the languages the stop-word lists cover, so foreign stamps parse too.
UPDATED_WORDS = (
    r"(?:last\s+)?(?:updated|modified)|(?:zuletzt\s+)?aktualisiert|mis\s+à\s+jour"
    r"|actualizado|aggiornato|bijgewerkt"
)
PUBLISHED_WORDS = (
    r"(?:first\s+)?published|posted|released|date|veröffentlicht|erschienen|publié|publicado"
    r"|pubblicato|gepubliceerd"
)
STAMP_KEY = re.compile(
    rf"^(?P<key>{UPDATED_WORDS}|{PUBLISHED_WORDS})\b(?:\s+(?:on|at|am|le|el|il|op))?\s*[:：|-]?",
    re.IGNORECASE,
)
_SOURCE_FIELD = re.compile(r"^source\s*[:：]", re.IGNORECASE)
_BARE_TIME = re.compile(r"^\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$", re.IGNORECASE)
_TRACKING_DIGITS = re.compile(r"\d{12,}")
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b)|\ball rights reserved\b|©\s*\d{4}", re.IGNORECASE)
_SYNDICATION = re.compile(
    r"^(?:visit\s+.{2,60}?\s+at\b|distributed by\b|syndicated by\b|(?:re)?printed with permission"
    r"|(?:this (?:article|story|piece) )?(?:was )?(?:originally|first) (?:published|appeared)\b"
    r"|this (?:article|story) (?:is|was) (?:published|republished|reproduced)\b"
    r"|this is an? (?:expanded|edited|abridged|updated|shortened|longer|shorter) version of\b"
    r"|(?:a version of )?this (?:article|story|review|piece|column) (?:first )?(?:appeared|ran)\b)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|story by|text by|author|reporter|von|par|por|di)\s*[:：]?\s+"
    r"(?P<names>[A-Z][\w.'’-]*(?:[\s,]+(?:and\s+|&\s+)?[A-Z][\w.'’-]*){0,8})"
    r"(?:\s+(?:in|for|at|from)\s+[A-Z][\w.,'’ -]{0,40})?\s*$",
)
_CONTRIBUTORS = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|research)\s+by\b"
    r"|\bcontributed (?:to (?:this|the) (?:report|story|article)|reporting)\b",
    re.IGNORECASE,
)
# "Contact Jane Doe at jdoe@example.com or at 202-555-0100.": how to reach the writer.
_CONTACT = re.compile(
    r"^(?:contact|e-?mail|reach|write to|you can (?:reach|contact|e-?mail|write to))\s+"
    r"(?:him|her|them|the (?:author|writer|reporter|columnist)|[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3})"
    r"\s+(?:at|via|on|by)\s",
    re.IGNORECASE,
)
# The lookbehind starts an address only where its local part starts: without it, a search of a
# long "a.a.a..." line re-scans the whole run from every character (quadratic).
_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}")
# A reference list entry: "Source: Doe J, Roe R, et al. Title. Journal. 2018;3(2)", or the
# Vancouver-style author list on its own.
_CITATION = re.compile(
    r"^(?i:sources?|references?|citations?|journal references?|study)\s*:\s.*"
    r"(?:\bet al\b|\bdoi\b|\b(?:19|20)\d\d\s*;\s*\d)"
    r"|^(?:[A-Z][\w'’-]+ [A-Z]{1,3},\s*){2,}",
)
_DISCLAIMER = re.compile(
    r"\bthe (?:opinions|views) expressed (?:here |in this \w+ )?"
    r"are (?:his|her|their|the author['’]s|those of)\b"
    r"|^the author is an? .{3,80}\b(?:columnist|contributor|professor|fellow)\b",
    re.IGNORECASE,
)
# A reviewer's or catalogue's info box flattened onto one line: "Country: X Release Date: Y ...".
_INFO_FIELD = re.compile(r"(?:^|\s)[A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20}){0,2}:\s")
_INFO_BOX_MIN_FIELDS = 4


def is_copyright(text: str) -> bool:
    return len(text) <= 200 and bool(_COPYRIGHT.search(text))


def is_syndication(text: str) -> bool:
    """Where else the article ran or who distributes it: "Originally published ...", "Visit X at"."""
    return len(text) <= 250 and bool(_SYNDICATION.match(text))


def is_tracking_id(text: str) -> bool:
    compact = "".join(text.split())
    digits = sum(c.isdigit() for c in compact)
    return bool(_TRACKING_DIGITS.search(compact)) and digits / len(compact) >= 0.8


def is_publish_stamp(text: str) -> bool:
    """A line that only says when (or where from) the article was published or updated."""
    n_words = word_count(text)
    if n_words > 25 or not any(c.isdigit() for c in text):
        return False
    if STAMP_KEY.match(text) or (_SOURCE_FIELD.match(text) and "|" in text):
        return True
    if not _DATE_ANCHOR.search(text):
        return False
    leftover = DATE_WORDS.sub(" ", text)
    return len(re.findall(r"[^\W\d_]{2,}", leftover)) <= 1


def is_bare_time(text: str) -> bool:
    """A clock time and nothing else ("10:20 p.m."): in a running story, a section marker."""
    return bool(_BARE_TIME.match(text.strip()))


def is_byline(text: str) -> bool:
    return word_count(text) <= 14 and bool(_BYLINE.match(text))


def byline_names(text: str) -> str | None:
    """The names part of a byline line ("By A and B" -> "A and B")."""
    match = _BYLINE.match(text)
    return match.group("names") if match else None


def is_contributors(text: str) -> bool:
    """Credits for help with the story ("Reporting by ...", "X contributed to this report.")."""
    n_words = word_count(text)
    return n_words <= 80 and bool(_CONTRIBUTORS.search(text)) and (text.startswith("(") or n_words <= 40)


def is_contact(text: str) -> bool:
    return word_count(text) <= 30 and bool(_CONTACT.match(text)) and bool(_ADDRESS.search(text))


def is_citation(text: str) -> bool:
    return word_count(text) <= 80 and bool(_CITATION.match(text))


def is_disclaimer(text: str) -> bool:
    return word_count(text) <= 40 and bool(_DISCLAIMER.search(text))


def is_info_box(text: str) -> bool:
    """Four or more "Key: value" fields and no sentence: a review's or catalogue's fact box."""
    return len(_INFO_FIELD.findall(text)) >= _INFO_BOX_MIN_FIELDS and not has_sentence(text)
