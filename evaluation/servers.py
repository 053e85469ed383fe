"""A whole assistant for one network, as ``make run`` builds it, in a scratch folder.

:func:`prepare` makes the catalogue database (migrations, the shipped Ofqual titles and
one network folder); :func:`train` gives it the model (one model serves every network);
:class:`Servers` starts the real action server (``python -m actions.server``) and Rasa
server (``tools/rasa_server.sh``) on free loopback ports, with their own tracker store
and a token shared between the two. The conversation evaluation and the end-to-end
tests use these, so both run exactly what a deployment runs (the commands, ports,
start-up and REST call are :mod:`launch`'s).
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Dict, List, Optional, Sequence, Type

from bot.train import fingerprint
from launch import commands, rest
from launch.process import free_port, spawn, stop, wait_for
from pathways_catalogue.db import make_engine
from pathways_catalogue.service import bootstrap
from pathways_catalogue.settings import PROJECT_ROOT

#: the token the Rasa server sends to the action server (actions/server.py)
TOKEN_ENV = "ACTION_SERVER_TOKEN"
#: trained models by the digest of their inputs (``bot.train.fingerprint``)
MODEL_CACHE = PROJECT_ROOT / "var" / "model-cache"


@dataclass(frozen=True)
class Deployment:
    """One network's catalogue database and model, under ``workdir``."""

    slug: str
    workdir: Path

    @property
    def db_url(self) -> str:
        """The catalogue (and enquiries) database."""
        return f"sqlite:///{self.workdir / 'catalogue.db'}"

    @property
    def tracker_url(self) -> str:
        """The tracker store database (conversations)."""
        return f"sqlite:///{self.workdir / 'conversations' / 'tracker.db'}"

    @property
    def model(self) -> Path:
        """The trained model file."""
        return self.workdir / "models" / f"{self.slug}.tar.gz"

    def env(self, **extra: str) -> Dict[str, str]:
        """Environment for every process of this deployment."""
        env = dict(os.environ)
        env.update(
            CATALOGUE_URL=self.db_url,
            PATHWAYS_NETWORK=self.slug,
            PATHWAYS_PROFILE="local",  # SQLite files; bot/endpoints.yml
            TRACKER_STORE_URL=self.tracker_url,
        )
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        env.setdefault(TOKEN_ENV, "")  # bot/endpoints.yml needs it; empty: no token
        env.update(extra)
        return env


