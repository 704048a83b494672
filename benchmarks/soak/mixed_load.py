"""The soak's traffic: paced reader threads (search, QA, chat) and one writer of small ingest batches.

Each answer is recorded with when it came, so the run can compare latency early and late. The
pacing keeps the load bounded on a shared machine: every reader waits `pause` seconds between
requests, the writer sends `batch` articles every `ingest_every` seconds.
"""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

QUESTIONS = (
    "How many people were killed?",
    "Who won the election?",
    "How much did the company earn?",
    "What did the minister say about the economy?",
    "How many jobs will be cut?",
    "Who is the chief executive?",
)


@dataclass(frozen=True)
class Answer:
    at: float  # seconds since the load started
    route: str
    status: int | None  # None: no answer (a transport error)
    seconds: float


@dataclass
class Recorder:
    """Every answer, behind a lock: reader and writer threads add to it at once."""

    started: float = field(default_factory=time.monotonic)
    answers: list[Answer] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, status: int | None, seconds: float) -> None:
        with self.lock:
            self.answers.append(Answer(time.monotonic() - self.started, route, status, seconds))

    def snapshot(self) -> list[Answer]:
        with self.lock:
            return list(self.answers)


def read_requests(titles: list[str], seed: int) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(route, path, httpx arguments) forever: searches from article titles, questions, chats."""
    rng = random.Random(seed)
    for turn in itertools.count():
        words = rng.choice(titles).split()
        query = " ".join(words[: rng.randint(1, 3)])
        kind = turn % 5
        if kind in (0, 1):
            yield "search", "/v1/search", {"json": {"query": query, "size": 10}}
        elif kind == 2:
            yield "search GET", "/v1/search", {"params": {"q": query}}
        elif kind == 3:
            yield "qa", "/v1/qa", {"json": {"question": rng.choice(QUESTIONS)}}
        else:
            chat = {"messages": [{"role": "user", "content": rng.choice(QUESTIONS)}]}
            yield "chat", "/v1/chat/completions", {"json": chat}


class MixedLoad:
    """Reader threads and an ingest writer thread against two API processes, until stopped."""

    def __init__(
        self,
        read_url: str,
        ingest_url: str,
        key: str,
        titles: list[str],
        articles: list[dict[str, Any]],
        readers: int = 2,
        pause: float = 0.5,
        batch: int = 5,
        ingest_every: float = 10.0,
    ) -> None:
        self.read_url, self.ingest_url, self.key = read_url, ingest_url, key
        self.titles, self.articles = titles, articles
        self.pause, self.batch, self.ingest_every = pause, batch, ingest_every
        self.recorder = Recorder()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._read, args=(n,), daemon=True) for n in range(readers)]
        self.threads.append(threading.Thread(target=self._ingest, daemon=True))
        self.ingested = 0

    def _call(self, client: httpx.Client, route: str, method: str, path: str, **kwargs: Any) -> None:
        began = time.monotonic()
        try:
            status: int | None = client.request(method, path, **kwargs).status_code
        except httpx.HTTPError:
            status = None
        self.recorder.add(route, status, time.monotonic() - began)

    def _read(self, seed: int) -> None:
        with httpx.Client(base_url=self.read_url, timeout=60) as client:
            for route, path, kwargs in read_requests(self.titles, seed):
                if self.stop.is_set():
                    return
                self._call(client, route, "POST" if "json" in kwargs else "GET", path, **kwargs)
                self.stop.wait(self.pause)

    def _ingest(self) -> None:
        """Small batches, the pool's articles in turn; past its end they come again (as updates)."""
        headers = {"X-API-Key": self.key}
        pool = itertools.cycle(self.articles)
        with httpx.Client(base_url=self.ingest_url, timeout=120, headers=headers) as client:
            while not self.stop.is_set():
                batch = [next(pool) for _ in range(self.batch)]
                self._call(client, "ingest", "POST", "/v1/ingest", json={"articles": batch})
                self.ingested += len(batch)
                self.stop.wait(self.ingest_every)

    def __enter__(self) -> MixedLoad:
        self.recorder = Recorder()
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(180)
