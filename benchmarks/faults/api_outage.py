"""Fault script: stop Elasticsearch under a query load, start it again, count what the API answered.

    python -m benchmarks.faults.api_outage [--clients 4] [--phase-seconds 10] [--json report.json]

Runs on loopback only and is bounded in time and count: a scratch Elasticsearch node of its own
(on a free loopback port, in a temporary directory; the node `make test` uses is never touched,
and runs side by side do not meet), the API
served by uvicorn on a free local port, and `--clients` threads sending a mix of every endpoint
(search, QA, chat, ingest, entities, articles, health, ready) for `--phase-seconds` before the
outage, during it, and after recovery, `--max-requests` at most. The report counts 2xx / 4xx /
5xx per phase and the recovery time; the API passes when the only 5xx are 503s with
`Retry-After` while Elasticsearch is down, and there are none before or after.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from newsdesk.search_api.devtools import es_node
from newsdesk.search_api.settings import Settings

ARTICLE = (
    "RAQQA, Syria (Reuters) -- U.S.-backed forces said on Tuesday they had taken the stadium in Raqqa, "
    "where about 300 Islamic State fighters had held out, and that 1,130 civilians had been killed."
)


@dataclass
class PhaseCounts:
    sent: int = 0
    by_class: Counter[str] = field(default_factory=Counter)  # 2xx, 4xx, 5xx, no answer
    by_status: Counter[int] = field(default_factory=Counter)
    without_retry_after: int = 0  # 503s missing the header
    by_endpoint: dict[str, Counter[int | None]] = field(default_factory=dict)

    def add(self, endpoint: str, status: int | None, retry_after: bool) -> None:
        self.sent += 1
        self.by_endpoint.setdefault(endpoint, Counter())[status] += 1
        if status is None:
            self.by_class["no answer"] += 1
            return
        self.by_class[f"{status // 100}xx"] += 1
        self.by_status[status] += 1
        if status == 503 and not retry_after:
            self.without_retry_after += 1


@dataclass
class OutageReport:
    clients: int
    phase_seconds: float
    phases: dict[str, PhaseCounts]
    outage_seconds: float = 0.0  # node stopped until it answered again
    first_503_after_stop_seconds: float | None = None
    recovery_seconds: float | None = None  # node answering again -> first 2xx search from the API
    ready_recovery_seconds: float | None = None  # node answering again -> /v1/ready says 200
    endpoints: list[str] = field(default_factory=list)

    @property
    def unexpected_5xx(self) -> int:
        """5xx other than 503-with-Retry-After during the outage, plus any 5xx before or after it."""
        count = 0
        for name, phase in self.phases.items():
            errors = sum(n for status, n in phase.by_status.items() if status >= 500)
            if name in ("outage", "recovering"):
                errors -= phase.by_status[503] - phase.without_retry_after
            count += errors
        return count

    @property
    def passed(self) -> bool:
        return self.unexpected_5xx == 0 and self.recovery_seconds is not None

    def as_dict(self) -> dict[str, Any]:
        body = asdict(self)
        body["phases"] = {
            name: {
                "sent": p.sent,
                "by_class": dict(p.by_class),
                "by_status": {str(k): v for k, v in sorted(p.by_status.items())},
                "by_endpoint": {
                    e: {str(k): v for k, v in c.items()} for e, c in sorted(p.by_endpoint.items())
                },
            }
            for name, p in self.phases.items()
        }
        return {**body, "unexpected_5xx": self.unexpected_5xx, "passed": self.passed}

    def markdown(self) -> str:
        lines = [
            "| phase | sent | 2xx | 4xx | 5xx | of which 503 | no answer |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, p in self.phases.items():
            lines.append(
                f"| {name} | {p.sent} | {p.by_class['2xx']} | {p.by_class['4xx']} | {p.by_class['5xx']} "
                f"| {p.by_status[503]} | {p.by_class['no answer']} |"
            )
        lines += [
            "",
            f"- Elasticsearch down for {self.outage_seconds:.1f} s (stopped until it answered again)",
            f"- first 503 {self.first_503_after_stop_seconds or 0:.2f} s after the stop",
            f"- recovery: first 2xx search {self.recovery_seconds} s after Elasticsearch answered again; "
            f"/v1/ready 200 after {self.ready_recovery_seconds} s",
            f"- 5xx other than 503 + Retry-After during the outage, or any outside it: {self.unexpected_5xx}",
        ]
        return "\n".join(lines)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def scratch_node(base: Settings, port: int | None = None, heap: str = "512m") -> Iterator[Settings]:
    """A node of its own on `port` (a free one by default), in a temporary directory, using the
    distribution `base` fetched."""
    home = es_node.ensure_distribution(base)
    port = port or free_port()
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-outage-"))
    os.chmod(workdir, 0o755)  # the node runs as an unprivileged account when we are root
    (workdir / home.name).symlink_to(home)
    settings = base.model_copy(
        update={
            "es_url": f"http://127.0.0.1:{port}",
            "es_cache_dir": workdir,
            "es_heap": heap,
            "es_snapshot_dir": workdir / "snapshots",
            "dead_letter_path": workdir / "dead-letter.jsonl",
        }
    )
    if es_node.status(settings).running:
        msg = f"something already answers on port {port}; stop it or pick another port"
        raise RuntimeError(msg)
    try:
        es_node.start(settings)
        yield settings
    finally:
        es_node.stop(settings)
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def serve_api(settings: Settings) -> Iterator[str]:
    """The API in a uvicorn server on a free loopback port, in a thread of this process."""
    import uvicorn

    from newsdesk.search_api.app import create_app

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="warning", access_log=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            msg = "the API did not start"
            raise RuntimeError(msg)
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


def requests_mix(key: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path, httpx keyword arguments): every kind of endpoint, reads weighted as in use."""
    auth = {"X-API-Key": key}
    return [
        ("POST", "/v1/search", {"json": {"query": "Raqqa stadium"}}),
        ("GET", "/v1/search", {"params": {"q": "Raqqa", "source": "Reuters"}}),
        ("POST", "/v1/search", {"json": {"query": "", "facets": ["source"], "size": 2}}),
        ("POST", "/v1/qa", {"json": {"question": "How many civilians were killed in Raqqa?"}}),
        (
            "POST",
            "/v1/chat/completions",
            {"json": {"messages": [{"role": "user", "content": "Who took Raqqa?"}]}},
        ),
        ("GET", "/v1/articles/outage-1", {}),
        ("GET", "/v1/articles/outage-1/similar", {}),
        ("GET", "/v1/entities", {"params": {"prefix": "Raq"}}),
        ("GET", "/v1/facets/places/values", {"params": {"prefix": "Ra"}}),
        (
            "POST",
            "/v1/ingest",
            {"json": {"articles": [{"id": "outage-2", "content": ARTICLE}]}, "headers": auth},
        ),
        ("GET", "/v1/ready", {}),
        ("GET", "/v1/health", {}),
    ]


