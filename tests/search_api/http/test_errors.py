"""What a caller is told when Elasticsearch refuses a request: its error type, never its text."""

from __future__ import annotations

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import BadRequestError

from newsdesk.search_api.http.errors import es_error_type
from newsdesk.search_api.http.middleware import loggable

pytestmark = pytest.mark.unit

META = ApiResponseMeta(
    status=400, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=NodeConfig("http", "es-7", 9200)
)


@pytest.mark.parametrize(
    ("message", "told"),
    [
        ("search_phase_execution_exception", "search_phase_execution_exception"),
        ("An HTTP line is larger than 4096 bytes: GET /newsdesk/_doc/aaaa", "status 400"),
        ("x" * 81, "status 400"),
        ("parse_exception\ninjected", "status 400"),
    ],
)
def test_only_a_short_error_type_is_echoed(message: str, told: str) -> None:
    assert es_error_type(BadRequestError(message=message, meta=META, body={})) == told


def test_log_text_stays_on_one_line_and_is_cut() -> None:
    assert loggable("/v1/x\n2026 INFO forged\r\u2028") == "/v1/x\\n2026 INFO forged\\r\\u2028"
    assert loggable("a\\nb") == "a\\\\nb"  # a literal backslash-n cannot pass for an escaped newline
    long = loggable("a" * 1000)
    assert len(long) < 340 and long.endswith("(1000 characters)")
