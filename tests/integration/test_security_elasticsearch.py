"""newsdesk against an Elasticsearch with security on: TLS with our own CA, a password, an API key.

A second local node of its own (port 9250, or a free one when that is taken, a temporary
directory, cluster `newsdesk-secured`):
x-pack security on, TLS on the HTTP layer with a certificate signed by a CA made here with
openssl, the `elastic` password bootstrapped through the keystore. Stopped after the module.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from pydantic import SecretStr

from newsdesk.search_api.app import create_app
from newsdesk.search_api.devtools import es_node
from newsdesk.search_api.index.admin import drop_index
from newsdesk.search_api.index.client import make_client
from newsdesk.search_api.settings import Settings

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make the CA"),
]

PORT = 9250
PASSWORD = "secured-test-password-7c1e"  # a throwaway node's, gone with the module
ARTICLE = {"id": "secured-1", "content": "Forces took the stadium in Raqqa on Tuesday, officials said."}


@dataclass(frozen=True)
class SecuredNode:
    url: str
    ca: Path
    password: str


def _run(command: list[str], **kwargs: object) -> None:
    subprocess.run(command, check=True, capture_output=True, **kwargs)  # type: ignore[call-overload]


def make_certificates(certs: Path) -> None:
    """A CA, and a certificate for 127.0.0.1 / localhost signed by it."""
    certs.mkdir(parents=True)
    ca_key, ca_crt, key, csr, crt = (
        certs / n for n in ("ca.key", "ca.crt", "node.key", "node.csr", "node.crt")
    )
    _run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
          "-subj", "/CN=newsdesk test CA", "-keyout", str(ca_key), "-out", str(ca_crt)])  # fmt: skip
    _run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
          "-keyout", str(key), "-out", str(csr)])  # fmt: skip
    extensions = certs / "san.cnf"
    extensions.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n")
    _run(["openssl", "x509", "-req", "-in", str(csr), "-CA", str(ca_crt), "-CAkey", str(ca_key),
          "-CAcreateserial", "-days", "2", "-extfile", str(extensions), "-out", str(crt)])  # fmt: skip


def free_port(preferred: int) -> int:
    """`preferred` if nothing listens there, else any free loopback port."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
        except OSError:
            sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def node_config(node: Path, port: int) -> str:
    config = {
        "cluster.name": "newsdesk-secured",
        "node.name": "secured",
        "discovery.type": "single-node",
        "network.host": "127.0.0.1",
        "http.port": port,
        "path.data": str(node / "data"),
        "path.logs": str(node / "logs"),
        "cluster.routing.allocation.disk.threshold_enabled": "false",
        "xpack.security.enabled": "true",
        "xpack.security.http.ssl.enabled": "true",
        "xpack.security.http.ssl.key": "certs/node.key",
        "xpack.security.http.ssl.certificate": "certs/node.crt",
        "xpack.security.http.ssl.certificate_authorities": "certs/ca.crt",
    }
    return "".join(f"{key}: {value}\n" for key, value in config.items())


