"""The client is given every node of a cluster, so a lost node can be routed around."""

from __future__ import annotations

import pytest

from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.settings import Settings

pytestmark = pytest.mark.unit


def test_every_node_listed_in_es_hosts_is_in_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "NEWSDESK_ES_HOSTS", "http://127.0.0.1:9201, http://127.0.0.1:9202,http://127.0.0.1:9203"
    )
    client = make_client(Settings())

    ports = sorted(node.config.port for node in client.transport.node_pool.all())
    assert ports == [9201, 9202, 9203]


def test_without_es_hosts_the_one_url_is_used() -> None:
    client = make_client(Settings(es_url="http://127.0.0.1:9555"))

    assert [node.config.port for node in client.transport.node_pool.all()] == [9555]
