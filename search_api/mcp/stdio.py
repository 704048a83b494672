"""`newsdesk mcp`: the MCP server over stdio, for desktop clients that start it as a subprocess.

It talks to Elasticsearch directly with the same settings as the API (`NEWSDESK_ES_URL`, the
index alias); no API process is needed. Stdout carries the protocol, so logs go to stderr.
"""

from __future__ import annotations

import logging
import sys
from functools import cache

from newsdesk.search_api.mcp.backend import Backend
from newsdesk.search_api.mcp.server import build_server
from newsdesk.search_api.qa.engine import QAEngine
from newsdesk.search_api.services import Services
from newsdesk.search_api.settings import Settings


def serve_stdio(settings: Settings) -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    services = Services.start(settings)

    @cache
    def engine() -> QAEngine:
        return QAEngine.from_services(services)

    try:
        build_server(Backend(services=lambda: services, engine=engine)).run("stdio")
    finally:
        services.client.close()