def answers(node: SecuredNode) -> bool:
    context = ssl.create_default_context(cafile=str(node.ca))
    request = urllib.request.Request(f"{node.url}/_cluster/health?wait_for_status=yellow&timeout=1s")
    request.add_header("Authorization", "Basic " + b64encode(f"elastic:{node.password}".encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=5, context=context) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


@pytest.fixture(scope="module")
def secured_node(settings: Settings) -> Iterator[SecuredNode]:
    home = es_node.ensure_distribution(settings)
    workdir = Path(tempfile.mkdtemp(prefix="newsdesk-secured-"))
    os.chmod(workdir, 0o755)  # the node runs as an unprivileged account when we are root
    node, config = workdir / "node", workdir / "node" / "config"
    shutil.copytree(home / "config", config)
    make_certificates(config / "certs")
    port = free_port(PORT)
    (config / "elasticsearch.yml").write_text(node_config(node, port))
    for directory in ("logs", "tmp"):
        (node / directory).mkdir()
    env = {**os.environ, "ES_PATH_CONF": str(config), "ES_JAVA_HOME": str(es_node._java_home(settings))}
    env |= {"ES_JAVA_OPTS": "-Xms512m -Xmx512m", "ES_TMPDIR": str(node / "tmp")}
    keystore = str(home / "bin" / "elasticsearch-keystore")
    _run([keystore, "create"], env=env)
    _run([keystore, "add", "-x", "bootstrap.password"], env=env, input=PASSWORD.encode())
    options: dict[str, object] = {}
    if os.geteuid() == 0:
        account = pwd.getpwnam(settings.es_user)
        options = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        for path in (node, *node.rglob("*")):
            os.chown(path, account.pw_uid, account.pw_gid)
    pid_file = node / "es.pid"
    with (node / "logs" / "launcher.out").open("w") as out:
        launcher = subprocess.Popen(
            [str(home / "bin" / "elasticsearch"), "-d", "-p", str(pid_file)],
            env=env, cwd=node, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True, **options,  # type: ignore[arg-type]
        )  # fmt: skip
    secured = SecuredNode(url=f"https://127.0.0.1:{port}", ca=config / "certs" / "ca.crt", password=PASSWORD)
    try:
        deadline = time.monotonic() + 180
        while not answers(secured):
            if time.monotonic() > deadline:
                log = (node / "logs" / "launcher.out").read_text(errors="replace")[-3000:]
                pytest.fail(f"the secured node did not come up:\n{log}")
            time.sleep(1)
        launcher.wait(30)
        yield secured
    finally:
        pid = int(pid_file.read_text()) if pid_file.is_file() else launcher.pid
        es_node.end_group(os.getpgid(pid) if _alive(pid) else launcher.pid, 60, reap=launcher.poll)
        shutil.rmtree(workdir, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def secured_settings(settings: Settings, secured_node: SecuredNode) -> Iterator[Settings]:
    own = settings.model_copy(
        update={
            "es_url": secured_node.url,
            "es_username": "elastic",
            "es_password": SecretStr(secured_node.password),
            "es_ca_certs": secured_node.ca,
            "index_alias": "newsdesk-secured",
        }
    )
    yield own
    client = make_client(own)
    drop_index(client, own)
    client.close()


def test_password_and_ca_from_settings_serve_search_and_ingest(secured_settings: Settings) -> None:
    with TestClient(create_app(secured_settings), raise_server_exceptions=False) as api:
        assert api.get("/v1/ready").status_code == 200
        ingested = api.post("/v1/ingest", json={"articles": [ARTICLE]})
        assert ingested.status_code == 200, ingested.text
        body = ingested.json()
        assert body["created"] + body["updated"] == ["secured-1"] and body["enrichment_errors"] == [], body
        found = api.post("/v1/search", json={"query": "stadium Raqqa"}).json()
        assert [hit["id"] for hit in found["hits"]] == ["secured-1"]


def test_a_password_file_works_too(secured_settings: Settings, tmp_path: Path) -> None:
    password_file = tmp_path / "es-password"
    password_file.write_text(f"{PASSWORD}\n")
    by_file = secured_settings.model_copy(update={"es_password": None, "es_password_file": password_file})
    with TestClient(create_app(by_file), raise_server_exceptions=False) as api:
        assert api.get("/v1/ready").status_code == 200
        assert api.post("/v1/search", json={"query": "Raqqa"}).status_code == 200


def test_an_api_key_is_sent_as_one(secured_settings: Settings, secured_node: SecuredNode) -> None:
    """The local zip cannot mint API keys (its `.security` index needs analysis-common), so this
    checks the key reaches the node as `ApiKey` credentials, which it refuses, and that a refusal
    by a secured node is a 503 for the caller (our configuration is wrong, not their request)."""
    by_key = secured_settings.model_copy(
        update={"es_username": None, "es_password": None, "es_api_key": SecretStr("bm90LWEta2V5")}
    )
    assert make_client(by_key)._headers["authorization"] == "ApiKey bm90LWEta2V5"
    with TestClient(create_app(by_key), raise_server_exceptions=False) as api:
        assert api.post("/v1/search", json={"query": "Raqqa"}).status_code == 503


def test_wrong_credentials_or_an_unknown_ca_are_503s_that_name_nothing(
    secured_settings: Settings, secured_node: SecuredNode
) -> None:
    wrong_password = secured_settings.model_copy(update={"es_password": SecretStr("not-it")})
    unknown_ca = secured_settings.model_copy(update={"es_ca_certs": None})
    plain_http = secured_settings.model_copy(
        update={"es_url": secured_node.url.replace("https://", "http://"), "es_ca_certs": None}
    )
    for settings in (wrong_password, unknown_ca, plain_http):
        with TestClient(create_app(settings), raise_server_exceptions=False) as api:
            for response in (api.get("/v1/ready"), api.post("/v1/search", json={"query": "Raqqa"})):
                assert response.status_code == 503, (settings.es_url, response.text)
                assert "127.0.0.1" not in response.text and secured_node.password not in response.text
            assert api.get("/v1/health").json()["elasticsearch"] is False


def test_no_secret_reaches_a_response_or_the_settings_repr(secured_settings: Settings) -> None:
    assert PASSWORD not in repr(secured_settings) and PASSWORD not in str(secured_settings.model_dump())
    with TestClient(create_app(secured_settings), raise_server_exceptions=False) as api:
        for response in (api.get("/v1/health"), api.get("/v1/ready"), api.get("/openapi.json")):
            assert PASSWORD not in response.text


def test_the_plain_client_is_refused(secured_node: SecuredNode) -> None:
    anonymous = Elasticsearch(secured_node.url, ca_certs=str(secured_node.ca), max_retries=0)
    with pytest.raises(Exception, match=r"401|security_exception|AuthenticationException"):
        anonymous.cluster.health()
    anonymous.close()
