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
# Also phone numbers spelt in letters ("432-333-TIPS", "1-800-CALL-FBI (225-5324)"), software
# versions ("version 4.7", "versions 4.7 and earlier", "4.7.1"), and names made of a capitalised
# word and a number: models and channels after an acronym ("ATR 72-500", "CBS 7"), roads and
# other numbered places ("Highway 80", "Route 66"). An acronym before a currency code or a
# percent is left alone ("USD 500", "GDP 3%"). An ampersand may join the acronym ("S&P 500").
_CURRENCY_CODES = "USD|EUR|GBP|JPY|CNY|INR|CHF|CAD|AUD|RMB|HKD|SEK|NOK|DKK|RUB|BRL|ZAR|KRW|MXN|SGD"
NOT_QUANTITIES = re.compile(
    r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.]+"  # lookbehinds: one try per run
    r"|(?<![\w.-])(?:[\w-]++\.)++(?:com|org|net|gov|edu|info|io|co|uk)\b(?:/\S*)?"
    r"|\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}"
    r"|\(\d{3}\)\s?\d{3}[-.\s][A-Z]{4}\b(?:\s?\(\d{4}\))?"
    r"|(?i:(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?\d{4})"
    r"|\b[A-Z]{1,5}\.?,\s[+−-]\d+(?:\.\d+)?%"
    r"|(?m:^[ \t]*\d+\s+(?:responses?|comments?|replies|shares)\b)"
    r"|\b\d{1,5}\s+block\s+of\b"
    r"|\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Highway|Boulevard|Blvd|Lane|Drive|Way)\b(?:(?<=Highway)\s\d{1,4}\b)?"
    r"|\(\d{2,4}\)\s?\d{3,4}[-.\s]\d{3,5}"
    r"|(?<![\w-])\d{2,5}[-.]\d{3,4}[-.]\d{3,5}(?![\w-])"
    r"|(?<![\w-])(?:1-)?\d{3}-(?:\d{3}-)?[A-Z]{3,}(?:-[A-Z]{2,})*+\b(?:\s?\(\d{3}-\d{4}\))?"
    r"|(?i:\bversions?\s+)\d+(?:\.\d+)*+(?:\s+(?:and|or|to)\s+\d+(?:\.\d+)*+)?"
    r"|(?<![\w.])\d{1,3}(?:\.\d{1,3}){2,}+(?![\w.])"
    rf"|\b(?!(?:{_CURRENCY_CODES})\b)[A-Z](?:[A-Z]|&(?=[A-Z])){{1,4}}\s\d+(?:-\d+)?(?![\w.,:-]|\s?(?:%|(?i:percent|per\s?cent)\b))"
    r"|\b(?:Highway|Route|Interstate|Channel|Flight|Gate|Terminal|Platform)\s\d+\b"
    r"|(?m:^[ \t]*\d{1,3}[.)](?=\s))"  # list markers of comment threads: "1. There you go"
    r"|(?<![\d,.])\d{8,}"
    r"|(?<![\d,.:-])0\d+(?![:\d]|\.\d+\s+seconds?\b)"  # a leading zero is a code, not "04.69 seconds"
    r"|(?<![\w-])(?!(?:mid|pre|post|early|late)-)[A-Za-z]+[-/]?\d[\w/-]*"
)
