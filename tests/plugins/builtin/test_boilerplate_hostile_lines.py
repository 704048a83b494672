"""Lines built to make a regex backtrack: the boilerplate processor still finishes on them.

The pages run in a child process with a generous kill limit, so a regression shows up as "never
finished" (the old copyright pattern needed hours on a line of 40 initials), not as a timing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from newsdesk.plugins.builtin.boilerplate import metadata

pytestmark = pytest.mark.unit

KILL_AFTER_SECONDS = 60

_STRIP_PAGES = textwrap.dedent(
    """
    import json, sys
    from haystack import Document
    from newsdesk.plugins.builtin.boilerplate import BoilerplateStripper

    pages = json.loads(sys.stdin.read())
    docs = [Document(id=str(i), content=page) for i, page in enumerate(pages)]
    out = BoilerplateStripper().run(docs)["documents"]
    print(json.dumps([doc.content for doc in out]))
    """
)

PARAGRAPH = "The council voted on Tuesday to close the bridge for repairs, officials said in a statement."


def hostile_pages() -> list[str]:
    return [
        f"{PARAGRAPH}\n\n© " + "A." * 60 + ",x",
        f"{PARAGRAPH}\n\nCopyright " + ".a" * 5000 + ",x",
        f"{PARAGRAPH}\n\n(c) " + " " * 50_000 + "x",
        f"{PARAGRAPH}\n\nPublished: " + "1 | " * 20_000,
        f"{PARAGRAPH}\n\n" + "By " + "Jane Doe, " * 20_000,
        f"{PARAGRAPH}\n\n" + "word " * 200_000,
    ]


def test_pages_of_backtracking_bait_are_stripped_to_the_end() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _STRIP_PAGES],
        input=json.dumps(hostile_pages()),
        capture_output=True,
        text=True,
        timeout=KILL_AFTER_SECONDS,
        check=True,
    )
    bodies = json.loads(done.stdout)
    assert len(bodies) == len(hostile_pages())
    assert all(PARAGRAPH in body for body in bodies[:4])


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("© 2019 J.K. Media Group. All rights reserved.", "J.K. Media Group"),
        ("Copyright © 2020 The Associated Press. All rights reserved.", "The Associated Press"),
        ("(c) 2018-2020 Yahoo News, Inc.", "Yahoo News"),
        ("Copyright 2017 U.S. News & World Report, L.P.", "U.S. News & World Report"),
        ("© A. Smith Ltd | Privacy", "A. Smith Ltd"),
        ("© 2015 washingtonpost.com", "washingtonpost.com"),
        ("© Reuters 2021", "Reuters"),
    ],
)
def test_the_copyright_holder_is_still_read(line: str, holder: str) -> None:
    match = metadata._COPYRIGHT_HOLDER.match(line)
    assert match is not None
    assert match.group("holder") == holder
