"""One entity mention, and the cleaning of the noise a tagger leaves around it.

spaCy's spans come with leading articles ("the Islamic State"), possessives ("Raqqa’s"), line
breaks that glue two lines together ("Hind Abyad\\nHind"), words of the sentence ("Isis inside
Raqqa", "Xinhua the"), page furniture ("Hind Abyad Avatar") and honorifics ("Col Dillon").
`clean_span` trims all of it, keeping `start`/`end` pointing at the text that is left.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from newsdesk.plugins.builtin.entities.names import ARABIC_PARTICLES

# Honorifics that only ever stand before a person's name.
PERSON_TITLES = frozenset(
    {
        "col", "colonel", "lt", "lieutenant", "gen", "sgt", "sergeant", "capt", "cpl", "corporal",
        "maj", "adm", "admiral", "brig", "cmdr", "commander", "sen", "senator", "rep", "congressman",
        "congresswoman", "gov", "governor", "mr", "mrs", "ms", "dr", "prof", "professor", "president",
        "vice-president", "pm", "premier", "chancellor", "ambassador", "mayor", "sheikh", "sir", "dame",
        "rev", "reverend", "pope", "ayatollah", "imam", "minister", "secretary", "spokesman",
        "spokeswoman", "spokesperson", "officer", "detective", "inspector", "chief", "sheriff", "deputy",
        "coach", "pastor", "rabbi", "cardinal", "bishop", "archbishop", "emir", "sultan", "crown",
    }
)  # fmt: skip
# Honorifics that are also the first word of other names ("General Motors", "Justice Department").
AMBIGUOUS_TITLES = frozenset(
    {"general", "major", "captain", "king", "queen", "prince", "princess", "lord", "lady", "judge",
     "justice", "father", "sister", "brother", "saint", "st", "vice", "prime", "foreign", "defense",
     "defence", "state", "first"}
)  # fmt: skip
# Lowercase words that may sit inside a name ("Save the Children", "Bank of England").
NAME_CONNECTORS = frozenset(
    {"of", "for", "and", "the", "de", "du", "da", "del", "della", "di", "van", "von", "der", "den",
     "la", "le", "les", "bin", "ibn", "bint", "abu", "y", "&", "in"}
    | ARABIC_PARTICLES
)  # fmt: skip
# Lowercase words that can open a name: "de Gaulle", "al Qaeda", "van Gogh".
NAME_PARTICLES = frozenset(
    {"de", "da", "di", "del", "della", "van", "von", "der", "du", "la", "le", "bin", "ibn"}
) | (ARABIC_PARTICLES)
# Page furniture that a tagger glues onto names: "Hind Abyad Avatar", "Video PlayerClose".
BOILERPLATE_WORDS = frozenset(
    {"avatar", "reply", "share", "tweet", "subscribe", "photo", "photos", "image", "images", "video",
     "playerclose", "getty", "newsletter", "advertisement", "click", "comments", "email", "print",
     "copyright", "login", "menu", "read", "more", "follow"}
)  # fmt: skip

_EDGE_JUNK = " \t\"“”‘’'()[]{},.;:-–—|*•/\\!?#"
# A final period a tagger keeps belongs to an abbreviation ("U.S.", "Corp."): it stays.
_RIGHT_JUNK = _EDGE_JUNK.replace(".", "")
_ABBREVIATION_END = re.compile(r"(?:\.\w+|\b\w{1,4})\.$")
_WORD = re.compile(r"\S+")
_POSSESSIVE_INSIDE = re.compile(r"(?:['’]s|(?<=s)['’])(?=\s)")
_POSSESSIVE_END = re.compile(r"(?:['’]s|['’])$")
_DEMONYM_BEFORE_ACRONYM = re.compile(r"[A-Z][a-z]+(?:ish|ian|ese|an|i)\s+(?=[A-Z]{2,8}$)")
_ACRONYM_GLUED = re.compile(r"\s*\(\s*[A-Z]{2,8}$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_NAMES_WITH_NUMBERS = frozenset({"PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "FAC"})
_URLISH = re.compile(r"(?:https?:|www\.|\.com\b|@)", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class EntitySpan:
    """A name in `content[start:end]` (== `text`) with its entity type and honorific, if any."""

    text: str
    label: str
    start: int
    end: int
    title: str = ""

    @property
    def name(self) -> str:
        """The span as a name: one line, single spaces."""
        return " ".join(self.text.split())


def _bare(word: str) -> str:
    return word.strip(".,").casefold()


def _is_name_word(word: str, numbers: bool = True) -> bool:
    """Has a capital ("Raqqa", "al-Mayadin", "ez-Zor", "3M", "iPhone"), or is a number."""
    if not any(ch.isalpha() for ch in word):
        return numbers and word.isdigit() and len(word) <= 4  # "Boeing 747", never "1996-08-30"
    return any(ch.isupper() for ch in word)


def _trim_words(text: str, label: str) -> tuple[int, int]:
    """Character range of `text` left after dropping sentence words and page furniture at the edges."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    numbers = label in _NAMES_WITH_NUMBERS  # "Apollo 11", not "Durham 114" (a score)
    is_name_word = functools.partial(_is_name_word, numbers=numbers)
    # Sentence words before the name go ("jihadist"), particles that open one stay ("de Gaulle").
    first = 0
    while first < len(words) and not is_name_word(words[first][2]):
        opens_name = first + 1 < len(words) and is_name_word(words[first + 1][2])
        if opens_name and _bare(words[first][2]) in NAME_PARTICLES:
            break
        first += 1
    # Cut at the first lowercase word that is not part of a name: "Isis inside Raqqa" -> "Isis".
    last = first
    for i in range(first, len(words)):
        word = words[i][2]
        if is_name_word(word):
            last = i
        elif _bare(word) not in NAME_CONNECTORS:
            break
    kept = words[first : last + 1]
    while kept and _bare(kept[-1][2]) in BOILERPLATE_WORDS | (PERSON_TITLES if len(kept) > 1 else set()):
        kept.pop()  # "Hind Abyad Avatar", "LAPD Cmdr"
    while kept and _bare(kept[0][2]) in BOILERPLATE_WORDS:
        kept.pop(0)
    if not kept:
        return 0, 0
    return kept[0][0], kept[-1][1]


