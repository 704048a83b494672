"""Single news sentences as benchmark texts: locate them in the corpora and draw a blind batch.

A sentence id is `<document id>@<start>:<end>`, character offsets into the document's text as
`corpus.document_text` returns it (`agnews-test-00042` is an AG News description). The gold set
stores ids and offsets only, never the corpus text (research licences).

    .venv/bin/python -m benchmarks.numbers.sentences --seed 20261202   # blind3's sentences
    .venv/bin/python -m benchmarks.numbers.sentences --seed 20261203 --batch dev3 --per-domain 0 --per-form 8

draws, from documents in no other batch of the gold set, sentences of 60–320 characters that hold a
figure: `PER_DOMAIN` at random from each of six domains, and `PER_FORM` from each of the five hard
forms below (any domain), each sentence drawn once. The forms were fixed before the processor was
changed for them; the protocol is in docs/numbers.md.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from benchmarks.shared_data import corpus_records

GOLD = Path(__file__).with_name("gold.jsonl")
SHORTEST, LONGEST = 60, 320
PER_DOMAIN, PER_FORM = 10, 7

# Which corpus categories make each domain.
DOMAINS: dict[str, tuple[str, ...]] = {
    "money and markets": ("bbc:business", "ag:Business"),
    "sport": ("bbc:sport", "ag:Sports"),
    "science and tech": ("bbc:tech", "ag:Sci/Tech"),
    "politics and world": ("bbc:politics", "ag:World"),
    "entertainment": ("bbc:entertainment",),
    "general news": ("multi-news",),
}
_UNIT_SIGN = r"(?:[$£€]|US\$)"
_SCALE = r"(?:\s?(?:m|bn|k|million|billion|trillion))?"
# The hard forms the issue names, as patterns over the sentence text.
FORMS: dict[str, re.Pattern[str]] = {
    "range with a sign on both ends": re.compile(
        rf"\d\s?%\s*(?:to|-|–|and)\s*\d[\d.,]*\s?%|{_UNIT_SIGN}\d[\d.,]*{_SCALE}\s*(?:to|-|–|and)\s*{_UNIT_SIGN}\d"
        r"|\bbetween\s+\S*\d\S*\s+and\s+\S*\d"
    ),
    "magnitude suffix": re.compile(r"(?<![\w.$£€])\d+(?:\.\d+)?(?:m|bn|k|M|B|K)\b(?!\s?(?:metres|meters))"),
    "data size or rate": re.compile(
        r"\d\s?(?:GB|TB|MB|KB|kb|Mb|Gb|Mbps|Gbps|kbps|GHz|MHz|megabytes?|gigabytes?|terabytes?|megabits?)\b"
    ),
    "number inside a name": re.compile(
        r"\b(?:S&P\s500|FTSE\s(?:100|250)|G\d{1,2}\b|Nikkei(?:\s225)?|DAX|CAC[\s-]40|Fortune\s500|Formula\s(?:One|1)"
        r"|Windows\s(?:\d+|XP)|Xbox\s360|PlayStation\s?\d|PS\d|iPod|iPhone\s?\d|Boeing\s\d{3}|Airbus\sA\d{3}"
        r"|Channel\s\d|Radio\s\d|BBC\s(?:One|Two|1|2|3|4)|Top\s\d+|Euro\s\d{4}|World\sCup\s\d{4}|\w+\s\d{3,4}\b(?=\s[A-Z]))"
    ),
    "change from/to": re.compile(
        r"(?i)\b(?:ros[e]|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increas\w*|decreas\w*|climb\w*|dropp?\w*|jump\w*"
        r"|gr[eo]w\w*|slipp?\w*|declin\w*|cut|rais\w*|soar\w*|slump\w*|plung\w*|surg\w*|up|down)\b"
        r"[^.;]{0,40}\b(?:from\s+\S*\d[^.;]{0,30}\bto\s+\S*\d|to\s+\S*\d[^.;]{0,30}\bfrom\s+\S*\d|\d[\d.,]*\s?%?\s+to\s+\S*\d)"
    ),
}
_FIGURE = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|hundred|thousand|million|billion|dozen|half|third|quarter)\b",
    re.IGNORECASE,
)
# Sentence ends: a full stop, ! or ? and a space before a capital, a quote or a digit; or a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_ARTIFACT = re.compile(r"#\d+;|\\|&[a-z]+;|<[a-z/]")  # AG News escapes and markup: not prose


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence: a rough splitter, good enough to pick whole sentences."""
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        yield from _trimmed(text, start, boundary.start())
        start = boundary.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        left = start + piece.index(stripped)
        yield left, left + len(stripped)


