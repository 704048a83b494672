"""Words that give boilerplate away in five languages, by what the line wants from the reader.

The classifier learns how much each family weighs from labelled lines, which are mostly English; the
families carry that weight over to German, French, Spanish and Portuguese lines, whose own words
the hashed cues of `features` have rarely seen. Word stems: a word matches when it starts with one.
"""

from __future__ import annotations

import re

CUE_FAMILIES: dict[str, tuple[str, ...]] = {
    "consent": (
        "cookie", "privacy", "consent", "gdpr", "datenschutz", "einwillig", "zustimm", "confidentialit",
        "consentement", "privacidad", "consentimiento", "privacidade", "consentimento", "aceptar",
        "akzeptier", "accept", "termsofuse", "nutzungsbedingungen", "impressum", "mentions",
    ),
    "subscribe": (
        "subscri", "newsletter", "sign", "signup", "register", "login", "log", "abonn", "anmeld",
        "registrier", "inscri", "abonne", "suscrib", "suscripci", "regístr", "assin", "cadastr",
        "inscreva", "premium", "paywall", "unlimited", "digital",
    ),
    "app": (
        "app", "apps", "download", "herunterlad", "télécharg", "descarg", "baix", "ios", "android",
        "store",
    ),
    "comments": (
        "comment", "kommentar", "commentaire", "comentario", "comentário", "moderat", "community",
        "guidelines", "richtlinien", "reply", "antwort", "répondre", "responder", "responda",
        "leserbrief",
    ),
    "share": (
        "share", "teilen", "partag", "compart", "follow", "folg", "suivez", "síg", "sig", "siga",
        "facebook", "twitter", "whatsapp", "instagram", "linkedin", "pinterest", "email", "mail",
        "print", "drucken",
    ),
    "advert": (
        "advert", "anzeige", "werbung", "publicit", "publicidad", "publicidade", "sponsor", "promo",
    ),
    "related": (
        "related", "more", "read", "also", "weitere", "mehr", "lesen", "lire", "aussi", "leer", "más",
        "mais", "leia", "relacionad", "verwandt", "recommended", "empfohlen", "trending", "popular",
    ),
    "about": (
        "about", "author", "autor", "auteur", "bio", "contact", "kontakt", "contato", "contacto",
        "staff",
    ),
}  # fmt: skip


# One pattern per family over the words joined by spaces: a match is a word that starts with a stem.
_FAMILY_PATTERNS = [
    re.compile(r"(?:^| )(?:" + "|".join(map(re.escape, stems)) + ")") for stems in CUE_FAMILIES.values()
]


def cue_families(words: list[str]) -> list[float]:
    """For each family, in `CUE_FAMILIES` order: the share of `words` (lower-cased) that are its cues."""
    if not words:
        return [0.0] * len(CUE_FAMILIES)
    joined = " ".join(words)
    return [len(pattern.findall(joined)) / len(words) for pattern in _FAMILY_PATTERNS]
