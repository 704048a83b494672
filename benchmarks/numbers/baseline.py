"""The number processor of another git revision (main, say), run on the same articles for comparison.

`git archive` writes the revision's tree to a temporary folder; a subprocess with that folder first
on `sys.path` runs its `NumberNormaliser` on the articles (JSON on stdin) and prints the mentions
(JSON on stdout), so the baseline and the working tree are measured in one run, on one gold set.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import asdict
from pathlib import Path

from benchmarks.numbers.score import Mention
from benchmarks.numbers.systems import MODEL, Article

REPO = Path(__file__).resolve().parents[2]
_RUNNER = """
import json, sys
from haystack import Document
from newsdesk.plugins.builtin.numbers import NumberNormaliser
articles = json.load(sys.stdin)
normaliser = NumberNormaliser(model=sys.argv[1])
normaliser.warm_up()
documents = [
    Document(id=a["id"], content=a["text"], meta={"published_at": a["published_at"]}) for a in articles
]
result = normaliser.run(documents=documents)["documents"]
json.dump({doc.id: doc.meta["numbers"] for doc in result}, sys.stdout)
"""


def read_revision(ref: str, articles: list[Article]) -> dict[str, list[Mention]]:
    """Mentions found by the number processor as it is at `ref`, by article id."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=REPO, capture_output=True, check=True
    )
    with tempfile.TemporaryDirectory(prefix="numbers-baseline-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="tar")
        env = {**os.environ, "PYTHONPATH": folder}
        done = subprocess.run(
            [sys.executable, "-c", _RUNNER, MODEL],
            input=json.dumps([asdict(a) for a in articles]),
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=folder,
        )
    found: dict[str, list[Mention]] = json.loads(done.stdout)
    return found
