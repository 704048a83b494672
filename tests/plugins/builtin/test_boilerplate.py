"""The boilerplate processor on the five seed articles: exact bodies, metadata, removed spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from haystack import Document, Pipeline

from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper

SEEDS_DIR = Path(__file__).resolve().parents[3] / "seeds"

pytestmark = pytest.mark.unit


@dataclass(frozen=True)
class Seed:
    """What a human reader says about a seed: its headline, and every line that is not article body."""

    file: str
    title: str
    not_body: tuple[str, ...] = ()
    comments_from: str | None = None
    rewritten: dict[str, str] = field(default_factory=dict)
    published_at: str | None = None
    source: str | None = None
    dateline: str | None = None

    def text(self) -> str:
        return (SEEDS_DIR / self.file).read_text(encoding="utf-8")

    def expected_body(self) -> str:
        # The processor normalises whitespace (the LA Times footer has a no-break space).
        lines = [" ".join(line.split()) for line in self.text().splitlines() if line.strip()]
        if self.comments_from:
            lines = lines[: lines.index(self.comments_from)]
        kept = [self.rewritten.get(line, line) for line in lines if line not in (self.title, *self.not_body)]
        return "\n\n".join(kept)


XINHUA_FIRST_LINE = (
    "DAMASCUS, Oct. 17 (Xinhua) -- Following a four-month-long offensive by the U.S.-backed Syrian "
    "Democratic Forces (SDF), the Islamic State (IS) collapsed under the pressure and lost its de facto "
    "capital in Syria's northern province of Raqqa."
)
TELEGRAPH_FIRST_SENTENCE = (
    "US-backed militias have completely taken Isis’ de facto capital, Raqqa, the Syrian Observatory for "
    "Human Rights (SOHR) said on Tuesday, in a major symbolic blow to the jihadist group."
)

SEEDS = {
    "latimes": Seed(
        file="000_f17d1267a26db66a.txt",
        title="Islamic State has lost its capital in Syria: What happens now?",
        not_body=(
            "Join our brand new verified AMN Telegram channel and get important news uncensored!",
            "(W.J. Hennigan, Tracy Wilkinson and Laura King in of the Tribune Washington Bureau in "
            "Washington contributed to this report along with special correspondent Wael Resol in "
            "Sulaymaniya, Iraq.)",
            "© 2017 Los Angeles Times",
            "Visit the Los Angeles Times at",
            "Distributed by Tribune Content Agency, LLC.",
        ),
        source="Los Angeles Times",
    ),
    "antiwar": Seed(
        file="001_90970aed82bd4b19.txt",
        title="US-Backed Forces Declare Victory Over ISIS In Raqqa",
        not_body=("You are here",),
    ),
    "xinhua": Seed(
        file="002_29db2200959aca4a.txt",
        title="U.S.-backed Syrian forces capture Syria's Raqqa from Islamic State",
        not_body=(
            "Source: Xinhua| 2017-10-18 01:40:26|Editor: Mu Xuequan",
            "Video PlayerClose",
            "TOP STORIES",
            "EDITOR’S CHOICE",
            "MOST VIEWED",
            "EXPLORE XINHUANET",
            "010020070750000000000000011105091366871391",
        ),
        rewritten={XINHUA_FIRST_LINE: XINHUA_FIRST_LINE.removeprefix("DAMASCUS, Oct. 17 (Xinhua) -- ")},
        published_at="2017-10-18T01:40:26",
        source="Xinhua",
        dateline="DAMASCUS",
    ),
    "scmp": Seed(
        file="003_a078ef960d8e8806.txt",
        title="Fighters backed by US begin ‘final assault’ on Islamic State’s Syrian stronghold Raqqa",
        not_body=(
            "Islamic State",
            "PUBLISHED : Sunday, 15 October, 2017, 9:37pm",
            "UPDATED : Sunday, 15 October, 2017, 10:50pm",
            "Syrian rebel group that beheaded boy ‘was in US-vetted alliance’",
            "Trump is ending a CIA operation to arm Syrian rebels, and Russia will be pleased",
        ),
        published_at="2017-10-15T21:37:00",
    ),
    "telegraph_blog": Seed(
        file="004_66dd8c24867dc48b.txt",
        title="ISIS capital Raqqa falls ! US-backed militias celebrating victory",
        not_body=("Syrian Democratic Forces celebrate the liberation Raqqa",),
        comments_from="6 responses to “ISIS capital Raqqa falls ! US-backed militias celebrating victory”",
        rewritten={f"RAQQA IN RUINS{TELEGRAPH_FIRST_SENTENCE}": TELEGRAPH_FIRST_SENTENCE},
    ),
}

BOILERPLATE_FRAGMENTS = [
    "Telegram channel",
    "You are here",
    "Video Player",
    "Source: Xinhua",
    "PUBLISHED :",
    "UPDATED :",
    "TOP STORIES",
    "EDITOR’S CHOICE",
    "MOST VIEWED",
    "XINHUANET",
    "© 2017",
    "Visit the Los Angeles Times",
    "Distributed by Tribune",
    "contributed to this report",
    "responses to",
    "Leave a Reply",
    "Hind Abyad",
    "Lavrov",
    "RAQQA IN RUINS",
    "DAMASCUS, Oct. 17",
    "beheaded boy",
    "Trump is ending a CIA operation",
]


def strip_one(content: str, **meta: Any) -> Document:
    return BoilerplateStripper().run([Document(content=content, meta=meta)])["documents"][0]


@pytest.fixture(scope="module")
def stripped() -> dict[str, Document]:
    """Every seed through one `run` call, as the pipeline does it."""
    names = list(SEEDS)
    docs = [Document(content=SEEDS[name].text()) for name in names]
    out = BoilerplateStripper().run(docs)["documents"]
    return dict(zip(names, out, strict=True))


@pytest.mark.parametrize("name", SEEDS)
def test_seed_body_is_exactly_the_article(name: str, stripped: dict[str, Document]) -> None:
    assert stripped[name].content == SEEDS[name].expected_body()


@pytest.mark.parametrize("name", SEEDS)
def test_seed_body_has_no_boilerplate(name: str, stripped: dict[str, Document]) -> None:
    content = stripped[name].content or ""
    assert [fragment for fragment in BOILERPLATE_FRAGMENTS if fragment in content] == []
    assert not re.search(r"\d{15,}", content)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_metadata(name: str, stripped: dict[str, Document]) -> None:
    seed, meta = SEEDS[name], stripped[name].meta
    assert meta["title"] == seed.title
    assert seed.title not in (stripped[name].content or "")
    assert meta["published_at"] == seed.published_at
    assert meta["source"] == seed.source
    assert meta["dateline"] == seed.dateline
    assert meta["authors"] == []
    assert meta["language"] == "en"


def test_xinhua_dateline_prefix_is_removed_but_sentence_stays(stripped: dict[str, Document]) -> None:
    doc = stripped["xinhua"]
    assert (doc.content or "").startswith("Following a four-month-long offensive by the U.S.-backed")
    assert {"text": "DAMASCUS, Oct. 17 (Xinhua) --", "reason": "dateline"} in doc.meta["boilerplate_removed"]


def test_removed_spans_are_listed_in_document_order_with_reasons(stripped: dict[str, Document]) -> None:
    reasons = [span["reason"] for span in stripped["xinhua"].meta["boilerplate_removed"]]
    assert reasons == [
        "title",
        "publish_stamp",
        "navigation",
        "dateline",
        *["navigation"] * 4,
        "tracking_id",
    ]
    scmp = stripped["scmp"].meta["boilerplate_removed"]
    assert scmp[0] == {"text": "Islamic State", "reason": "section_label"}
    assert [s["reason"] for s in scmp if "Syrian rebel group" in s["text"]] == ["related_headline"]


def test_comment_thread_and_captions_are_reported(stripped: dict[str, Document]) -> None:
    removed = stripped["telegraph_blog"].meta["boilerplate_removed"]
    by_reason = {span["reason"] for span in removed}
    assert {"comment_thread", "caption", "caption_repeat"} <= by_reason
    assert removed[-1] == {"text": "Leave a Reply", "reason": "comment_thread"}
    assert {"text": "RAQQA IN RUINS", "reason": "caption"} in removed


def test_latimes_footer_reasons(stripped: dict[str, Document]) -> None:
    reasons = {span["text"]: span["reason"] for span in stripped["latimes"].meta["boilerplate_removed"]}
    assert reasons["© 2017 Los Angeles Times"] == "copyright"
    assert reasons[SEEDS["latimes"].not_body[0]] == "promo"
    assert [r for t, r in reasons.items() if t.startswith("(W.J. Hennigan")] == ["contributors"]


def test_caller_meta_wins_and_other_keys_survive() -> None:
    seed = SEEDS["xinhua"]
    given = {
        "title": seed.title.upper(),
        "source": "Wire feed",
        "raw": "raw bytes",
        "url": "https://x.test/a",
    }
    original = Document(content=seed.text(), meta=dict(given))
    doc = BoilerplateStripper().run([original])["documents"][0]
    assert doc.meta["title"] == given["title"]
    assert doc.meta["source"] == "Wire feed"
    assert doc.meta["raw"] == "raw bytes"
    assert doc.meta["url"] == "https://x.test/a"
    assert doc.meta["published_at"] == "2017-10-18T01:40:26"
    assert doc.content == seed.expected_body()
    # the input is left as it was
    assert original.meta == given
    assert original.content == seed.text()


def test_in_a_pipeline_and_serialised_with_it() -> None:
    pipeline = Pipeline()
    pipeline.add_component("boilerplate", BoilerplateStripper())
    restored = Pipeline.loads(
        pipeline.dumps(), allowed_modules=["newsdesk.plugins.builtin.boilerplate.component"]
    )
    out = restored.run({"boilerplate": {"documents": [Document(content=SEEDS["antiwar"].text())]}})
    assert out["boilerplate"]["documents"][0].meta["title"] == SEEDS["antiwar"].title
