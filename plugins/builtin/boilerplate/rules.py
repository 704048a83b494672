"""Rules that recognise a single line as non-article text without looking at its neighbours.

Each rule answers with a short machine reason (the values below), which ends up in
`boilerplate_removed`. The rules describe the *shape* of boilerplate (an imperative plus a social
network, a copyright sign, a key followed by a date, a run of digits) rather than any one site's
wording, so they carry over to publishers the seeds never showed.
"""

from __future__ import annotations

import re

PROMO = "promo"
NAVIGATION = "navigation"
ADVERTISEMENT = "advertisement"
COMMENT_THREAD = "comment_thread"
COPYRIGHT = "copyright"
SYNDICATION = "syndication"
TRACKING_ID = "tracking_id"
PUBLISH_STAMP = "publish_stamp"
CAPTION = "caption"
CAPTION_REPEAT = "caption_repeat"
DUPLICATE = "duplicate"
RELATED_HEADLINE = "related_headline"
SECTION_LABEL = "section_label"
BYLINE = "byline"
CONTRIBUTORS = "contributors"
DATELINE = "dateline"
TITLE = "title"
FOOTER = "footer"
EMBED = "embed"
DISCLAIMER = "disclaimer"
INFO_BOX = "info_box"
SEPARATOR = "separator"
CONTACT = "contact"
CITATION = "citation"
# Reasons after which, at the end of an article, nothing more is article text.
FOOTER_REASONS = frozenset({"contributors", "copyright", "syndication", "tracking_id", "footer"})
BOILERPLATE = "boilerplate"


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


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

