"""The boilerplate processor on the five seed articles, an HTML page and non-English text."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from haystack import Document, Pipeline

from plugins.builtin import boilerplate
from plugins.builtin.boilerplate import BoilerplateStripper
from search_api.settings import Settings

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


def test_byline_becomes_authors() -> None:
    text = (
        "Kurdish forces take Raqqa\n\nBy Jane Smith and Omar Haddad\n\n"
        "Posted on October 17, 2017 at 5:30 pm\n\n"
        "Kurdish-led forces said on Tuesday they had taken full control of the Syrian city of Raqqa.\n\n"
        "The city had been held by the militants since early 2014, officials said."
    )
    doc = strip_one(text)
    assert doc.meta["authors"] == ["Jane Smith", "Omar Haddad"]
    assert doc.meta["published_at"] == "2017-10-17T17:30:00"
    assert (doc.content or "").startswith("Kurdish-led forces said on Tuesday")


def test_strictness_decides_about_short_subheadings() -> None:
    paragraphs = [
        "The offensive on the city began in June and lasted for more than four months.",
        "Commanders said the last fighters had surrendered on Tuesday morning after talks.",
        "Aid groups said the humanitarian situation around the city remained very serious.",
    ]
    text = "\n\n".join(["A headline for this story", paragraphs[0], "The road to Raqqa", *paragraphs[1:]])
    medium, high = (
        BoilerplateStripper(level).run([Document(content=text)])["documents"][0]
        for level in ("medium", "high")
    )
    assert "The road to Raqqa" in (medium.content or "")
    assert "The road to Raqqa" not in (high.content or "")


HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Typhoon Hato batters Hong Kong | Harbour Herald</title>
  <meta property="og:title" content="Typhoon Hato batters Hong Kong, shutting markets and schools">
  <meta property="og:site_name" content="Harbour Herald">
  <meta property="article:published_time" content="2017-08-23T09:15:00+08:00">
  <meta name="author" content="Jane Chan">
</head>
<body>
  <header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
  <li><a href="/sport">Sport</a></li></ul></nav></header>
  <div class="breadcrumb">
    <a href="/">Home</a> &gt; <a href="/news">News</a> &gt; <a href="/hk">Hong Kong</a>
  </div>
  <main>
    <article>
      <h1>Typhoon Hato batters Hong Kong, shutting markets and schools</h1>
      <p class="byline">By Jane Chan</p>
      <p>Typhoon Hato swept across Hong Kong on Wednesday, forcing the city to raise its highest storm warning
      for the first time in five years and bringing trading on the stock exchange to a halt.</p>
      <p>Gusts of more than 200 kilometres per hour tore scaffolding from buildings in Wan Chai, while
      seawater flooded low-lying streets in Heng Fa Chuen and Tai O, according to the Observatory.</p>
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
      <p>The government said 34 people had been injured and that more than 450 had sought refuge in temporary
      shelters opened overnight across the territory.</p>
      <p>Airlines cancelled hundreds of flights, and ferry services to Macau, where the storm also caused
      severe flooding, were suspended until further notice.</p>
    </article>
    <aside class="related-stories"><h3>Related stories</h3><ul>
      <li><a href="/a">Macau casinos lose power as storm hits</a></li></ul></aside>
    <section id="comments" class="comments-area">
      <h3>2 comments</h3>
      <div class="comment">
        <p>Stay safe everyone, the wind in Kowloon is absolutely terrifying this morning.</p>
      </div>
      <div class="comment"><p>Why did the Observatory wait so long to raise the signal? Ridiculous.</p></div>
    </section>
  </main>
  <footer><p>Subscribe to our newsletter for daily updates</p>
  <p>© 2017 Harbour Herald Ltd. All rights reserved.</p></footer>
</body>
</html>"""


@pytest.mark.parametrize("raw_format", [None, "html"])
def test_html_page(raw_format: str | None) -> None:
    meta = {"raw_format": raw_format} if raw_format else {}
    doc = strip_one(HTML_PAGE, **meta)
    paragraphs = (doc.content or "").split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Typhoon Hato swept across Hong Kong on Wednesday")
    assert paragraphs[-1].endswith("were suspended until further notice.")
    junk = ["Home", "Share on Facebook", "Related stories", "Macau casinos", "Stay safe", "Subscribe", "©"]
    assert [text for text in junk if text in (doc.content or "")] == []
    assert doc.meta["title"] == "Typhoon Hato batters Hong Kong, shutting markets and schools"
    assert doc.meta["published_at"] == "2017-08-23T09:15:00+08:00"
    assert doc.meta["source"] == "Harbour Herald"
    assert doc.meta["authors"] == ["Jane Chan"]
    assert doc.meta["language"] == "en"
    reasons = {span["text"]: span["reason"] for span in doc.meta["boilerplate_removed"]}
    assert reasons["Home > News > Hong Kong"] == "navigation"
    assert reasons["2 comments"] == "comment_thread"
    assert reasons["Stay safe everyone, the wind in Kowloon is absolutely terrifying this morning."] == (
        "comment_thread"
    )
    assert reasons["Macau casinos lose power as storm hits"] == "related_headline"
    assert reasons["© 2017 Harbour Herald Ltd. All rights reserved."] == "copyright"