class Load:
    """`clients` threads cycling through the request mix, recording each answer in the current phase."""

    def __init__(self, base_url: str, key: str, clients: int, max_requests: int) -> None:
        self.base_url, self.clients, self.max_requests = base_url, clients, max_requests
        self.mix = requests_mix(key)
        self.phase = "before"
        self.phases: dict[str, PhaseCounts] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.first_503_at: float | None = None
        self.threads = [threading.Thread(target=self._work, args=(i,), daemon=True) for i in range(clients)]

    def _record(self, endpoint: str, status: int | None, retry_after: bool) -> None:
        with self.lock:
            self.phases.setdefault(self.phase, PhaseCounts()).add(endpoint, status, retry_after)
            if status == 503 and self.first_503_at is None and self.phase == "outage":
                self.first_503_at = time.monotonic()
            if sum(p.sent for p in self.phases.values()) >= self.max_requests:
                self.stop.set()

    def _work(self, offset: int) -> None:
        with httpx.Client(base_url=self.base_url, timeout=30) as client:
            i = offset
            while not self.stop.is_set():
                method, path, kwargs = self.mix[i % len(self.mix)]
                i += 1
                endpoint = f"{method} {path}"
                try:
                    response = client.request(method, path, **kwargs)
                except httpx.HTTPError:
                    self._record(endpoint, None, False)
                    continue
                self._record(endpoint, response.status_code, "retry-after" in response.headers)

    def __enter__(self) -> Load:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(60)


def wait_for(client: httpx.Client, path: str, deadline: float, **kwargs: Any) -> float | None:
    """Seconds until `path` answers 2xx, polled every 50 ms; None if not by `deadline`."""
    started = time.monotonic()
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if client.request("POST" if "json" in kwargs else "GET", path, **kwargs).is_success:
                return round(time.monotonic() - started, 2)
        time.sleep(0.05)
    return None


def run(
    base: Settings, clients: int = 4, phase_seconds: float = 10, max_requests: int = 20_000
) -> OutageReport:
    key = secrets.token_urlsafe(24)
    with scratch_node(base) as node:
        settings = node.model_copy(update={"index_alias": "newsdesk-outage", "api_keys": [SecretStr(key)]})
        with serve_api(settings) as url, httpx.Client(base_url=url, timeout=30) as probe:
            seed = {"articles": [{"id": "outage-1", "content": ARTICLE, "source": "Reuters"}]}
            auth = {"X-API-Key": key}
            seeded = wait_for(probe, "/v1/ingest", time.monotonic() + 120, json=seed, headers=auth)
            if seeded is None:
                msg = "could not seed the scratch node's index within 120 s"
                raise RuntimeError(msg)
            with Load(url, key, clients, max_requests) as load:
                time.sleep(phase_seconds)
                load.phase, stopped_at = "outage", time.monotonic()
                es_node.stop(node)
                time.sleep(phase_seconds)
                es_node.start(node)
                back_at = time.monotonic()
                load.phase = "recovering"
                deadline = back_at + 120
                recovery = wait_for(probe, "/v1/search", deadline, json={"query": "Raqqa"})
                ready = wait_for(probe, "/v1/ready", deadline)
                load.phase = "after recovery"
                time.sleep(phase_seconds)
            first_503 = load.first_503_at - stopped_at if load.first_503_at else None
            return OutageReport(
                clients=clients,
                phase_seconds=phase_seconds,
                phases=load.phases,
                outage_seconds=round(back_at - stopped_at, 1),
                first_503_after_stop_seconds=round(first_503, 2) if first_503 is not None else None,
                recovery_seconds=recovery,
                ready_recovery_seconds=ready,
                endpoints=[f"{method} {path}" for method, path, _ in load.mix],
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--phase-seconds", type=float, default=10)
    parser.add_argument("--max-requests", type=int, default=20_000)
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    logging.getLogger("search_api").setLevel(logging.ERROR)  # a line per request would drown the report
    report = run(Settings(), args.clients, args.phase_seconds, args.max_requests)
    print(report.markdown())
    if args.json:
        args.json.write_text(json.dumps(report.as_dict(), indent=2))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
