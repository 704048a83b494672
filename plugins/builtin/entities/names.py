"""Keys under which differently written names of one thing meet.

Pure functions on strings, from strict to loose:

- `name_key`: case, diacritics, punctuation, a leading "the" and a possessive do not count
  ("The SDF's" and "sdf" meet).
- `translit_key`: also the spelling freedom of transliterated names: Arabic article particles
  ("al-", "el-", "ez-", a glued "Al"), vowels written several ways (o/u, e/i, ee/ou, ai/ei) and
  doubled letters ("Deir al-Zour", "Dair Alzour" and "Deir ez-Zor" all give "dir zur").
- `skeleton`: consonants only, to find candidates for a fuzzy comparison ("bkml" for both
  "Bukamal" and "Bukmal"); `same_spelling` then decides, token by token, with rapidfuzz.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Indel

from newsdesk.plugins.annotations import fold_ascii
from newsdesk.plugins.annotations import name_key as name_key  # the one key, shared with the host

ARABIC_PARTICLES = frozenset(
    {"al", "el", "ul", "il", "ad", "ed", "ar", "er", "as", "es", "ash", "at", "az", "ez", "an", "adh", "ath"}
)
# Written letter groups that transliterate the same sound, most specific first.
_VOWEL_FOLDS = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ai", "i"),
    ("ay", "i"),
    ("o", "u"),
    ("e", "i"),
)
_VOWELS = frozenset("aeiou")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
# Words an acronym usually skips: "Syrian Observatory for Human Rights" is SOHR.
_ACRONYM_SKIPS = frozenset({"of", "for", "and", "the", "in", "on", "de", "du", "des", "la", "le", "&", "to"})

# Token lengths under which two spellings must be equal to match: "Dan" and "Don" are two people.
MIN_FUZZY_TOKEN = 4
MIN_SWAPPED_WORD = 6
TOKEN_SIMILARITY = 0.85


def _fold_token(token: str) -> str:
    if len(token) > 3 and token.endswith("h") and token[-2] in _VOWELS:
        token = token[:-1]  # "Raqqah", "Hamah"
    for written, sound in _VOWEL_FOLDS:
        token = token.replace(written, sound)
    return re.sub(r"(.)\1+", r"\1", token)


def _drop_particles(tokens: list[str]) -> list[str]:
    kept = [t for i, t in enumerate(tokens) if not (t in ARABIC_PARTICLES and i + 1 < len(tokens))]
    # "Alzour": a glued "al" before a consonant, never on the first word ("Albert Hall" stays).
    return [
        t[2:] if i > 0 and len(t) > 4 and t.startswith("al") and t[2] not in _VOWELS else t
        for i, t in enumerate(kept)
    ]


@lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """Key that ignores transliteration freedom: "Deir al-Zour", "Dair Alzour" -> "dir zur"."""
    tokens = _drop_particles(name_key(name).split())
    return " ".join(_fold_token(t) for t in tokens)


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """Consonant outline of `translit_key`, the blocking key for fuzzy comparison."""
    outline = [t[0] + "".join(ch for ch in t[1:] if ch not in _VOWELS) for t in translit_key(name).split()]
    return " ".join(re.sub(r"(.)\1+", r"\1", t) for t in outline if t)


@lru_cache(maxsize=65536)
def same_spelling(a: str, b: str) -> bool:
    """Two transliterations of one name: equal token count, each token equal or a close variant.

    Short tokens must be equal; long ones must have the same consonant outline, first letter and
    ending (vowel or not), and be close (rapidfuzz normalised Indel similarity): "Bukamal"/"Bukmal"
    match, "Iran"/"Iraq", "Niger"/"Nigeria" and "Austria"/"Australia" do not. Words of six
    letters or more may also be a typing slip apart ("Holtmzan"/"Holtzman").
    """
    left, right = translit_key(a).split(), translit_key(b).split()
    if not left or len(left) != len(right):
        return False
    for x, y in zip(left, right, strict=True):
        if x == y or _one_swap(x, y):
            continue
        if min(len(x), len(y)) < MIN_FUZZY_TOKEN or x[0] != y[0] or skeleton(x) != skeleton(y):
            return False
        if (x[-1] in _VOWELS) != (y[-1] in _VOWELS):
            return False
        if Indel.normalized_similarity(x, y) < TOKEN_SIMILARITY:
            return False
    return True


def _one_swap(x: str, y: str) -> bool:
    """Two long words one typing slip apart: two neighbouring letters swapped ("Holtmzan")."""
    if len(x) != len(y) or len(x) < MIN_SWAPPED_WORD:
        return False
    diffs = [i for i, (a, b) in enumerate(zip(x, y, strict=True)) if a != b]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and x[diffs[0]] == y[diffs[1]]
        and x[diffs[1]] == y[diffs[0]]
    )


def slug(name: str) -> str:
    """URL-safe id part: "Deir ez-Zor" -> "deir-ez-zor"."""
    return _SLUG_JUNK.sub("-", fold_ascii(name).casefold()).strip("-") or "x"


def is_acronym(text: str) -> bool:
    """ "SDF", "SOHR", "U.N.": two to eight letters, all capitals."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def initials(long_form: str) -> frozenset[str]:
    """The acronyms a name of two words or more may be written as: its initials, with and without
    the skippable words ("Syrian Observatory for Human Rights" -> "sohr", "sofhr")."""
    words = [w for w in re.split(r"[\s\-]+", fold_ascii(long_form).casefold()) if w]
    if len(words) < 2:
        return frozenset()
    return frozenset({"".join(w[0] for w in words), "".join(w[0] for w in words if w not in _ACRONYM_SKIPS)})