GERMAN_PARAGRAPHS = [
    "Die von den USA unterstützten Demokratischen Kräfte Syriens haben die Stadt Rakka nach monatelangen "
    "Kämpfen vollständig unter ihre Kontrolle gebracht.",
    "Nach Angaben der Syrischen Beobachtungsstelle für Menschenrechte wurden bei den Kämpfen mehr als 3000 "
    "Menschen getötet, darunter viele Zivilisten.",
    "Die Stadt galt seit 2014 als inoffizielle Hauptstadt der Terrormiliz Islamischer Staat.",
    "Viele Gebäude sind zerstört, Hilfsorganisationen warnen vor einer humanitären Krise in den Lagern.",
]
FRENCH_PARAGRAPHS = [
    "Les Forces démocratiques syriennes ont annoncé mardi avoir pris le contrôle total de Raqqa, ancienne "
    "capitale de l'organisation État islamique en Syrie.",
    "Selon l'Observatoire syrien des droits de l'homme, plus de 3 000 personnes ont été tuées.",
    "La ville est en grande partie détruite et des milliers d'habitants vivent dans des camps.",
]


def test_german_article_keeps_its_body() -> None:
    text = "\n\n".join(
        [
            "Startseite > Politik > Ausland",
            "Kurdische Milizen erobern Rakka vollständig zurück",
            "Aktualisiert am 17.10.2017, 14:30 Uhr",
            *GERMAN_PARAGRAPHS,
            "© 2017 Beispiel Zeitung GmbH",
        ]
    )
    doc = strip_one(text)
    assert doc.content == "\n\n".join(GERMAN_PARAGRAPHS)
    assert doc.meta["title"] == "Kurdische Milizen erobern Rakka vollständig zurück"
    assert doc.meta["published_at"] == "2017-10-17T14:30:00"
    assert doc.meta["source"] == "Beispiel Zeitung GmbH"
    assert doc.meta["language"] == "de"


def test_french_article_keeps_its_body() -> None:
    doc = strip_one("Les forces kurdes reprennent Raqqa\n\n" + "\n\n".join(FRENCH_PARAGRAPHS))
    assert doc.content == "\n\n".join(FRENCH_PARAGRAPHS)
    assert doc.meta["title"] == "Les forces kurdes reprennent Raqqa"
    assert doc.meta["language"] == "fr"


def test_empty_document_passes_through() -> None:
    doc = Document(content="", meta={"title": "x"})
    assert BoilerplateStripper().run([doc])["documents"] == [doc]


def test_serialisation_round_trip() -> None:
    stripper = BoilerplateStripper(strictness="high")
    data = stripper.to_dict()
    assert data["init_parameters"] == {"strictness": "high"}
    assert BoilerplateStripper.from_dict(data).strictness == "high"


def test_in_a_pipeline_and_serialised_with_it() -> None:
    pipeline = Pipeline()
    pipeline.add_component("boilerplate", BoilerplateStripper())
    restored = Pipeline.loads(pipeline.dumps(), allowed_modules=["plugins.builtin.boilerplate.component"])
    out = restored.run({"boilerplate": {"documents": [Document(content=SEEDS["antiwar"].text())]}})
    assert out["boilerplate"]["documents"][0].meta["title"] == SEEDS["antiwar"].title


def test_unknown_strictness_is_refused() -> None:
    with pytest.raises(ValueError, match="strictness"):
        BoilerplateStripper(strictness="extreme")  # type: ignore[arg-type]


def test_docstring_example_runs() -> None:
    docstring = BoilerplateStripper.__doc__ or ""
    example = docstring.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(textwrap.dedent(example), "BoilerplateStripper docstring", "exec"), {})


class Registry:
    """Stands in for the host's `register` callbacks and keeps what the plugin registered."""

    def __init__(self) -> None:
        self.processors: list[tuple[str, Any, int]] = []
        self.mappings: list[dict[str, Any]] = []

    def processor(
        self,
        name: str,
        component: Any,
        *,
        order: int = 500,
        before: Sequence[str] = (),
        after: Sequence[str] = (),
    ) -> None:
        self.processors.append((name, component, order))

    def mapping(self, properties: dict[str, Any]) -> None:
        self.mappings.append(properties)


