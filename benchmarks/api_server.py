"""The API served by uvicorn in a process of its own, for benchmarks that load it over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    msg = f"{url} did not answer within {timeout} s"
    raise TimeoutError(msg)


@contextmanager
def served_api(
    env: dict[str, str], workers: int = 1, port: int | None = None, log: Path | None = None
) -> Iterator[str]:
    """Yield the base URL of an API (settings from `env` over ours) once /v1/health answers; stop it after."""
    port = port or free_port()
    command = [sys.executable, "-m", "uvicorn", "newsdesk.search_api.app:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning", "--no-access-log"]
    # the API logs every request: keep that out of the benchmark's table
    with log.open("w") if log else open(os.devnull, "w") as out:
        server = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{url}/v1/health")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
