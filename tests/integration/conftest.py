"""The API on a real loopback port, for clients that open their own connections (MCP, Haystack, LangChain)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from benchmarks.api_server import free_port
from newsdesk.search_api.app import create_app
from newsdesk.search_api.settings import Settings


@pytest.fixture(scope="session")
def live_api_url(seeded_api: TestClient, settings: Settings) -> Iterator[str]:
    """The API served by uvicorn in a thread, over the seeded index; its base URL."""
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)
