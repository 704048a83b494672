"""Line rules and layout rules of the boilerplate processor, one shape of boilerplate at a time."""

from __future__ import annotations

from pathlib import Path

import pytest
from haystack import Document

from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper
from newsdesk.plugins.builtin.boilerplate.html import extract_html
from newsdesk.plugins.builtin.boilerplate.lines import rules

pytestmark = pytest.mark.unit

PARAGRAPHS = [
    "Police in riot gear closed in before dawn on Monday on activists who defied a midnight deadline.",
    "Four demonstrators were arrested during the brief confrontation, accused of unlawful assembly.",
    "Later, attorneys for the protesters asked a federal judge for an injunction against the eviction.",
    "The encampment, which officials had tolerated for weeks, is among the largest on the West Coast.",
]


def strip(text: str, strictness: str = "medium") -> Document:
    stripper = BoilerplateStripper(strictness=strictness)  # type: ignore[arg-type]
    return stripper.run([Document(content=text)])["documents"][0]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Image copyright Getty Images Image caption Kalashnikov designed the AK-47 in 1947", "caption"),
        ("This image provided by the county jail shows the actor on Tuesday, Sept. 25, 2018.", "caption"),
        ("In this Nov. 10, 2009 file photo the inventor attends festivities in Moscow.", "caption"),
        ("1 of 6. The encampment at City Hall Park is seen before the midnight deadline.", "caption"),
        (
            "Navy personnel carry a bag at sea, Saturday, Jan. 3, 2015. Officials... (Associated Press)",
            "caption",
        ),
        ("Jeff Herman holds up a copy of an email. (Valerie Macon/Getty Images)", "caption"),
        (
            "The lawyer arrives at a news conference on Monday. (Delgado Carlos/for New York Daily News)",
            "caption",
        ),
        ("Luigi Garlaschelli / Via youtube.com A screengrab of the research.", "caption"),
        ("A soldier distributes new uniforms in 2005. | Getty", "caption"),
        ("Gallery: the missing woman was spotted on the show 1 / 47 Back to Gallery", "caption"),
        ("i itoggle caption Jim Weber/The Commercial Appeal", "caption"),
        ("EMBED More News Videos The actor heads to the county correctional facility.", "embed"),
        ("PHOTOS: Occupy L.A.", "embed"),
        ("(Thread) — Alyssa Milano (@Alyssa_Milano) December 16, 2017", "embed"),
        ("Watch police detain some of the protesters here.", "promo"),
        ("Find more of her Tweets in the gallery at the top of the story.", "promo"),
        ("That's all for today's trending, do check back tomorrow for more!", "promo"),
        (
            "Sign up here for our daily briefing. Email Sign Up By signing up you agree to receive emails.",
            "promo",
        ),
        (
            "The author is a Reuters Breakingviews columnist. The opinions expressed are his own.",
            "disclaimer",
        ),
        (
            "This is an expanded version of the review that ran in the Dec. 7 issue of the magazine.",
            "syndication",
        ),
        ("COURT DOCUMENTS: Singer's Dad To Conservatorship Judge: I Want More Money!", "related_headline"),
        (
            "Wolfman HORROR: United States Release Date: 2010-02-12 Running Length: 1:45 Cast: Del Toro",
            "info_box",
        ),
        ("___", "separator"),
        ("* * *", "separator"),
        (
            "Contact Jane Doe at jdoe@example.com or at 202-555-0100. Follow @janedoe on Twitter.",
            "contact",
        ),
        (
            "Source: Doe J, Roe R, Poe S, et al. Outcomes in Patients Too Young for Screening. JAMA. 2018",
            "citation",
        ),
        ("Jane Doe et al/Journal of Things", "caption"),
        ("The latest at 11pm @ABC7 pic.twitter.com/abc123XYZ", "embed"),
        (
            "Remember, you can buy the digital edition of the magazine for your tablet or iPhone.",
            "promo",
        ),
        ("ADVERTISEMENT ADVERTISEMENT", "advertisement"),
        ("Story Continued Below", "navigation"),
        ("Now Playing:", "navigation"),
        ("Text Size -", "navigation"),
        ("For the latest news and analysis, follow @wsjd.", "promo"),
        ("And like us on Facebook to get our news right in your feed:", "promo"),
        ("More from WSJ.D: And make sure to visit WSJ.D for all of our news and add our XML feed.", "promo"),
        ("More from CBC Manitoba:", "navigation"),
        ("Methane on Mars: does it mean the rover has found life? Read more", "related_headline"),
        ("Slideshow (2 Images)", "caption"),
        ("Colors show the probability of each branch being open-mouthed (blue) or closed (red).", "caption"),
        ("1 of 10 Full Screen Autoplay Close Skip Ad × The moment a lion is shot View Photos", "embed"),
    ],
)
def test_line_shapes_that_are_boilerplate(line: str, reason: str) -> None:
    assert rules.line_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "Das Thema wird seit Jahren intensiv diskutiert: Die elektronische Patientenakte (ePA)",
        "LOS ANGELES (Reuters) - Police in riot gear closed in before dawn on Monday on the camp.",
        "| HD | THE HOME DEPOT INC. | 225.86 | -12.99 | -5.44% |",
        "UPDATE: September 6, 2011 1:45 p.m.: A director of the group wrote to express concern.",
        "The photos show the unidentified boy standing next to the famed director after the premiere.",
        "Follow the money, the investigators said, and the trail leads to a shell company in Cyprus.",
        "'WHOSE STREET? OUR STREET!'",
        "Realising a dream from the beginning of the space age",
        "Anyone with information is asked to call the police department at (423) 555-0155.",
        "Yoga/Tai Chi",
        "Remember, you can still see the eclipse from the west coast tonight.",
        "And like many fans on Twitter, she was stunned by the verdict.",
        "For years, she would follow the debate on Twitter every night.",
        "More on the budget talks is expected on Monday.",
        "Students who read more are happier, the study found.",
        "The slideshow (2 images) was taken down on Friday after complaints.",
        "Democrats (blue) have held the district since 1992, the map shows.",
        "The app can now autoplay videos in full screen, the company said.",
    ],
)
def test_article_lines_that_look_close(line: str) -> None:
    assert rules.line_reason(line) is None