def test_hooks_register_processor_and_mappings() -> None:
    registry = Registry()
    settings = Settings(boilerplate_strictness="low")
    boilerplate.newsdesk_register_processors(register=registry.processor, settings=settings, config={})
    boilerplate.newsdesk_register_mappings(register=registry.mapping)
    [(name, component, order)] = registry.processors
    assert (name, order) == ("boilerplate", 100)
    assert isinstance(component, BoilerplateStripper) and component.strictness == "low"
    assert registry.mappings == [
        {"dateline": {"type": "keyword"}, "boilerplate_removed": {"type": "object", "enabled": False}}
    ]


def test_unseen_layout_keeps_short_closing_sentences_and_drops_topic_menu() -> None:
    body = [
        "The city of Raqqa, once the self-declared capital of the caliphate, fell to Kurdish-led forces.",
        "What comes next",
        "Residents who fled the city say they are afraid to return, as mines litter the streets.",
        "“We have nothing left,” said one woman.",
        "He did not elaborate.",
    ]
    text = "\n".join(
        [
            "Home | World | Middle East",
            "Raqqa: the battle is over, the hard part begins",
            "By Martin Chulov in Beirut",
            "First published on Tue 17 Oct 2017 10.30 BST",
            "Share on Facebook",
            body[0],
            "Advertisement",
            "Photo: Delil Souleiman/AFP/Getty Images",
            *body[1:3],
            "Read more: Inside Raqqa, the city Islamic State made its capital",
            *body[3:],
            "Topics",
            "Syria",
            "Middle East and North Africa",
            "Reuse this content",
        ]
    )
    doc = strip_one(text)
    assert doc.content == "\n\n".join(body)
    assert doc.meta["title"] == "Raqqa: the battle is over, the hard part begins"
    assert doc.meta["authors"] == ["Martin Chulov"]
    assert doc.meta["published_at"] == "2017-10-17T10:30:00+01:00"


def test_wire_dateline_and_copyright_give_dateline_and_source() -> None:
    text = (
        "WASHINGTON (AP) — The Pentagon said Tuesday that the fall of Raqqa marks a turning point in the "
        "campaign.\n\nOfficials cautioned that the fight is not over.\n\n"
        "Copyright 2017 The Associated Press. All rights reserved. This material may not be redistributed."
    )
    doc = strip_one(text)
    assert doc.content == (
        "The Pentagon said Tuesday that the fall of Raqqa marks a turning point in the campaign.\n\n"
        "Officials cautioned that the fight is not over."
    )
    assert (doc.meta["dateline"], doc.meta["source"]) == ("WASHINGTON", "The Associated Press")


def test_hard_wrapped_text_is_rejoined() -> None:
    paragraphs = [
        "U.S.-backed militias said on Tuesday they had taken full control of Raqqa from Islamic State, a "
        "major symbolic blow to the jihadists who once used the Syrian city as their capital.",
        "The Syrian Democratic Forces, an alliance of Kurdish and Arab militias, had been fighting Islamic "
        "State inside Raqqa since June with the help of U.S.-led coalition air strikes.",
        "Fighting continued in a small pocket of the city near the stadium, a spokesman said, adding that "
        "the remaining militants were foreign fighters who refused to surrender.",
    ]
    wrapped = "\n\n".join(textwrap.fill(p, 70) for p in ["Syrian militias take Raqqa", *paragraphs])
    doc = strip_one(wrapped)
    assert doc.content == "\n\n".join(paragraphs)
    assert doc.meta["title"] == "Syrian militias take Raqqa"


def test_chinese_article_keeps_its_body() -> None:
    paragraphs = [
        "由美国支持的叙利亚民主力量17日宣布，经过四个多月的战斗，已完全控制极端组织在叙利亚的大本营拉卡市。",
        "叙利亚人权观察组织说，拉卡战事已造成3250人死亡，其中包括1130名平民。",
    ]
    doc = strip_one("叙利亚民主力量宣布完全控制拉卡\n\n" + "\n\n".join(paragraphs))
    assert doc.content == "\n\n".join(paragraphs)
    assert doc.meta["title"] == "叙利亚民主力量宣布完全控制拉卡"


def test_plugin_config_overrides_the_global_strictness() -> None:
    registry = Registry()
    settings = Settings(boilerplate_strictness="low")
    boilerplate.newsdesk_register_processors(
        register=registry.processor, settings=settings, config={"strictness": "high"}
    )
    assert registry.processors[0][1].strictness == "high"


def test_plugin_loads_through_the_host() -> None:
    from plugins.manager import load_plugins

    host = load_plugins(Settings())
    assert "boilerplate" not in host.refused
    [spec] = [p for p in host.processors if p.name == "boilerplate"]
    assert (spec.order, spec.plugin) == (100, "boilerplate")
