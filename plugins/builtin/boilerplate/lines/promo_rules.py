"""Lines that address the reader or the page rather than tell the story: promos, links, menus, ads.

The rules describe shapes, not sites: an imperative plus a platform ("Join our Telegram channel"),
a pointer to other content ("Watch the video here."), a menu of interface words, a labelled link
to another story ("RELATED: ..."), the heading that opens reader comments.
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.boilerplate.words import normalise, word_count


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


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
# What may come before the promo verb: "For the latest news, follow ...", "And like us on ...",
# "More from WSJ.D: And make sure to visit ...". Then the line must address the reader.
_PROMO_LEAD_IN = re.compile(
    r"^(?:more from [^:]{2,40}:\s*)?(?:(?:and|also|so|plus|please)\s+|for [^,]{3,60},\s*"
    r"|(?:be|make) sure (?:to|you)\s+)+",
    re.IGNORECASE,
)
_LEAD_IN_VERB = re.compile(r"^(?:visit|add)\b", re.IGNORECASE)
_HANDLE = re.compile(r"(?:^|\s)@\w{2,}")
_READER_CUE = re.compile(r"\b(?:our|us|you|your|now|free|today|here)\b|!", re.IGNORECASE)
_CLICK_HERE = re.compile(
    r"\bclick here\b|\bsign up (?:for|to)\b|\bsubscribe (?:to|for|now)\b|\bcheck out our\b", re.IGNORECASE
)
# The small print of newsletter boxes, whatever their length.
_SIGN_UP_TERMS = re.compile(
    r"\bby signing up,? you agree\b|\byou (?:can|may) unsubscribe at any time\b", re.IGNORECASE
)
_READER_IMPERATIVE = re.compile(
    r"^(?:see|check out|discuss|read|watch|listen to|find|follow|view|browse|explore|visit|share|tell us)\b",
    re.IGNORECASE,
)
_IMPERATIVE_MAX_WORDS = 12
# "Watch ... here.", "Read the full blog here.", "Find more ... in the gallery": pointers to
# other content, addressed to the reader.
_POINTER = re.compile(
    r"^(?:watch|see|read|find|click|check out|listen to|view|follow)\b.{0,140}?"
    r"\b(?:here|below|above|in the gallery|on twitter|on facebook"
    r"|at the top of (?:the|this) (?:story|page|article))"
    r"[.!:]?\s*$|\bcheck back\b",
    re.IGNORECASE,
)
# "COURT DOCUMENTS: Headline Of Another Story" between paragraphs: a labelled link.
_LABELLED_LINK = re.compile(r"^[A-Z]{2,}(?: [A-Z]{2,}){0,2}:\s+\S")
_RELATED_INLINE = re.compile(
    r"^(?i:read more|also read|read also|see also|related|more|watch|listen)\s*:\s*\S"
    r"|^.*\S\s+Read more$"  # "Headline of another story Read more", the link's label after it
)
_NAV_PHRASES = frozenset(
    " ".join(phrase.split())
    for phrase in """you are here|skip to content|skip to main content|skip navigation|main menu|menu|home|
    back to top|share|share this|share this article|share this story|print|email|tweet|loading|close|search|
    log in|sign in|toggle navigation|next article|previous article|next story|previous story|read more|
    show more|load more|see more|more|related|see also|also read|read also|related stories|related articles|
    related content|related coverage|more stories|more news|you may also like|you might also like|
    recommended|recommended for you|top stories|editor's choice|editors' picks|most viewed|most read|
    most popular|most shared|trending|trending now|latest news|latest stories|popular|photos|video|
    now playing|story continued below|story continues below|article continues below|continue reading|
    videos|gallery|topics|tags|categories|follow us""".replace("\n", " ").split("|")
)
# A heading over a list of links to other stories: "Read more:", "More from CBC Manitoba:".
_LINK_LIST_HEADING = re.compile(
    r"^(?:read more|also read|read also|see also|related(?: stories| articles| content| coverage| links)?"
    r"|more (?:stories|news|coverage)|you (?:may|might) also like|recommended(?: for you)?"
    r"|more (?:from|on) .{2,40}(?=:))\s*:?$",
    re.IGNORECASE,
)
_LINK_LIST_HEADING_MAX_WORDS = 8
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
COMMENT_THREAD_START = re.compile(
    r"^(?:\d+\s+(?:responses?|comments?|replies|reactions|thoughts)\b(?:\s+(?:to|on)\b.*)?"
    r"|(?:leave|post|add|write|submit) (?:a|your) (?:reply|comment|response)"
    r"|(?:join|start) the (?:discussion|conversation)|(?:show|view|read|load|see) (?:all )?(?:\d+ )?comments"
    r"|(?:reader |user )?comments?(?:\s*\(\d+\))?|have your say|what do you think\??|discussion"
    r"|comments are closed\.?|responses)\s*:?$",
    re.IGNORECASE,
)


def is_comment_thread_start(text: str) -> bool:
    """A heading that opens reader comments: nothing after it is article text."""
    return word_count(text) <= 40 and bool(COMMENT_THREAD_START.match(text.strip()))


def is_advertisement(text: str) -> bool:
    norm = normalise(text)
    return norm in _ADVERT or bool(norm and set(norm.split()) <= _ADVERT_WORDS)


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
    if word_count(text) > 80:
        return False
    if _SIGN_UP_TERMS.search(text):
        return True
    if word_count(text) > 30:
        return False
    if _CLICK_HERE.search(text):
        return True
    if _REMINDER_PROMO.match(text) and (_PROMO_NOUN.search(text) or _EDITION_NOUN.search(text)):
        return True
    if lead_in := _PROMO_LEAD_IN.match(text):
        return _is_led_in_promo(text[lead_in.end() :])
    if not (_PROMO_VERB.match(text) and _PROMO_NOUN.search(text)):
        return False
    return bool(_PLATFORM.search(text) or _READER_CUE.search(text))


def _is_led_in_promo(rest: str) -> bool:
    """After a lead-in, a promo verb aimed at the reader ("like us", "follow @wsjd", "our feed").

    A platform alone is not enough here: "And like many fans on Twitter, she ..." reports.
    """
    if not (_PROMO_VERB.match(rest) or _LEAD_IN_VERB.match(rest)):
        return False
    handle = bool(_HANDLE.search(rest))
    return (handle or bool(_PROMO_NOUN.search(rest))) and (handle or bool(_READER_CUE.search(rest)))


def is_link_list_heading(text: str) -> bool:
    """A heading over links to other stories ("Related stories:", "More from CBC Manitoba:")."""
    return word_count(text) <= _LINK_LIST_HEADING_MAX_WORDS and bool(_LINK_LIST_HEADING.match(text.strip()))


def is_pointer(text: str) -> bool:
    """A short line that points the reader at other content ("Watch the full interview here.")."""
    return word_count(text) <= 25 and bool(_POINTER.search(text))


def is_related_inline(text: str) -> bool:
    """A link to another story behind a label: "Read more: ...", "Related: ..."."""
    return word_count(text) <= 30 and bool(_RELATED_INLINE.match(text))


def is_labelled_link(text: str) -> bool:
    """A headline behind a label in capitals, "COURT DOCUMENTS: ...", that is not a sentence."""
    return (
        word_count(text) <= 20
        and bool(_LABELLED_LINK.match(text))
        and not text.rstrip(" \"”’'").endswith(".")
    )


def is_reader_imperative(text: str) -> bool:
    """A short line that sends the reader elsewhere: "See more photos.", "Check out the auction!"."""
    return word_count(text) <= _IMPERATIVE_MAX_WORDS and bool(_READER_IMPERATIVE.match(text))
