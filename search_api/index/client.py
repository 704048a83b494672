"""How newsdesk reaches Elasticsearch: one client per process, built from settings."""

from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch

from newsdesk.search_api.http.security import read_secret
from newsdesk.search_api.settings import Settings


def client_options(settings: Settings) -> dict[str, Any]:
    """Credentials, TLS and failure handling for the client, from settings.

    A node that stops answering is skipped for at most `es_max_dead_node_backoff` seconds (the
    client's default grows to 30 s), so the API notices within seconds that it is back.
    """
    options: dict[str, Any] = {
        "request_timeout": settings.es_request_timeout,
        "retry_on_timeout": True,
        "max_retries": settings.es_max_retries,
        "dead_node_backoff_factor": min(0.5, settings.es_max_dead_node_backoff),
        "max_dead_node_backoff": settings.es_max_dead_node_backoff,
    }
    if api_key := read_secret(settings.es_api_key, settings.es_api_key_file):
        options["api_key"] = api_key
    elif settings.es_username:
        password = read_secret(settings.es_password, settings.es_password_file) or ""
        options["basic_auth"] = (settings.es_username, password)
    if settings.es_sniff:  # learn the other nodes, and learn again when one fails
        options |= {"sniff_on_start": True, "sniff_on_node_failure": True, "min_delay_between_sniffing": 5}
    if settings.es_ca_certs is not None:
        options["ca_certs"] = str(settings.es_ca_certs)
    if not settings.es_verify_certs:
        options["verify_certs"] = False
    return options


def make_client(settings: Settings) -> Elasticsearch:
    """A client of every node in `es_hosts` (else `es_url`): a lost node is skipped, its requests retried."""
    return Elasticsearch(settings.es_hosts or settings.es_url, **client_options(settings))
