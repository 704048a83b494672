"""The boilerplate processor as a component: metadata, strictness, HTML, other languages, wiring."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import pytest
from haystack import Document

from newsdesk.plugins.builtin import boilerplate
from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.unit


def strip_one(content: str, **meta: Any) -> Document:
    return BoilerplateStripper().run([Document(content=content, meta=meta)])["documents"][0]


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


def _unused_client() -> Any:
    raise AssertionError("registering the processor must not connect to Elasticsearch")


def test_hooks_register_processor_and_mappings() -> None:
    registry = Registry()
    settings = Settings(boilerplate_strictness="low")
    boilerplate.newsdesk_register_processors(
        register=registry.processor, settings=settings, config={}, es_client=_unused_client
    )
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
        register=registry.processor,
        settings=settings,
        config={"strictness": "high"},
        es_client=_unused_client,
    )
    assert registry.processors[0][1].strictness == "high"


def test_plugin_loads_through_the_host() -> None:
    from newsdesk.plugins.manager import load_plugins

    host = load_plugins(Settings())
    assert "boilerplate" not in host.refused
    [spec] = [p for p in host.processors if p.name == "boilerplate"]
    assert (spec.order, spec.plugin) == (100, "boilerplate")