def prepare(workdir: Path, folder: Path, slug: str) -> Deployment:
    """Create the catalogue database of ``folder`` (and the Ofqual titles) in ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    deployment = Deployment(slug, workdir)
    engine = make_engine(deployment.db_url)
    try:
        bootstrap(engine, folder)
    finally:
        engine.dispose()
    return deployment


def rasa_command(*args: str) -> List[str]:
    """A Rasa CLI call with this interpreter."""
    return [sys.executable, "-m", "rasa", *args]


def train(deployment: Deployment, force: bool = False) -> float:
    """Give ``deployment`` its model; return the wall time in seconds.

    The model depends on the NLU data, rules, domain and config only, never on the
    catalogue (``bot.train.fingerprint``), so one trained model serves every network: it
    is kept in :data:`MODEL_CACHE` under that fingerprint and copied, and trained only
    when no model of those inputs is there (or with ``force``, from scratch). Rasa's own
    cache is used as ``make train`` uses it.

    Raises:
        RuntimeError: when training fails (with the end of Rasa's output).

    """
    started = time.perf_counter()
    cached = MODEL_CACHE / f"{fingerprint()}.tar.gz"
    deployment.model.parent.mkdir(parents=True, exist_ok=True)
    MODEL_CACHE.mkdir(parents=True, exist_ok=True)
    # one training at a time (parallel test workers, two evaluations): the others wait,
    # then copy what it cached
    with open(MODEL_CACHE / ".train.lock", "w", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cached.exists() and not force:
            shutil.copyfile(cached, deployment.model)
            return time.perf_counter() - started
        _train(deployment, cached, force)
    return time.perf_counter() - started


def _train(deployment: Deployment, cached: Path, force: bool) -> None:
    """Train ``deployment``'s model with Rasa and keep a copy as ``cached``."""
    command = rasa_command(
        "train", "--domain", "bot/domain", "--data", "data", "--config", "config.yml",
        "--out", str(deployment.model.parent), "--fixed-model-name", deployment.slug,
    )  # fmt: skip
    if force:
        command.append("--force")
    result = subprocess.run(
        command, cwd=PROJECT_ROOT, env=deployment.env(), capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    if result.returncode != 0 or not deployment.model.exists():
        raise RuntimeError(f"training failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    partial = cached.with_suffix(f".{os.getpid()}.part")
    shutil.copyfile(deployment.model, partial)
    partial.replace(cached)  # atomic: a concurrent run sees the whole file or none


class Servers:
    """The real action server and Rasa server of a deployment (a context manager)."""

    def __init__(
        self, deployment: Deployment, cors: Sequence[str] = (), api_token: str = "", **env: str
    ) -> None:
        """Servers for ``deployment``; ``env`` adds to its environment.

        ``cors``: browser origins the Rasa server allows; with ``api_token`` Rasa's HTTP
        API is on (loopback). Unless ``env`` sets ``ACTION_SERVER_TOKEN``, the two
        servers share a new random token, as ``make run`` does.
        """
        self.cors = list(cors)
        self.deployment = deployment
        self.api_token = api_token
        self.extra_env = env
        self.extra_env.setdefault(TOKEN_ENV, secrets.token_urlsafe(24))
        self.action_url = ""
        self.rasa_url = ""
        self._actions: Optional[subprocess.Popen] = None
        self._rasa: Optional[subprocess.Popen] = None
        #: when the Rasa server was last started (``time.perf_counter()``)
        self.rasa_started_at = 0.0

    def __enter__(self) -> Servers:
        self.start()
        return self

    def __exit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        trace: Optional[TracebackType],
    ) -> None:
        self.stop()

    @property
    def rasa_log(self) -> Path:
        """Where the Rasa server writes its log."""
        return self.deployment.workdir / "rasa.log"

    @property
    def actions_log(self) -> Path:
        """Where the action server writes its log."""
        return self.deployment.workdir / "actions.log"

    def start(self) -> None:
        """Start the action server, then the Rasa server, and wait until both answer."""
        self.start_actions()
        self.start_rasa()

    def start_actions(self) -> None:
        """Start (or restart) the action server alone, on the port it had if it had one."""
        port = int(self.action_url.rsplit(":", 1)[1].split("/")[0]) if self.action_url else 0
        port = port or free_port()
        self._actions = spawn(
            commands.actions_server(port), self.deployment.env(**self.extra_env),
            self.actions_log,
        )  # fmt: skip
        wait_for(f"http://127.0.0.1:{port}/health", self._actions, self.actions_log)
        self.action_url = f"http://127.0.0.1:{port}/webhook"

    def stop_actions(self) -> None:
        """Stop the action server (the Rasa server keeps running)."""
        if self._actions is not None:
            stop(self._actions)
            self._actions = None

    @property
    def rasa_pid(self) -> Optional[int]:
        """The process id of the Rasa server, while it runs."""
        return self._rasa.pid if self._rasa is not None else None

    @property
    def rasa_running(self) -> bool:
        """Whether the Rasa server is started and has not exited."""
        return self._rasa is not None and self._rasa.poll() is None

    def start_rasa(self) -> None:
        """Start (or restart) the Rasa server alone (``tools/rasa_server.sh``).

        It writes its credentials file (in the workdir) from this deployment's
        environment: messaging channels are on when their variables are.
        """
        self.extra_env["ACTION_ENDPOINT_URL"] = self.action_url
        port = free_port()
        settings = commands.rasa_server_env(
            port, self.deployment.model, self.deployment.workdir / "credentials.yml",
            cors=self.cors, api_token=self.api_token,
        )  # fmt: skip
        self.rasa_started_at = time.perf_counter()
        self._rasa = spawn(
            commands.rasa_server(), self.deployment.env(**{**self.extra_env, **settings}),
            self.rasa_log,
        )  # fmt: skip
        wait_for(f"http://127.0.0.1:{port}/", self._rasa, self.rasa_log)
        self.rasa_url = f"http://127.0.0.1:{port}"

    def stop_rasa(self) -> None:
        """Stop the Rasa server (the action server keeps running)."""
        if self._rasa is not None:
            stop(self._rasa)
            self._rasa = None

    def stop(self) -> None:
        """Stop both servers."""
        self.stop_rasa()
        self.stop_actions()

    @property
    def rest_token(self) -> Optional[str]:
        """The REST channel's token the Rasa server was given (``REST_CHANNEL_TOKEN``), if any."""
        return self.deployment.env(**self.extra_env).get("REST_CHANNEL_TOKEN") or None

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        """Send one learner message over the REST channel; return the bot's messages."""
        return rest.say(self.rasa_url, sender, text, token=self.rest_token)
