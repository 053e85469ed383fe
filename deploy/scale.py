"""The scale profile on this machine: ``python -m deploy.scale up|down|status``.

``make scale-up`` starts, on 127.0.0.1 only: PostgreSQL (catalogue, enquiries,
conversations), Redis (Rasa's lock store), two action servers, two Rasa replicas
(``PATHWAYS_PROFILE=scale``: ``bot/endpoints.scale.yml``), the web front if the
``web`` package exists, and nginx balancing the Rasa replicas (``front``) and the
action servers (``actions``). State lives in ``var/scale/``: PIDs, logs, the data,
and ``secrets.env`` (generated passwords, mode 0600, never printed).

:class:`Topology` is the same from Python (a context manager, for the fault tests and
the load benchmark)::

    with Topology(Path("var/scale-bench"), Ports.free()) as topology:
        topology.say("learner-1", "hi")
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Dict, List, Optional, Sequence, Type

from deploy.nginx import nginx_conf
from deploy.services import (
    Postgres,
    Processes,
    ServiceError,
    as_user,
    binary,
    chown,
    install_packages,
    redis_conf,
)
from launch import commands, rest
from launch.process import StartError, free_port, wait_for
from pathways_catalogue.settings import PROJECT_ROOT

DEFAULT_WORKDIR = PROJECT_ROOT / "var" / "scale"
#: how long a Rasa replica or action server may take to come up (two shared cores)
STARTUP_TIMEOUT_S = 600
REPLICAS = 2
DB_USER = "pathways"
DB_NAME = "pathways"
TRACKER_DB_NAME = "pathways_conversations"
#: generated once into secrets.env: the databases', Redis's and the action servers' shared
#: token, the REST channel's token, the channels' signing secret and /metrics' token
SECRET_NAMES = ("PATHWAYS_PG_PASSWORD", "REDIS_PASSWORD", "ACTION_SERVER_TOKEN",
                "REST_CHANNEL_TOKEN", "CHANNEL_SECRET", "METRICS_TOKEN")


@dataclass(frozen=True)
class Ports:
    """The loopback ports of one topology."""

    postgres: int = 55432
    redis: int = 56379
    front: int = 8080
    actions: int = 5150
    rasa: Sequence[int] = (5105, 5106)
    action_servers: Sequence[int] = (5155, 5156)
    web: int = 8000

    @classmethod
    def free(cls) -> Ports:
        """Ports that are free now (for tests beside a running ``make scale-up``)."""
        return cls(postgres=free_port(), redis=free_port(), front=free_port(),
                   actions=free_port(), rasa=tuple(free_port() for _ in range(REPLICAS)),
                   action_servers=tuple(free_port() for _ in range(REPLICAS)),
                   web=free_port())  # fmt: skip


def has_web() -> bool:
    """True if the web front (``python -m web serve``) is in the project."""
    return (PROJECT_ROOT / "web" / "__main__.py").exists()


@dataclass
class Topology:
    """The whole scale topology under ``workdir`` (a context manager: up, then down)."""

    workdir: Path = DEFAULT_WORKDIR
    ports: Ports = field(default_factory=Ports)
    model: Path = PROJECT_ROOT / "models" / "pathways.tar.gz"
    #: start the web front (default: if the ``web`` package is present)
    web: bool = field(default_factory=has_web)

    def __post_init__(self) -> None:
        self.workdir = self.workdir.resolve()
        self.processes = Processes(self.workdir / "pids", self.workdir / "logs")
        self.postgres = Postgres(self.workdir / "postgres", self.ports.postgres)

    # -- settings ---------------------------------------------------------------------

    def secrets(self) -> Dict[str, str]:
        """The generated passwords (created once, kept in ``secrets.env``, mode 0600)."""
        path = self.workdir / "secrets.env"
        found: Dict[str, str] = {}
        if path.exists():
            pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
            found = {k: v for k, v in pairs}
        missing = {name: secrets.token_hex(16) for name in SECRET_NAMES if name not in found}
        if missing:
            self.workdir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a") as handle:
                handle.writelines(f"{k}={v}\n" for k, v in missing.items())
            found.update(missing)
        return found

    def env(self, **extra: str) -> Dict[str, str]:
        """The environment of every process: the scale profile and where things are."""
        env = {k: v for k, v in os.environ.items()
               if k not in ("CATALOGUE_URL", "TRACKER_STORE_URL")}  # fmt: skip
        env.update(self.secrets())
        env.update(
            PATHWAYS_PROFILE="scale",
            PATHWAYS_PG_HOST="127.0.0.1",
            PATHWAYS_PG_PORT=str(self.ports.postgres),
            PATHWAYS_PG_USER=DB_USER,
            PATHWAYS_PG_DATABASE=DB_NAME,
            PATHWAYS_PG_TRACKER_DATABASE=TRACKER_DB_NAME,
            REDIS_HOST="127.0.0.1",
            REDIS_PORT=str(self.ports.redis),
            REDIS_DB="1",
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{self.ports.actions}/webhook",
            # nginx, on loopback, is the one proxy: its X-Forwarded-For names the client
            TRUSTED_PROXIES="127.0.0.1/32 ::1/128",
            # the widget on the web front's page behind nginx (socket.io checks origins)
            RASA_CORS_ORIGINS=os.environ.get("RASA_CORS_ORIGINS")
            or f"http://127.0.0.1:{self.ports.front} http://localhost:{self.ports.front}",
            TF_CPP_MIN_LOG_LEVEL="2",
        )
        env.update(extra)
        return env

    @property
    def front_url(self) -> str:
        """nginx: the REST and socket.io channels (and the web front)."""
        return f"http://127.0.0.1:{self.ports.front}"

    def rasa_url(self, replica: int) -> str:
        """One Rasa replica, directly."""
        return f"http://127.0.0.1:{self.ports.rasa[replica]}"

    # -- start and stop ---------------------------------------------------------------

    def up(self, train: bool = True) -> None:
        """Install what is missing, start everything, and wait until it answers."""
        install_packages()
        self.start_postgres()
        self.migrate()
        if train:
            self.train()
        self.start_redis()
        with ThreadPoolExecutor(REPLICAS) as pool:
            list(pool.map(self.start_actions, range(REPLICAS)))
        self.start_nginx()
        with ThreadPoolExecutor(REPLICAS) as pool:
            list(pool.map(self.start_rasa, range(REPLICAS)))
        if self.web:
            self.start_web()
        self._write_state()

    def down(self) -> None:
        """Stop everything this topology started (data stays in ``workdir``)."""
        for name in ("nginx", "web", *self._names("rasa"), *self._names("actions"), "redis"):
            self.processes.stop(name)
        self.postgres.stop()

    def _names(self, kind: str) -> List[str]:
        return [f"{kind}-{i}" for i in range(REPLICAS)]

    def __enter__(self) -> Topology:
        try:
            self.up()
        except BaseException:
            self.down()
            raise
        return self

    def __exit__(
        self, kind: Optional[Type[BaseException]], error: Optional[BaseException],
        trace: Optional[TracebackType],
    ) -> None:  # fmt: skip
        self.down()

    def start_postgres(self) -> None:
        """Start PostgreSQL (creating the cluster, role and databases the first time)."""
        self.postgres.init()
        self.postgres.start()
        self.postgres.ensure_role(
            DB_USER, self.secrets()["PATHWAYS_PG_PASSWORD"], (DB_NAME, TRACKER_DB_NAME)
        )

    def migrate(self) -> None:
        """Migrate the catalogue (importing the demo network if empty) and the enquiries."""
        for module in ("pathways_catalogue", "enquiries"):
            command = "bootstrap" if module == "pathways_catalogue" else "upgrade"
            self._run([sys.executable, "-m", module, command])

    def train(self) -> None:
        """Train the model if its data, rules, domain or config changed (``bot.train``)."""
        self._run([sys.executable, "-m", "bot.train", "--out", str(self.model.parent)])

    def _run(self, command: List[str]) -> None:
        result = subprocess.run(
            command, cwd=PROJECT_ROOT, env=self.env(), capture_output=True, text=True,
            check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise ServiceError(f"{' '.join(command[1:])} failed:\n{result.stderr[-3000:]}")

    def start_redis(self) -> None:
        """Start Redis as the ``redis`` user, with its config (and password) in a 0600 file."""
        folder = self.workdir / "redis"
        folder.mkdir(parents=True, exist_ok=True)
        conf = folder / "redis.conf"
        conf.write_text(redis_conf(folder, self.ports.redis, self.secrets()["REDIS_PASSWORD"]))
        conf.chmod(0o600)
        chown(folder, "redis")
        chown(conf, "redis")
        self.processes.start(
            "redis", as_user("redis", [str(binary("redis-server")), str(conf)]), self.env()
        )
        self._wait_redis()

    def _wait_redis(self, timeout: float = 30) -> None:
        import redis

        password = self.secrets()["REDIS_PASSWORD"]
        client = redis.Redis(host="127.0.0.1", port=self.ports.redis, password=password,
                             socket_timeout=2)  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return
            except redis.RedisError:
                time.sleep(0.3)
        raise ServiceError(f"Redis did not answer on port {self.ports.redis}")

    def start_actions(self, replica: int) -> None:
        """Start action server ``replica`` on loopback and wait for ``/health``."""
        port = self.ports.action_servers[replica]
        name = f"actions-{replica}"
        self.processes.start(name, commands.actions_server(port), self.env())
        self._wait(name, f"http://127.0.0.1:{port}/health")

    def stop_actions(self, replica: int) -> None:
        """Stop action server ``replica``."""
        self.processes.stop(f"actions-{replica}")

    def start_rasa(self, replica: int) -> None:
        """Start Rasa replica ``replica`` (``tools/rasa_server.sh``) and wait until it answers."""
        name = f"rasa-{replica}"
        settings = commands.rasa_server_env(
            self.ports.rasa[replica], self.model, self.workdir / "credentials" / f"{name}.yml"
        )
        self.processes.start(name, commands.rasa_server(), self.env(**settings))
        self._wait(name, self.rasa_url(replica) + "/")

    def stop_rasa(self, replica: int) -> None:
        """Stop Rasa replica ``replica`` politely."""
        self.processes.stop(f"rasa-{replica}")

    def kill_rasa(self, replica: int) -> None:
        """Kill Rasa replica ``replica`` (SIGKILL), as a crash would."""
        self.processes.kill(f"rasa-{replica}")

    def start_nginx(self) -> None:
        """Write the nginx config and start nginx (master as root, workers as www-data)."""
        folder = self.workdir / "nginx"
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (folder / "tmp" / sub).mkdir(parents=True, exist_ok=True)
            chown(folder / "tmp" / sub, "www-data")
        conf = folder / "nginx.conf"
        conf.write_text(nginx_conf(
            folder, self.ports.front, self.ports.actions, self.ports.rasa,
            self.ports.action_servers, self.ports.web if self.web else None,
            rest=bool(self.secrets().get("REST_CHANNEL_TOKEN")),
        ))  # fmt: skip
        user = "user www-data;\n" if os.geteuid() == 0 else ""
        conf.write_text(user + conf.read_text())
        nginx = str(binary("nginx"))
        check = subprocess.run([nginx, "-t", "-q", "-c", str(conf), "-p", str(folder)],
                               capture_output=True, text=True, check=False)  # fmt: skip
        if check.returncode != 0:
            raise ServiceError(f"nginx config rejected:\n{check.stderr[-2000:]}")
        self.processes.start("nginx", [nginx, "-c", str(conf), "-p", str(folder)], self.env())
        wait_until_listening(self.ports.front)

    def start_web(self) -> None:
        """Start the web front (``python -m web serve``) and wait until it listens."""
        self.processes.start(
            "web", commands.web_front(self.ports.web),
            self.env(RASA_URL=self.front_url,
                     WEB_SECRET_KEY_FILE=str(self.workdir / "web-secret.key")),
        )  # fmt: skip
        self._wait("web", f"http://127.0.0.1:{self.ports.web}/health")

    def _wait(self, name: str, url: str) -> None:
        """Wait until server ``name`` answers ``url`` (failing with its log if it exits)."""
        wait_for(url, lambda: self.processes.pid(name), self.processes.log(name),
                 STARTUP_TIMEOUT_S)  # fmt: skip

    def restart(self) -> None:
        """Stop every service, then start them all again (no training)."""
        self.down()
        self.up(train=False)

    # -- talking to it ----------------------------------------------------------------

    def say(self, sender: str, text: str, replica: Optional[int] = None) -> List[Dict[str, Any]]:
        """One learner message over REST: through nginx, or to one ``replica`` directly."""
        base = self.front_url if replica is None else self.rasa_url(replica)
        return rest.say(base, sender, text, token=self.secrets()["REST_CHANNEL_TOKEN"])

    def status(self) -> Dict[str, Any]:
        """What runs (name -> PID or None) and on which ports; no secrets."""
        names = ["redis", "nginx", *self._names("actions"), *self._names("rasa")]
        if self.web:
            names.append("web")
        running: Dict[str, Any] = {name: self.processes.pid(name) for name in names}
        running["postgres"] = self.postgres.running()
        return {"running": running, "ports": asdict(self.ports), "front": self.front_url}

    def _write_state(self) -> None:
        (self.workdir / "topology.json").write_text(json.dumps(asdict(self.ports), indent=2))


def wait_until_listening(port: int, timeout: float = 30) -> None:
    """Wait until something accepts TCP connections on 127.0.0.1:``port``.

    Raises:
        ServiceError: if nothing does in time.

    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise ServiceError(f"nothing listens on 127.0.0.1:{port}")


