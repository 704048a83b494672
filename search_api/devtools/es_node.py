"""A real single-node Elasticsearch on this machine, so development and tests need neither Docker nor network.

The node is the `integ-test-zip` distribution (core plus security; no bundled JDK, no analysis-common,
no reindex, no painless), fetched through Maven. Everything lives under `settings.es_cache_dir`: the
unpacked distribution, and `node/` with the config, data, logs and pid file of the one node we run."""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdesk.plugins.errors import NewsdeskError
from newsdesk.search_api.settings import Settings, get_settings

logger = logging.getLogger(__name__)

ARTIFACT = "org.elasticsearch.distribution.integ-test-zip:elasticsearch:{version}:zip"
# Fully qualified goal: a bare `dependency:copy` wants a pom, this one runs from any directory.
COPY_GOAL = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy"
PID_FILE = "elasticsearch.pid"
HTTP_ERRORS = (OSError, ValueError, LookupError, TypeError, http.client.HTTPException)


class ElasticsearchNodeError(NewsdeskError):
    """The local node could not be fetched, started or stopped; the message says why."""


@dataclass(frozen=True)
class NodeStatus:
    running: bool
    url: str
    version: str | None
    pid: int | None
    message: str


def node_dir(settings: Settings) -> Path:
    return settings.es_cache_dir / "node"


