"""Lines that belong to the page's pictures, players and embeds: captions, credits, galleries, tweets.

A flattened page prints a photo's caption and credit, a video player's controls and an embedded
tweet as lines of their own, between the paragraphs. Their shapes are regular: a credit in
brackets or after a slash, AP's "In this ... photo" opening, a gallery counter, a tweet's
"— Name (@handle) date" signature.
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.boilerplate.words import word_count

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
# A credit with no spaces round its slash: "Lee Berger et al/eLife Journal".
_SLASH_CREDIT = re.compile(
    r"^[A-Z][\w.'’-]*(?:\s(?:[A-Z][\w.'’-]*|et|al\.?|de|van|von|der|da)){1,3}"
    r"/[A-Za-z][\w.'’-]*(?:\s(?:[A-Z][\w.'’-]*|of|the|and|for)){0,3}$"
)
# A gallery's own label with its size: "Slideshow (2 Images)", "Photos: 12".
_MEDIA_COUNT = re.compile(
    r"^(?:slide ?show|(?:photo |image |video )?gallery|photos?|images?|pictures?|videos?)\s*[:(]?\s*"
    r"\d{1,3}\s*(?:images?|photos?|pictures?|slides?|videos?)?\s*\)?$",
    re.IGNORECASE,
)
# A figure's colour or position key: "... open-mouth (blue) or closed-mouth (red)", "Smith (left)".
_FIGURE_KEY = re.compile(
    r"\((?:left|right|cent(?:er|re)|top|bottom|above|below|inset|blue|red|green|yellow|orange|purple"
    r"|black|white|gr[ae]y|pink|brown)\)",
    re.IGNORECASE,
)
_FIGURE_KEY_MIN = 2
# The controls a photo-gallery or video player prints with its captions.
_PLAYER_CONTROL = re.compile(
    r"\b(?:full ?screen|autoplay|skip ad|buy photo|view photos|wait \d+ seconds? to continue)\b",
    re.IGNORECASE,
)
_PLAYER_CONTROLS_MIN = 3
_GALLERY = re.compile(r"\bback to gallery\b|\b\d{1,3} / \d{1,3} (?=back\b)", re.IGNORECASE)
# A page's media players and link boxes, glued to their first line: "EMBED More News Videos",
# "LISTEN: ...", "PHOTOS: ...". Only in capitals, as players print them.
_MEDIA_MARKER = re.compile(
    r"^(?:EMBED|VIDEO|VIDEOS|WATCH|LISTEN|CLOSE|PHOTOS?|GALLERY|RELATED|JUST WATCHED|MUST WATCH)\b\s*:?\s"
)
# An embedded tweet ends with its signature: "— Name (@handle) December 16, 2017".
_TWEET_SIGNATURE = re.compile(r"[—–-]\s*[^—–]{1,80}\(@\w{1,30}\)\s+\w+\.? \d{1,2}, \d{4}\s*$")
# Text of an embedded tweet: its picture link is printed with it.
_TWEET_MEDIA = re.compile(r"\bpic\.twitter\.com/\w+", re.IGNORECASE)
_TWEET_TEXT = re.compile(r"(?:^|\s|[.,])[#@]\w|\bhttps?://t\.co/")


def is_caption(text: str) -> bool:
    """A photo caption or credit, told by its credit or its shape."""
    n_words = word_count(text)
    if n_words <= 60 and (_PHOTO_CREDIT.search(text) or _CAPTION_SHAPE.search(text)):
        return True
    if n_words <= 8 and (_SLASH_CREDIT.match(text.strip()) or _MEDIA_COUNT.match(text.strip())):
        return True
    if n_words <= 60 and len({key.lower() for key in _FIGURE_KEY.findall(text)}) >= _FIGURE_KEY_MIN:
        return True
    return bool(_GALLERY.search(text))


def is_embed(text: str) -> bool:
    """A media player's text, or an embedded tweet's signature or picture link."""
    if len({control.lower() for control in _PLAYER_CONTROL.findall(text)}) >= _PLAYER_CONTROLS_MIN:
        return True
    return bool(_MEDIA_MARKER.match(text) or _TWEET_SIGNATURE.search(text) or _TWEET_MEDIA.search(text))


def is_tweet_text(text: str) -> bool:
    """A line that reads like a tweet's text: hashtags or handles, or a short link."""
    return bool(_TWEET_TEXT.search(text))