def test_pull_quote_goes_and_the_paragraph_holding_it_stays() -> None:
    quote = "The kind of pushback I'm seeing reminds me of the early days of the scandal."
    holder = f'"I think this is a watershed," he told reporters. "{quote[:-1]}, with the bishops."'
    doc = strip("\n\n".join([PARAGRAPHS[0], quote, PARAGRAPHS[1], holder, PARAGRAPHS[2]]))
    assert doc.content == "\n\n".join([PARAGRAPHS[0], PARAGRAPHS[1], holder, PARAGRAPHS[2]])
    assert {"text": quote, "reason": "duplicate"} in doc.meta["boilerplate_removed"]


def test_running_story_keeps_its_update_times() -> None:
    text = "\n\n".join(
        ["10:20 p.m.", PARAGRAPHS[0], PARAGRAPHS[1], "___", "5 p.m.", PARAGRAPHS[2], PARAGRAPHS[3]]
    )
    content = strip(text).content or ""
    assert "5 p.m." in content.split("\n\n")
    assert "10:20 p.m." not in content  # above the first paragraph it is the page's stamp
    assert "___" not in content


def test_running_story_lead_announces_its_first_update_time() -> None:
    lead = "WASHINGTON (AP) — The Latest on the investigation (all times local):"
    text = "\n\n".join([lead, "6:25 p.m.", PARAGRAPHS[0], "__", "2:25 p.m.", PARAGRAPHS[1]])
    paragraphs = (strip(text).content or "").split("\n\n")
    assert paragraphs[1:] == ["6:25 p.m.", PARAGRAPHS[0], "2:25 p.m.", PARAGRAPHS[1]]


