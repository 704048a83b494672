"""Properties of the boilerplate processor on any input: it never crashes, and it only ever keeps
or removes text it was given (plain text: every kept paragraph and removed span is in the input)."""

from __future__ import annotations

import pytest
from haystack import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper
from newsdesk.plugins.builtin.boilerplate.html import looks_like_html

pytestmark = pytest.mark.unit

PAGE_LINES = st.sampled_from(
    [
        "Home | News | Sport | Weather",
        "Share this article",
        "By John Smith and Jane Doe",
        "Leave a Reply",
        "The council met on Monday and approved the budget for 2018.",
        "RAQQA, Syria (Reuters) -- U.S.-backed forces took the stadium on Tuesday.",
        "Posted on Oct. 17, 2017 at 10:40 am",
        "Photo: AP / Hussein Malla",
        "Comments (3)",
        "<p>The city fell after a four-month battle.</p>",
        "<script>document.write('x')</script>",
        "<div class='nav'><a href='/'>Home</a></div>",
        "",
        "   ",
    ]
)
# Page-like lines mixed with anything at all: control characters, other scripts, lone surrogates.
ARTICLES = st.lists(st.one_of(PAGE_LINES, st.text(max_size=80)), max_size=30).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("strictness", ["low", "medium", "high"])
@SETTINGS
@given(raw=ARTICLES)
def test_never_crashes_and_keeps_only_given_text(strictness: str, raw: str) -> None:
    doc = BoilerplateStripper(strictness=strictness).run([Document(content=raw)])["documents"][0]  # type: ignore[arg-type]

    assert isinstance(doc.content, str) or (doc.content is None and not raw)
    removed = doc.meta.get("boilerplate_removed", [])
    assert all(isinstance(span["reason"], str) and span["reason"] for span in removed)
    if looks_like_html(raw):
        return  # an HTML parser decodes entities and drops markup: the text is not the input's
    given_text = normalised(raw)
    for span in removed:
        assert normalised(span["text"]) in given_text
    for paragraph in (doc.content or "").split("\n\n"):
        assert normalised(paragraph) in given_text


@SETTINGS
@given(raw=st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_any_unicode_text_is_handled(raw: str) -> None:
    result = BoilerplateStripper().run([Document(content=raw), Document(content="A second article.")])
    assert len(result["documents"]) == 2
