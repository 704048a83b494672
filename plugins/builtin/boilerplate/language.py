"""Stop words of a few languages: a cheap language guess and a prose signal that is not English-only.

The line classifier uses stop-word density to tell running prose from headlines and menus. With
English stop words alone, a German article would look like a menu; so density is measured with
the stop words of the language the whole document appears to be written in.
"""

from __future__ import annotations

import re


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _word_set(
        "the a an and or but of to in on at for with by from as is are was were be been has have had "
        "it its this that these those he she they we you i his her their our not no will would said "
        "which who what when where than then there after before about over into also"
    ),
    "de": _word_set(
        "der die das den dem des ein eine einer eines einem und oder aber nicht ist sind war waren "
        "hat haben wird werden mit von zu im in auf für an bei aus nach sich auch es sie er wir "
        "dass wie noch nur über am vom zum zur"
    ),
    "fr": _word_set(
        "le la les un une des du de et ou mais ne pas est sont était ont a avec pour dans sur par "
        "au aux en que qui il elle ils elles nous vous se ce cette ces son sa ses leur plus été "
        "après avant selon"
    ),
    "es": _word_set(
        "el la los las un una unos unas y o pero no es son fue eran ha han con para por en sobre "
        "del al de que se su sus lo le les como más este esta estos entre tras según muy ya"
    ),
    "it": _word_set(
        "il lo la i gli le un una uno e o ma non è sono era hanno ha con per in su da di del della "
        "dei delle al alla che si suo sua come più anche questo questa dopo secondo nel nella"
    ),
    "nl": _word_set(
        "de het een en of maar niet is zijn was waren heeft hebben wordt worden met van te in op "
        "voor aan bij uit na zich ook dat die er hij zij we als nog over om door naar"
    ),
    "pt": _word_set(
        "o a os as um uma uns umas e ou mas não é são foi eram tem têm com para por em sobre do da "
        "dos das de que se seu sua seus como mais este esta no na nos nas ao após segundo"
    ),
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MIN_WORDS_TO_GUESS = 20
_MIN_STOP_SHARE = 0.12


def words_of(text: str) -> list[str]:
    """Lower-cased alphabetic words, so digits and punctuation never count as stop words."""
    return [w.lower() for w in _WORD.findall(text)]


def guess_language(text: str) -> str | None:
    """The ISO 639-1 code whose stop words cover the most words, or None when nothing stands out."""
    words = words_of(text[:20_000])
    if len(words) < _MIN_WORDS_TO_GUESS:
        return None
    hits = {lang: sum(w in stops for w in words) for lang, stops in STOP_WORDS.items()}
    best = max(hits, key=lambda lang: hits[lang])
    return best if hits[best] / len(words) >= _MIN_STOP_SHARE else None


def stop_word_density(text: str, language: str | None) -> float | None:
    """Share of words that are stop words of `language`; None when the language is unknown."""
    if language not in STOP_WORDS:
        return None
    words = words_of(text)
    if not words:
        return 0.0
    stops = STOP_WORDS[language]
    return sum(w in stops for w in words) / len(words)