# A table row as HTML extractors print one: "| cell | cell |".
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
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
_PROMO_VERB = re.compile(
    r"^(?:join|follow|subscribe|sign up|register|download|get|click|tap|like|support|become|donate|"
    r"watch|listen|stay (?:informed|updated|up to date)|don['’]t miss|never miss|want more|be the first)\b",
    re.IGNORECASE,
)
_PROMO_NOUN = re.compile(
    r"\b(?:telegram|whatsapp|signal|newsletters?|facebook|twitter|instagram|youtube|tiktok|linkedin|"
    r"channel|podcasts?|app|alerts?|updates|premium|subscriptions?|subscriber|members?|membership|patreon|"
    r"inbox|feed|breaking news)\b",
    re.IGNORECASE,
)
_PLATFORM = re.compile(
    r"\b(?:telegram|whatsapp|newsletters?|facebook|twitter|instagram|youtube|tiktok|linkedin|podcasts?)\b",
    re.IGNORECASE,
)
# "Remember, you can buy the digital edition ...", "Don't forget to follow us ...": a reminder
# that opens with the promo verb one word later.
_REMINDER_PROMO = re.compile(
    r"^(?:remember|don['’]t forget|psst)\b,?\s+(?:that\s+)?(?:you can\s+|to\s+)?"
    r"(?:buy|download|subscribe|get|sign up|follow|pick up|grab|order|join|like)\b",
    re.IGNORECASE,
)
_EDITION_NOUN = re.compile(
    r"\b(?:digital edition|e-?edition|print edition|itunes|app store|google play|tablet|iphone|ipad)\b",
    re.IGNORECASE,
)
_READER_CUE = re.compile(r"\b(?:our|us|you|your|now|free|today|here)\b|!", re.IGNORECASE)
_CLICK_HERE = re.compile(
    r"\bclick here\b|\bsign up (?:for|to)\b|\bsubscribe (?:to|for|now)\b|\bcheck out our\b", re.IGNORECASE
)
# The small print of newsletter boxes, whatever their length.
_SIGN_UP_TERMS = re.compile(
    r"\bby signing up,? you agree\b|\byou (?:can|may) unsubscribe at any time\b", re.IGNORECASE
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
_READER_IMPERATIVE = re.compile(
    r"^(?:see|check out|discuss|read|watch|listen to|find|follow|view|browse|explore|visit|share|tell us)\b",
    re.IGNORECASE,
)
_IMPERATIVE_MAX_WORDS = 12
# "Contact Jane Doe at jdoe@example.com or at 202-555-0100.": how to reach the writer.
_CONTACT = re.compile(
    r"^(?:contact|e-?mail|reach|write to|you can (?:reach|contact|e-?mail|write to))\s+"
    r"(?:him|her|them|the (?:author|writer|reporter|columnist)|[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3})"
    r"\s+(?:at|via|on|by)\s",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}")
# A reference list entry: "Source: Doe J, Roe R, et al. Title. Journal. 2018;3(2)", or the
# Vancouver-style author list on its own.
_CITATION = re.compile(
    r"^(?i:sources?|references?|citations?|journal references?|study)\s*:\s.*"
    r"(?:\bet al\b|\bdoi\b|\b(?:19|20)\d\d\s*;\s*\d)"
    r"|^(?:[A-Z][\w'’-]+ [A-Z]{1,3},\s*){2,}",
)
# A credit with no spaces round its slash: "Lee Berger et al/eLife Journal".
_SLASH_CREDIT = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s(?:[A-Z][\w.'’-]*|et|al\.?|de|van|von|der|da)){1,3}"
    r"/[A-Za-z][\w.'’-]*(?:\s(?:[A-Z][\w.'’-]*|of|the|and|for)){0,3}$"
)
# Text of an embedded tweet: its picture link is printed with it.
_TWEET_MEDIA = re.compile(r"\bpic\.twitter\.com/\w+", re.IGNORECASE)
_BARE_TIME = re.compile(r"^\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$", re.IGNORECASE)
# "COURT DOCUMENTS: Headline Of Another Story" between paragraphs: a labelled link.
_LABELLED_LINK = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,}){0,2}:\s+\S")
_NAV_PHRASES = frozenset(
    """you are here|skip to content|skip to main content|skip navigation|main menu|menu|home|back to top|
    share|share this|share this article|share this story|print|email|tweet|loading|close|search|log in|
    sign in|toggle navigation|next article|previous article|next story|previous story|read more|show more|
    load more|see more|more|related|see also|also read|read also|related stories|related articles|
    related content|related coverage|more stories|more news|you may also like|you might also like|
    recommended|recommended for you|top stories|editor's choice|editors' picks|most viewed|most read|
    most popular|most shared|trending|trending now|latest news|latest stories|popular|photos|video|
    now playing|    story continued below|story continues below|article continues below|continue reading|
    videos|gallery|topics|tags|categories|follow us""".replace("\n", " ").split("|")
)
_NAV_PHRASES = frozenset(" ".join(p.split()) for p in _NAV_PHRASES)
_ADVERT = frozenset({"advertisement", "advertising", "sponsored", "sponsored content", "ad", "promoted"})
_ADVERT_WORDS = frozenset(w for phrase in _ADVERT for w in phrase.split())
_UI_WORDS = _word_set(
    """video player close play pause share tweet email e-mail print menu comments comment gallery photo
    photos image images audio mute unmute fullscreen next previous prev more save copy link facebook
    twitter whatsapp linkedin pinterest reddit expand collapse toggle navigation search subscribe login
    log in sign up out home top back to skip content view show hide enlarge caption credit replay watch
    listen now loading this article story on text size font reset zoom"""
)
_CAMEL_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z])")
_BREADCRUMB_SPLIT = re.compile(r"\s*[>›»|]\s*")
_RELATED_INLINE = re.compile(
    r"^(?:read more|also read|read also|see also|related|more|watch|listen)\s*:\s*\S", re.IGNORECASE
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
_PHOTO_CREDIT = re.compile(
    r"^(?:photo|image|picture|file photo|photograph|credit|pictured)\s*(?:credit)?\s*[:：]"
    r"|(?-i:\((?:AP|AFP|Reuters|REUTERS|EPA|Getty)\b[^)]*\))\s*$|\bgetty images\b|\bap photo\b"
    r"|\bimage (?:copyright|caption)\b|\bmedia caption\b|\bphotograph:|[\[(]photo\s*[:/]|\bcredit:\s"
    r"|(?:toggle|hide) caption\b",
    re.IGNORECASE,
)
# The shapes of a photo caption that carry no credit keyword: AP's "In this ... photo" opening,
# a gallery counter ("1 of 6."), a cut-off caption ending in its agency, or a leading credit
# ("Jane Doe / AFP ...") or a trailing one ("(Jane Doe/Getty Images)").
_CAPTION_SHAPE = re.compile(
    r"^(?i:in this\b.{0,60}?\b(?:file )?(?:photos?|images?|pictures?|photographs?|frame grabs?)\b)"
    r"|^(?i:(?:this|these)\b[^.]{0,60}?\b(?:photos?|images?|pictures?|photographs?|screengrabs?|"
    r"frame grabs?|handout)\b(?:\s+(?:made|taken|provided|released|shows?)\b|,))"
    r"|^\d{1,3} of \d{1,3}\.\s"
    r"|(?:…|\.\.\.)\s*\([A-Z][^()]{1,40}\)\s*$"
    r"|^(?:[A-Z][\w.'’-]*\s){1,4}/\s(?:via\s|[A-Z])"
    r"|\((?![^()]*(?:https?:|www\.))[A-Z][^()]{0,60}/\s?(?:for\s)?[A-Z][^()]{0,60}\)\s*$"
    r"|[.)]\s+\|\s+(?:Getty|Reuters|AP|AFP|EPA|Bloomberg|[A-Z][\w.'’-]+ [A-Z][\w.'’-]+/)",
)
# A page's media players and link boxes, glued to their first line: "EMBED More News Videos",
# "LISTEN: ...", "PHOTOS: ...". Only in capitals, as players print them.
_GALLERY = re.compile(r"\bback to gallery\b|\b\d{1,3} / \d{1,3} (?=back\b)", re.IGNORECASE)
_MEDIA_MARKER = re.compile(
    r"^(?:EMBED|VIDEO|VIDEOS|WATCH|LISTEN|CLOSE|PHOTOS?|GALLERY|RELATED|JUST WATCHED|MUST WATCH)\b\s*:?\s"
)
# An embedded tweet ends with its signature: "— Name (@handle) December 16, 2017".
_TWEET_SIGNATURE = re.compile(r"[—–-]\s*[^—–]{1,80}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4}\s*$")
# "Watch ... here.", "Read the full blog here.", "Find more ... in the gallery": pointers to
# other content, addressed to the reader.
_POINTER = re.compile(
    r"^(?:watch|see|read|find|click|check out|listen to|view|follow)\b.{0,140}?"
    r"\b(?:here|below|above|in the gallery|on twitter|on facebook"
    r"|at the top of (?:the|this) (?:story|page|article))"
    r"[.!:]?\s*$|\bcheck back\b",
    re.IGNORECASE,
)
COMMENT_THREAD_START = re.compile(
    r"^(?:\d+\s+(?:responses?|comments?|replies|reactions|thoughts)\b(?:\s+(?:to|on)\b.*)?"
    r"|(?:leave|post|add|write|submit) (?:a|your) (?:reply|comment|response)"
    r"|(?:join|start) the (?:discussion|conversation)|(?:show|view|read|load|see) (?:all )?(?:\d+ )?comments"
    r"|(?:reader |user )?comments?(?:\s*\(\d+\))?|have your say|what do you think\??|discussion"
    r"|comments are closed\.?|responses)\s*:?$",
    re.IGNORECASE,
)


def normalise(text: str) -> str:
    """Lower-cased, apostrophes unified, punctuation at the ends and runs of whitespace dropped."""
    text = text.replace("’", "'").lower()
    return " ".join(text.split()).strip(" .:;,!?-–—|•·")


def word_count(text: str) -> int:
    """Words separated by spaces, plus one per two CJK characters (those scripts use no spaces)."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def is_comment_thread_start(text: str) -> bool:
    """A heading that opens reader comments: nothing after it is article text."""
    return word_count(text) <= 40 and bool(COMMENT_THREAD_START.match(text.strip()))


def is_tracking_id(text: str) -> bool:
    compact = "".join(text.split())
    digits = sum(c.isdigit() for c in compact)
    return bool(_TRACKING_DIGITS.search(compact)) and digits / len(compact) >= 0.8


def is_navigation(text: str) -> bool:
    """Menus, breadcrumbs and player chrome: short, no sentence, made of interface words."""
    norm = normalise(text)
    if norm in _NAV_PHRASES:
        return True
    n_words = word_count(text)
    segments = [s for s in _BREADCRUMB_SPLIT.split(text.strip()) if s]
    if len(segments) >= 3 and n_words <= 15 and all(word_count(s) <= 4 for s in segments):
        return True
    if n_words <= 6 and not text.rstrip().endswith((".", "?", "!")):
        words = normalise(_CAMEL_GLUE.sub(" ", text)).split()
        return bool(words) and all(w in _UI_WORDS for w in words)
    return False


def is_promo(text: str) -> bool:
    """An imperative aimed at the reader ("Join our channel"), not a sentence that reports one."""
    if _REMINDER_PROMO.match(text) and (_PROMO_NOUN.search(text) or _EDITION_NOUN.search(text)):
        return True
    if not (_PROMO_VERB.match(text) and _PROMO_NOUN.search(text)):
        return False
    return bool(_PLATFORM.search(text) or _READER_CUE.search(text))


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


def line_reason(text: str) -> str | None:
    """Why `text` is plainly not article text on its own, or None when it might be."""
    if _TABLE_ROW.match(text):
        return None
    if text.strip() and not any(c.isalnum() for c in text):
        return SEPARATOR
    n_words = word_count(text)
    norm = normalise(text)
    if is_tracking_id(text):
        return TRACKING_ID
    if norm in _ADVERT or (norm and set(norm.split()) <= _ADVERT_WORDS):
        return ADVERTISEMENT
    if len(text) <= 200 and _COPYRIGHT.search(text):
        return COPYRIGHT
    if is_publish_stamp(text):
        return PUBLISH_STAMP
    if len(text) <= 250 and _SYNDICATION.match(text):
        return SYNDICATION
    if (n_words <= 30 and (is_promo(text) or _CLICK_HERE.search(text))) or (
        n_words <= 80 and _SIGN_UP_TERMS.search(text)
    ):
        return PROMO
    if n_words <= 40 and _DISCLAIMER.search(text):
        return DISCLAIMER
    if is_navigation(text):
        return NAVIGATION
    if n_words <= 30 and _RELATED_INLINE.match(text):
        return RELATED_HEADLINE
    if n_words <= 14 and _BYLINE.match(text):
        return BYLINE
    if n_words <= 80 and _CONTRIBUTORS.search(text) and (text.startswith("(") or n_words <= 40):
        return CONTRIBUTORS
    if n_words <= 30 and _CONTACT.match(text) and _ADDRESS.search(text):
        return CONTACT
    if n_words <= 80 and _CITATION.match(text):
        return CITATION
    if n_words <= 60 and (_PHOTO_CREDIT.search(text) or _CAPTION_SHAPE.search(text)):
        return CAPTION
    if n_words <= 8 and _SLASH_CREDIT.match(text.strip()):
        return CAPTION
    if _GALLERY.search(text):
        return CAPTION
    if _MEDIA_MARKER.match(text) or _TWEET_SIGNATURE.search(text) or _TWEET_MEDIA.search(text):
        return EMBED
    if n_words <= 25 and _POINTER.search(text):
        return PROMO
    if n_words <= 20 and _LABELLED_LINK.match(text) and not text.rstrip(" \"”’'").endswith("."):
        return RELATED_HEADLINE
    if len(_INFO_FIELD.findall(text)) >= _INFO_BOX_MIN_FIELDS and not _has_sentence(text):
        return INFO_BOX
    return None


def is_tweet_text(text: str) -> bool:
    """A line that reads like a tweet's text: hashtags or handles, or a short link."""
    return bool(re.search(r"(?:^|\s|[.,])[#@]\w|\bhttps?://t\.co/", text))


def is_reader_imperative(text: str) -> bool:
    """A short line that sends the reader elsewhere: "See more photos.", "Check out the auction!"."""
    return word_count(text) <= _IMPERATIVE_MAX_WORDS and bool(_READER_IMPERATIVE.match(text))


def is_bare_time(text: str) -> bool:
    """A clock time and nothing else ("10:20 p.m."): in a running story, a section marker."""
    return bool(_BARE_TIME.match(text.strip()))


def _has_sentence(text: str) -> bool:
    """A run of at least eight words without a colon that ends with a full stop."""
    return bool(re.search(r"(?:^|[.!?]\s)[^:.!?]{40,}[.!?](?:\s|$)", text)) and word_count(text) > 8


def byline_names(text: str) -> str | None:
    """The names part of a byline line ("By A and B" -> "A and B")."""
    match = _BYLINE.match(text)
    return match.group("names") if match else None
