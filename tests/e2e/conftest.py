"""Fixtures that train real Rasa models and start the real servers (slow).

Each network gets its own database and model, trained once per test session. The
servers are real processes: the rasa_sdk action server and the Rasa HTTP server,
on free loopback ports, with their own tracker store under the session's tmp dir.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterator, List

import pytest

from pathways_catalogue.db import make_engine
from pathways_catalogue.service import import_folder
from pathways_catalogue.settings import DEMO_NETWORK, PROJECT_ROOT
from tests.conftest import SECOND_NETWORK, migrate

NETWORKS = {"vale_and_wolds": DEMO_NETWORK, "fenland_coast": SECOND_NETWORK}
STARTUP_TIMEOUT_S = 240


@dataclass
class Trained:
    """A network's database and the model trained on it."""

    slug: str
    db_url: str
    model: Path
    workdir: Path

    def env(self) -> Dict[str, str]:
        """Environment for processes that should use this network."""
        env = dict(os.environ)
        env.update(CATALOGUE_URL=self.db_url, PATHWAYS_NETWORK=self.slug)
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        return env


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll ``url`` until it answers 200, failing early if the process died."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}:\n{log.read_text()[-4000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise RuntimeError(
        f"{url} did not come up in {STARTUP_TIMEOUT_S} s:\n{log.read_text()[-4000:]}"
    )


def rasa(*args: str) -> List[str]:
    """The command line for a Rasa CLI call with this venv's Python."""
    return [sys.executable, "-m", "rasa", *args]


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Trained]:
    """Return a function that trains (once) a model for a network slug."""
    cache: Dict[str, Trained] = {}

    def get(slug: str) -> Trained:
        if slug in cache:
            return cache[slug]
        work = tmp_path_factory.mktemp(slug)
        db_url = f"sqlite:///{work / 'catalogue.db'}"
        engine = make_engine(db_url)
        migrate(engine)  # both schemas, as `make db` leaves them
        import_folder(engine, NETWORKS[slug])
        engine.dispose()
        item = Trained(slug, db_url, work / "models" / f"{slug}.tar.gz", work)
        result = subprocess.run(
            rasa(
                "train",
                "--domain",
                "bot/domain",
                "--data",
                "data",
                "--config",
                "config.yml",
                "--out",
                str(work / "models"),
                "--fixed-model-name",
                slug,
            ),
            cwd=PROJECT_ROOT,
            env=item.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert item.model.exists()
        cache[slug] = item
        return item

    return get


@dataclass
class Servers:
    """Running action and Rasa servers for one network."""

    trained: Trained
    action_url: str
    rasa_url: str
    endpoints: Path


def write_endpoints(path: Path, action_url: str, tracker_db: Path) -> Path:
    """An endpoints file for tests: our action server, a private SQLite tracker store."""
    path.write_text(
        f"action_endpoint:\n  url: {action_url}\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tracker_db}\n",
        encoding="utf-8",
    )
    return path


def start(command: List[str], env: Dict[str, str], log: Path) -> subprocess.Popen:
    """Start a server process whose output goes to ``log``."""
    handle = log.open("w")
    return subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )


def stop(process: subprocess.Popen) -> None:
    """Stop a server process, politely first."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def action_server(trained: Callable[[str], Trained]) -> Iterator[Callable[[str], str]]:
    """Return a function that starts (once) an action server for a network; gives its URL."""
    running: Dict[str, str] = {}
    processes: List[subprocess.Popen] = []

    def get(slug: str) -> str:
        if slug not in running:
            item = trained(slug)
            port = free_port()
            log = item.workdir / "actions.log"
            process = start(
                [sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
                item.env(),
                log,
            )
            processes.append(process)
            wait_for(f"http://127.0.0.1:{port}/health", process, log)
            running[slug] = f"http://127.0.0.1:{port}/webhook"
        return running[slug]

    yield get
    for process in processes:
        stop(process)


@pytest.fixture(scope="session")
def demo_servers(
    trained: Callable[[str], Trained], action_server: Callable[[str], str]
) -> Iterator[Servers]:
    """The real Rasa server (REST + socket.io) and action server on the demo network."""
    item = trained("vale_and_wolds")
    action_url = action_server("vale_and_wolds")
    endpoints = write_endpoints(
        item.workdir / "endpoints-e2e.yml", action_url, item.workdir / "tracker.db"
    )
    port = free_port()
    log = item.workdir / "rasa.log"
    process = start(
        rasa(
            "run",
            "--model",
            str(item.model),
            "--endpoints",
            str(endpoints),
            "--credentials",
            "bot/credentials.yml",
            "--port",
            str(port),
            "--interface",
            "127.0.0.1",
            "--enable-api",
        ),
        item.env(),
        log,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/status", process, log)
        yield Servers(item, action_url, f"http://127.0.0.1:{port}", endpoints)
    finally:
        stop(process)