def saved_topology(workdir: Path = DEFAULT_WORKDIR) -> Topology:
    """The topology ``up`` last started in ``workdir`` (its ports), or the default one."""
    state = workdir / "topology.json"
    if state.exists():
        data: Dict[str, Any] = json.loads(state.read_text())
        ports: Dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                                 for k, v in data.items()}  # fmt: skip
        return Topology(workdir, Ports(**ports))
    return Topology(workdir)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m deploy.scale",
                                     description=__doc__.split("\n")[0])  # fmt: skip
    parser.add_argument("command", choices=("up", "down", "status"))
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.command == "up":
        topology = Topology(args.workdir)
        started = time.perf_counter()
        try:
            topology.up()
        except StartError as error:  # a ServiceError too
            print(f"scale-up failed: {error}", file=sys.stderr)
            return 1
        print(f"scale profile up in {time.perf_counter() - started:.0f} s "
              f"(logs and PIDs in {topology.workdir}):")  # fmt: skip
        print(json.dumps(topology.status(), indent=2))
        print(f"Try (REST_CHANNEL_TOKEN is in {topology.workdir}/secrets.env): "
              f"curl -s {topology.front_url}/webhooks/rest/webhook "
              """-H "Authorization: Bearer $REST_CHANNEL_TOKEN" """
              """-d '{"sender":"me","message":"hi"}'""")  # fmt: skip
        return 0
    topology = saved_topology(args.workdir)
    if args.command == "down":
        topology.down()
        print("scale profile stopped")
    else:
        print(json.dumps(topology.status(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
