"""Why a single line, on its own, is not article text: the reasons and the order they are tried in.

Each rule answers with a short machine reason (the values below), which ends up in
`boilerplate_removed`. The rules describe the *shape* of boilerplate rather than any one site's
wording, so they carry over to publishers the seeds never showed; they live by family in
`stamp_rules` (lines about the article), `promo_rules` (lines to the reader) and `media_rules`
(pictures, players, embeds).
"""

from __future__ import annotations

import re

from newsdesk.plugins.builtin.boilerplate.lines import media_rules, promo_rules, stamp_rules

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

# A table row as HTML extractors print one: "| cell | cell |".
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")


def line_reason(text: str) -> str | None:
    """Why `text` is plainly not article text on its own, or None when it might be."""
    if _TABLE_ROW.match(text):
        return None
    if text.strip() and not any(c.isalnum() for c in text):
        return SEPARATOR
    if stamp_rules.is_tracking_id(text):
        return TRACKING_ID
    if promo_rules.is_advertisement(text):
        return ADVERTISEMENT
    if stamp_rules.is_copyright(text):
        return COPYRIGHT
    if stamp_rules.is_publish_stamp(text):
        return PUBLISH_STAMP
    if stamp_rules.is_syndication(text):
        return SYNDICATION
    if promo_rules.is_promo(text):
        return PROMO
    if stamp_rules.is_disclaimer(text):
        return DISCLAIMER
    if promo_rules.is_navigation(text) or promo_rules.is_link_list_heading(text):
        return NAVIGATION
    if promo_rules.is_related_inline(text):
        return RELATED_HEADLINE
    if stamp_rules.is_byline(text):
        return BYLINE
    if stamp_rules.is_contributors(text):
        return CONTRIBUTORS
    if stamp_rules.is_contact(text):
        return CONTACT
    if stamp_rules.is_citation(text):
        return CITATION
    if media_rules.is_caption(text):
        return CAPTION
    if media_rules.is_embed(text):
        return EMBED
    if promo_rules.is_pointer(text):
        return PROMO
    if promo_rules.is_labelled_link(text):
        return RELATED_HEADLINE
    if stamp_rules.is_info_box(text):
        return INFO_BOX
    return None