def test_list_items_after_a_colon_are_not_other_stories() -> None:
    items = ["A Yoga Game (official name to be announced)", "A Soccer Game (official name to be announced)"]
    text = "\n\n".join([PARAGRAPHS[0], "These games include:", *items, PARAGRAPHS[1], PARAGRAPHS[2]])
    assert (strip(text).content or "").split("\n\n")[2:4] == items


def test_tweet_text_above_its_signature_goes() -> None:
    tweet = "#breaking A horror film come to life in #lancaster as detectives search a supermarket."
    signature = "The latest at 11pm @ABC7 pic.twitter.com/zfnu02 — Jane Doe (@janedoe) August 12, 2018"
    doc = strip("\n\n".join([tweet, signature, *PARAGRAPHS]))
    assert doc.content == "\n\n".join(PARAGRAPHS)


def test_lead_lines_that_are_not_headlines() -> None:
    standfirst = (
        "Renamed to honour the astrophysicist who predicted the solar wind, the spacecraft will attempt "
        "to get closer to the sun than any probe before it"
    )
    for lead, kept in [
        (standfirst, standfirst),  # too long for a headline
        ("Kenya's celebrity lion Mohawk is dead.", "Kenya's celebrity lion Mohawk is dead."),  # a short lede
        # a dateline opens the story: the dateline goes to metadata, the rest is body
        ("WASHINGTON (AP) — The Latest on Campaign 2016 (all times EDT):", "The Latest on Campaign 2016"),
    ]:
        doc = strip("\n\n".join([lead, *PARAGRAPHS]))
        assert (doc.content or "").startswith(kept), lead
        assert doc.meta["title"] == "", lead


def test_summary_bullets_are_not_the_title() -> None:
    bullets = [
        "* Top investigator put on leave for misleading public",
        "* He said up to 60 people were killed",
    ]
    doc = strip("\n\n".join([*bullets, "By Terry Wade", *PARAGRAPHS]))
    assert doc.meta["title"] == ""
    assert doc.content == "\n\n".join([*bullets, *PARAGRAPHS])
    assert doc.meta["authors"] == ["Terry Wade"]


def test_pointers_after_the_last_paragraph_go() -> None:
    text = "\n\n".join(
        [*PARAGRAPHS, "Check out the full auction on eBay!", "See pictures of crime in Middle America."]
    )
    doc = strip(text)
    assert doc.content == "\n\n".join(PARAGRAPHS)
    reasons = [span["reason"] for span in doc.meta["boilerplate_removed"]]
    assert reasons == ["promo", "promo"]


@pytest.mark.parametrize("strictness", ["low", "medium", "high"])
def test_html_tables_survive_and_title_repeat_goes(strictness: str) -> None:
    rows = "".join(
        f"<tr><td>{team}</td><td>{score}</td></tr>" for team, score in [("Lions", 21), ("Bears", 17)]
    )
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (
        "<html><head><title>Lions beat Bears</title></head><body><article><h1>Lions beat Bears</h1>"
        f"{paragraphs}<table>{rows}</table></article><footer>© 2019 Example News</footer></body></html>"
    )
    extraction = extract_html(page, strictness=strictness)  # type: ignore[arg-type]
    assert extraction.title == "Lions beat Bears"
    assert all(p in extraction.body for p in PARAGRAPHS)
    assert "| Lions | 21 |" in extraction.body
    assert "Lions beat Bears" not in extraction.body
    assert "©" not in extraction.body


def test_the_guide_example_runs() -> None:
    guide = (Path(__file__).resolve().parents[3] / "docs" / "boilerplate.md").read_text(encoding="utf-8")
    [example] = [block.split("```", 1)[0] for block in guide.split("```python\n")[1:]]
    exec(compile(example, "docs/boilerplate.md", "exec"), {})