def ensure_distribution(settings: Settings) -> Path:
    """Fetch and unpack the distribution once; returns its home directory."""
    home = settings.es_cache_dir / f"elasticsearch-{settings.es_version}"
    if (home / "bin" / "elasticsearch").is_file():
        return home
    cache = settings.es_cache_dir
    cache.mkdir(parents=True, exist_ok=True)
    archive = cache / f"{home.name}.zip"
    if not archive.is_file():
        mvn, artifact = shutil.which("mvn"), ARTIFACT.format(version=settings.es_version)
        if mvn is None:
            msg = "Maven (`mvn`) is needed to fetch Elasticsearch; install it, or use docker compose"
            raise ElasticsearchNodeError(msg)
        logger.info("Fetching %s with Maven", artifact)
        command = [mvn, "-q", "-B", COPY_GOAL, f"-Dartifact={artifact}", f"-DoutputDirectory={cache}"]
        done = subprocess.run(command, cwd=cache, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            msg = f"Maven could not fetch {artifact}:\n{done.stdout}{done.stderr}"
            raise ElasticsearchNodeError(msg)
    staging = cache / f".unpacking-{home.name}"  # renamed once complete: never a half-unpacked home
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(archive) as zipped:
        for member in zipped.infolist():
            target = zipped.extract(member, staging)
            if mode := (member.external_attr >> 16) & 0o777:  # zipfile drops the executable bits
                os.chmod(target, mode)
    (staging / home.name).rename(home)
    staging.rmdir()
    archive.unlink()
    return home


def status(settings: Settings) -> NodeStatus:
    """Whether a node answers at `settings.es_url`, and its pid if it is the one we started."""
    url, pid = settings.es_url, _our_pid(settings)
    try:
        # Not `GET /`: the integ-test zip lacks the rest-root module that serves it (405 there).
        nodes = get_json(f"{url}/_nodes/_local?filter_path=nodes.*.version")["nodes"]
        version = str(nodes.popitem()[1]["version"])
    except HTTP_ERRORS as e:
        message = f"starting (pid {pid}), not answering yet" if pid else f"not running ({e})"
        return NodeStatus(running=False, url=url, version=None, pid=pid, message=message)
    owner = f"pid {pid}" if pid else "not started by newsdesk"
    message = f"Elasticsearch {version} running at {url} ({owner})"
    return NodeStatus(running=True, url=url, version=version, pid=pid, message=message)


def start(settings: Settings, timeout: float = 120) -> NodeStatus:
    """Start the node unless one answers; return once it is yellow, or stop it after `timeout` seconds."""
    current = status(settings)
    if current.running:
        return current
    home = ensure_distribution(settings)  # before the clock starts: a first fetch may take a while
    deadline = time.monotonic() + timeout
    launcher = _launch(settings, home) if current.pid is None else None  # else: already on its way up
    while not is_yellow(settings.es_url):
        if (launcher is None or launcher.poll() is not None) and _our_pid(settings) is None:
            msg = f"Elasticsearch failed to start.\n{_launcher_errors(settings)}"
            raise ElasticsearchNodeError(msg)
        if time.monotonic() > deadline:
            if launcher is not None:
                end_group(launcher.pid, 30, reap=launcher.poll)
            msg = f"Elasticsearch was not up at {settings.es_url} within {timeout:g}s.\n"
            raise ElasticsearchNodeError(msg + _launcher_errors(settings))
        time.sleep(0.5)
    if launcher is not None:
        launcher.wait(30)  # it exits once the node is up; reaped, it leaves the node's process group
    return status(settings)


def end_group(
    group: int,
    timeout: float,
    reap: Callable[[], object] = lambda: None,
    first_signal: int = signal.SIGTERM,
) -> None:
    """Signal a process group (a launcher and its node), wait for all of it, SIGKILL it after `timeout`."""
    deadline = time.monotonic() + timeout
    with contextlib.suppress(ProcessLookupError):  # raised once the whole group is gone
        os.killpg(group, first_signal)
        while time.monotonic() < deadline:
            reap()  # a child of ours that exited would still count as a member, until reaped
            os.killpg(group, 0)
            time.sleep(0.2)
        logger.warning("Elasticsearch still running after %gs; killing it", timeout)
        os.killpg(group, signal.SIGKILL)


def is_yellow(url: str) -> bool:
    try:  # answers 408 until the status is reached
        return get_json(f"{url}/_cluster/health?wait_for_status=yellow&timeout=1s")["status"] != "red"
    except HTTP_ERRORS:
        return False


def _launch(settings: Settings, home: Path) -> subprocess.Popen[bytes]:
    return launch(settings, home, node_dir(settings), _node_config(settings))


def launch(
    settings: Settings, home: Path, node: Path, config: dict[str, Any], heap: str | None = None
) -> subprocess.Popen[bytes]:
    """Run the launcher of the node in `node` (config, logs, pid file) in daemon mode: it exits once
    the node is up, or has failed to come up. The local node and each node of the cluster start here."""
    config_dir, tmp = node / "config", node / "tmp"
    for scratch in (config_dir, tmp):  # rebuilt each time: a start cut short can leave them half-written
        shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(home / "config", config_dir)
    for directory in (node / "logs", tmp):  # Elasticsearch makes path.data itself
        directory.mkdir(parents=True, exist_ok=True)
    settings.es_snapshot_dir.mkdir(parents=True, exist_ok=True)
    config = {**config, "path.data": str(node / "data"), "path.logs": str(node / "logs")}
    config["path.repo"] = str(settings.es_snapshot_dir)  # `newsdesk backup` writes its snapshots there
    # JSON scalars and lists are YAML
    (config_dir / "elasticsearch.yml").write_text(
        "".join(f"{k}: {json.dumps(v)}\n" for k, v in config.items())
    )
    heap = heap or settings.es_heap
    env = {**os.environ, "ES_PATH_CONF": str(config_dir), "ES_JAVA_HOME": str(_java_home(settings))}
    env["ES_JAVA_OPTS"] = f"-Xms{heap} -Xmx{heap}"
    env |= {"ES_TMPDIR": str(tmp), "CLI_JAVA_OPTS": f"-Djava.io.tmpdir={tmp}"}  # not /tmp, where they pile up
    options: dict[str, Any] = dict(env=env, cwd=node, stdin=subprocess.DEVNULL, start_new_session=True)
    # Elasticsearch refuses to run as root: hand the node's own files to an unprivileged account.
    if os.geteuid() == 0:
        account = pwd.getpwnam(settings.es_user)
        options |= {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        for path in (node, node / "logs", tmp, config_dir, *config_dir.rglob("*"), settings.es_snapshot_dir):
            os.chown(path, account.pw_uid, account.pw_gid)
    logger.info("Starting Elasticsearch %s in %s", settings.es_version, node)
    command = [str(home / "bin" / "elasticsearch"), "-d", "-p", str(node / PID_FILE)]
    # A file, not a pipe: the daemonised node inherits the launcher's output and would hold a pipe open.
    with (node / "logs" / "launcher.out").open("w") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **options)


def _node_config(settings: Settings) -> dict[str, Any]:
    return {
        "cluster.name": "newsdesk",
        "discovery.type": "single-node",
        "network.host": "127.0.0.1",
        "http.port": urlsplit(settings.es_url).port or 9200,
        "xpack.security.enabled": False,
        "cluster.routing.allocation.disk.threshold_enabled": False,  # a full disk must not block writes
    }


def _java_home(settings: Settings) -> Path:
    if settings.es_java_home is not None:
        return settings.es_java_home
    if (java := shutil.which("java")) is None:
        msg = "No Java found: put Java 17+ on PATH or set NEWSDESK_ES_JAVA_HOME"
        raise ElasticsearchNodeError(msg)
    return Path(java).resolve().parent.parent


def stop(settings: Settings, timeout: float = 60) -> None:
    """Stop the node we started and wait for it to exit; a node someone else started is left alone."""
    if (pid := _our_pid(settings)) is not None:
        logger.info("Stopping Elasticsearch (pid %s)", pid)
        end_group(os.getpgid(pid), timeout)  # its own group: launched with start_new_session
    (node_dir(settings) / PID_FILE).unlink(missing_ok=True)


def _our_pid(settings: Settings) -> int | None:
    return pid_in(node_dir(settings))


def pid_in(node: Path) -> int | None:
    """The pid in `node`'s pid file, if that process is alive and still Elasticsearch (pids get reused)."""
    try:
        pid = int((node / PID_FILE).read_text())
        os.kill(pid, 0)
        proc = Path("/proc")  # where there is one; elsewhere, a live pid has to do
        ours = not proc.is_dir() or b"elasticsearch" in (proc / str(pid) / "cmdline").read_bytes()
    except (OSError, ValueError):  # no pid file, no such process, or not ours to signal
        return None
    return pid if ours else None


def get_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return dict(json.load(response))


def _launcher_errors(settings: Settings) -> str:
    return launcher_errors(node_dir(settings))


def launcher_errors(node: Path) -> str:
    """What the launcher printed this time, less INFO lines and stack frames: what is left says why."""
    output = node / "logs" / "launcher.out"
    text = output.read_text(errors="replace") if output.is_file() else ""
    kept = [ln for ln in text.splitlines() if "][INFO " not in ln and not ln.lstrip().startswith("at ")]
    return f"--- from {output}:\n" + "\n".join(kept[-30:]) if kept else f"(see the logs in {output.parent})"


def main(argv: list[str]) -> int:
    """`start|stop|status`; exits 0 when the command worked and, for `status`, the node answers."""
    commands: dict[str, Callable[[Settings], object]] = {"start": start, "stop": stop, "status": status}
    if len(argv) != 1 or argv[0] not in commands:
        print(f"usage: python -m newsdesk.search_api.devtools.es_node {'|'.join(commands)}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = get_settings()
    try:
        commands[argv[0]](settings)
    except ElasticsearchNodeError as e:
        print(e, file=sys.stderr)
        return 1
    node = status(settings)
    print(node.message)
    return 0 if node.running or argv[0] == "stop" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