def acronym_matches(acronym: str, long_form: str) -> bool:
    """Do the initials of `long_form` spell `acronym`? Skippable words ("of", "for") may be left out."""
    letters = acronym.replace(".", "").casefold()
    words = [w for w in re.split(r"[\s\-]+", fold_ascii(long_form).casefold()) if w]
    if letters in (w.replace(".", "") for w in words):
        return False  # "U.S." does not abbreviate "U.S. Senate"
    return letters in initials(long_form)


# Words that say what kind of thing a name is, not which: "Coty Inc." is Coty, "Euphrates River"
# the Euphrates, "William P. Brady Jr." William Brady, "Nantucket Police Department" the
# Nantucket Police (two words left at least). Never "City" or "State" ("Kansas City").
_ORG_DESIGNATORS = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "group", "company", "news"})
_PLACE_DESIGNATORS = frozenset({"river", "mountains", "lake", "sea", "ocean", "desert"})
_DESIGNATORS = {
    "ORG": _ORG_DESIGNATORS,
    "GPE": _PLACE_DESIGNATORS,
    "LOC": _PLACE_DESIGNATORS,
    "FAC": _PLACE_DESIGNATORS,
}
# Bodies written "Department of X" and "X Department" alike ("University of Reading").
_HEAD_FIRST = frozenset({"department", "ministry", "university", "college"})
# Kinds of care institution one place is called by turns: the Betty Ford Center is the Betty Ford
# Clinic; "Medical Center" and "Hospital" too.
_CARE_INSTITUTIONS = frozenset({"center", "centre", "clinic", "hospital"})
_PERSON_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md"})
_DEMONYM_ENDINGS = ("ish", "ian", "ese", "ic", "an", "i")


def demonym_stem(word: str) -> str:
    """ "Kurdish", "Kurds" -> "kurd"; "Egyptians" -> "egypt"; "Democratic" -> "democrat"."""
    word = word.removesuffix("s") if len(word) > 4 else word
    for ending in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _head_first(words: list[str]) -> list[str]:
    """ "Department of Commerce" as "Commerce Department", as news writes it too (not "U.S.
    Department of ...", whose last words are its short form: "Veterans Affairs")."""
    if len(words) > 2 and words[0] in _HEAD_FIRST and words[1] == "of":
        return [*words[2:], words[0]]
    return words


@lru_cache(maxsize=65536)
def core_key(name: str, label: str) -> str:
    """`name_key` without the words that only say what kind of name it is (see above), by the
    entity type; nationalities and groups by their stem ("Japanese-Americans" -> "japanese americ");
    a "the" inside a name does not count ("Liberation of the Azawad"), nor the order of a
    department's words ("Department of Commerce" -> "commerce department")."""
    words = [w for i, w in enumerate(name_key(name).split()) if w != "the" or i == 0]
    if label in ("ORG", "FAC"):
        words = _head_first(words)
        if words and words[-1] in _CARE_INSTITUTIONS:
            named = words[: -2 if words[-2:-1] == ["medical"] else -1]
            words = [*named, "clinic"] if named else words  # a bare "Medical Center" is any
    if label == "PERSON":
        words = [w for w in words if len(w) > 1 and w not in _PERSON_SUFFIXES] or words
    elif len(words) > 1 and words[-1] in _DESIGNATORS.get(label, ()):
        words = words[:-1]
    elif label == "ORG" and len(words) > 2 and words[-1] == "department":
        words = words[:-1]  # "Nantucket Police Department" is the Nantucket Police; "State Department" stays
    elif label == "NORP" and words:
        words = [*words[:-1], demonym_stem(words[-1])]
    return " ".join(words)