def _peel_title(text: str, label: str) -> tuple[str, int, bool]:
    """Leading honorifics of `text`: (the title words, characters they take, is it surely a person)."""
    offset, sure = 0, False
    title_words: list[str] = []
    while True:
        match = re.match(r"(\S+)\s+", text[offset:])
        if match is None:
            break
        word = _bare(match.group(1))
        rest = text[offset + match.end() :]
        if not rest[:1].isupper():
            break
        if word in PERSON_TITLES:
            sure = True
        elif not (word in AMBIGUOUS_TITLES and (label == "PERSON" or title_words)):
            break
        title_words.append(match.group(1))
        offset += match.end()
    return " ".join(title_words), offset, sure


def clean_span(text: str, start: int, label: str) -> EntitySpan | None:
    """Trim a tagged span to the name it holds; None when no name is left.

    `start` is the offset of `text` in the article; the result's offsets point at the kept text.
    A span that starts with a person's honorific ("Col Dillon") becomes that person.
    """
    first_line = text.split("\n", 1)[0]
    glued = _ACRONYM_GLUED.search(first_line)
    if glued and glued.start() > 0:  # "... of Azawad (MNLA": the acronym it defines is not the name
        first_line = first_line[: glued.start()]
    possessive = _POSSESSIVE_INSIDE.search(first_line)
    if possessive:  # "Isis’ de facto capital" -> "Isis"
        first_line = first_line[: possessive.start()]
    lead = len(first_line) - len(first_line.lstrip(_EDGE_JUNK))
    body = _POSSESSIVE_END.sub("", first_line[lead:]).rstrip(_RIGHT_JUNK)
    begin, end = _trim_words(body, label)
    body = _POSSESSIVE_END.sub("", body[begin:end]).rstrip(_RIGHT_JUNK)
    if body.endswith(".") and not _ABBREVIATION_END.search(body):
        body = body[:-1]  # "left Raqqa." ends a sentence, "U.S." and "Corp." end abbreviations
    offset = start + lead + begin
    article = re.match(r"(?:the|The|THE)\s+", body)
    if article and len(body) > article.end():
        body, offset = body[article.end() :], offset + article.end()
    title, peeled, sure_person = _peel_title(body, label)
    if peeled:
        body, offset = body[peeled:], offset + peeled
        label = "PERSON" if sure_person else label
    demonym = _DEMONYM_BEFORE_ACRONYM.match(body)
    if demonym:  # "the Kurdish YPG" is the YPG
        body, offset = body[demonym.end() :], offset + demonym.end()
    if not body or not any(ch.isalpha() for ch in body) or _URLISH.search(body) or _INITIAL.match(body):
        return None
    return EntitySpan(text=body, label=label, start=offset, end=offset + len(body), title=title)


def title_before(content: str, start: int) -> str:
    """The honorific just before a name in the text ("Col." in "Col. Ryan Dillon"), or ""."""
    match = re.search(r"(?:^|[\s(“\"])((?:[A-Z][a-z]*\.?\s+){1,2})$", content[max(0, start - 40) : start])
    if match is None:
        return ""
    words = match.group(1).split()
    if _bare(words[-1]) in PERSON_TITLES:
        return " ".join(w for w in words if _bare(w) in PERSON_TITLES | AMBIGUOUS_TITLES)
    return ""
