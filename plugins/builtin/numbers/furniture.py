"""Digits that are not quantities: identifiers, contact details and page furniture.

Claimed before anything else is read, so none of their digits becomes a mention. Every pattern is
bounded or possessive, so a long run of digits or dashes costs linear time.
"""

from __future__ import annotations

import re

# Things that contain digits but are not quantities: links, e-mail, phone numbers (also spelt
# "(800) 222-TIPS (8477)"), tracking numbers, list markers, street blocks, and page furniture:
# copyright lines, share-price tickers ("BP, +0.60%"), comment counters ("6 responses to ...");
# and model or code names such as F-16, A380, H5N1 or COVID-19 ("mid-2014" is a year).
NOT_QUANTITIES = re.compile(
    r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.]+"  # lookbehinds: one try per run
    r"|(?<![\w.-])(?:[\w-]++\.)++(?:com|org|net|gov|edu|info|io|co|uk)\b(?:/\S*)?"
    r"|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}"
    r"|\(\d{3}\)\s?\d{3}[-.\s][A-Z]{4}\b(?:\s?\(\d{4}\))?"
    r"|(?i:(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?\d{4})"
    r"|\b[A-Z]{1,5}\.?,\s[+−-]\d+(?:\.\d+)?%"
    r"|(?m:^[ \t]*\d+\s+(?:responses?|comments?|replies|shares)\b)"
    r"|\b\d{1,5}\s+block\s+of\b"
    r"|\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Highway|Boulevard|Blvd|Lane|Drive|Way)\b"
    r"|\(\d{2,4}\)\s?\d{3,4}[-.\s]\d{3,5}"
    r"|(?<![\w-])\d{2,5}[-.]\d{3,4}[-.]\d{3,5}(?![\w-])"
    r"|(?m:^[ \t]*\d{1,3}[.)](?=\s))"  # list markers of comment threads: "1. There you go"
    r"|(?<![\d,.])\d{8,}"
    r"|(?<![\d,.:-])0\d+(?![:\d])"
    r"|(?<![\w-])(?!(?:mid|pre|post|early|late)-)[A-Za-z]+[-/]?\d[\w/-]*"
)