def _documents() -> Iterator[tuple[str, str, str]]:
    """(domain key, document id, text) of every document of the corpora."""
    for item in corpus_records("bbc-news.jsonl"):
        yield f"bbc:{item['category']}", str(item["id"]), str(item["text"])
    for item in corpus_records("ag-news.jsonl"):
        yield f"ag:{item['category']}", str(item["id"]), str(item["description"])
    for item in corpus_records("multi-news-sample.jsonl"):
        for position, text in enumerate(item["docs"]):
            yield "multi-news", f"mn-{item['cluster']}-{position}", str(text)


def candidate_sentences(taken: set[str]) -> dict[str, list[tuple[str, str]]]:
    """Domain key -> (sentence id, sentence) of every drawable sentence that holds a figure."""
    found: dict[str, list[tuple[str, str]]] = {}
    documents = list(_documents())
    taken_texts = {text for _, doc_id, text in documents if doc_id in taken}  # the corpora hold duplicates
    for key, doc_id, text in documents:
        if doc_id in taken or text in taken_texts:
            continue
        for start, end in split_sentences(text):
            sentence = text[start:end]
            if (
                SHORTEST <= len(sentence) <= LONGEST
                and _FIGURE.search(sentence)
                and not _ARTIFACT.search(sentence)
            ):
                found.setdefault(key, []).append((f"{doc_id}@{start}:{end}", sentence))
    return found


def draw(
    seed: int, taken: set[str], per_domain: int = PER_DOMAIN, per_form: int = PER_FORM
) -> list[tuple[str, str]]:
    """(stratum, sentence id): `per_domain` per domain, then `per_form` per hard form, no document twice."""
    pool = candidate_sentences(taken)
    rng = random.Random(seed)
    drawn: list[tuple[str, str]] = []
    seen_docs: set[str] = set()
    for domain, keys in DOMAINS.items():
        sentences = sorted(s for key in keys for s in pool.get(key, []))
        for sentence_id, _ in _sample(rng, sentences, per_domain, seen_docs):
            drawn.append((domain, sentence_id))
    everything = sorted(s for sentences in pool.values() for s in sentences)
    for form, pattern in FORMS.items():
        fitting = [s for s in everything if pattern.search(s[1])]
        for sentence_id, _ in _sample(rng, fitting, per_form, seen_docs):
            drawn.append((form, sentence_id))
    return drawn


def _sample(
    rng: random.Random, sentences: list[tuple[str, str]], count: int, seen_docs: set[str]
) -> list[tuple[str, str]]:
    """`count` sentences at random, at most one per document across the whole batch."""
    order = rng.sample(sentences, len(sentences))  # the whole order, so counts never shift later draws
    picked: list[tuple[str, str]] = []
    if count <= 0:
        return picked
    for sentence_id, sentence in order:
        doc = sentence_id.split("@")[0]
        if doc in seen_docs:
            continue
        seen_docs.add(doc)
        picked.append((sentence_id, sentence))
        if len(picked) == count:
            break
    return picked


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--batch", default="blind3", help="the split drawn (its own documents stay drawable)")
    parser.add_argument("--per-domain", type=int, default=PER_DOMAIN)
    parser.add_argument("--per-form", type=int, default=PER_FORM)
    args = parser.parse_args(argv)
    with GOLD.open(encoding="utf-8") as lines:
        gold = [json.loads(line) for line in lines if line.strip()]
    taken = {m["doc"].split("@")[0] for m in gold if m["split"] != args.batch}
    print(
        "\n".join(
            f"{stratum}\t{sentence_id}"
            for stratum, sentence_id in draw(args.seed, taken, args.per_domain, args.per_form)
        )
    )


if __name__ == "__main__":
    main()
