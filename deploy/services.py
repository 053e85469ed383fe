"""The pieces of the scale topology: Debian packages, processes, PostgreSQL, Redis.

Everything listens on 127.0.0.1 only. Each server is a child process started in its
own session with its PID in ``<workdir>/pids/<name>.pid``, so ``make scale-down``
(another process) can stop exactly what ``make scale-up`` started. PostgreSQL runs
as the ``postgres`` user with its own data directory under the workdir (``pg_ctl``),
Redis as the ``redis`` user with a password (and protected mode). nginx's config is
:mod:`deploy.nginx`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import List, Mapping, Optional, Sequence

from launch.process import STOP_TIMEOUT_S, StartError, alive, spawn, stop_pid

#: Debian packages and one binary each proves installed
PACKAGES = {"postgresql": "initdb", "redis-server": "redis-server", "nginx": "nginx"}
PG_BIN_ROOT = Path("/usr/lib/postgresql")


class ServiceError(StartError):
    """A server could not be installed, started or reached."""


def pg_bin(name: str) -> Path:
    """A PostgreSQL server binary (``initdb``, ``pg_ctl``) of the newest installed version."""
    versions = sorted(PG_BIN_ROOT.glob("*/bin"), key=lambda p: int(p.parent.name))
    if not versions:
        raise ServiceError("PostgreSQL is not installed (apt-get install postgresql)")
    return versions[-1] / name


def binary(package: str) -> Optional[str]:
    """The path of the binary that proves ``package`` installed, or None."""
    name = PACKAGES[package]
    if name == "initdb":
        try:
            return str(pg_bin(name)) if pg_bin(name).exists() else None
        except ServiceError:
            return None
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def missing_packages() -> List[str]:
    """The Debian packages of the topology that are not installed."""
    return [package for package in PACKAGES if binary(package) is None]


def install_packages() -> None:
    """``apt-get install`` the missing packages (after ``apt-get update``); needs root.

    Raises:
        ServiceError: if a package cannot be installed.

    """
    missing = missing_packages()
    if not missing:
        return
    if os.geteuid() != 0:
        raise ServiceError(f"need root to install {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    lock = ["-o", "DPkg::Lock::Timeout=600"]
    for command in (["apt-get", *lock, "update", "-qq"],
                    ["apt-get", *lock, "install", "-y", "-qq", *missing]):  # fmt: skip
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ServiceError(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    # the packages start their own system-wide servers; ours run on other ports
    if missing_packages():
        raise ServiceError(f"still missing after apt-get: {' '.join(missing_packages())}")


def as_user(user: str, command: Sequence[str]) -> List[str]:
    """``command`` run as ``user`` (through ``runuser`` when we are root)."""
    if os.geteuid() == 0 and user != "root":
        return ["runuser", "-u", user, "--", *command]
    return list(command)


def chown(path: Path, user: str) -> None:
    """Give ``path`` to ``user`` (a no-op unless we are root)."""
    if os.geteuid() == 0:
        shutil.chown(path, user, user)


class Processes:
    """Servers started in their own sessions, tracked by PID files in ``folder``."""

    def __init__(self, folder: Path, logs: Path) -> None:
        self.folder = folder
        self.logs = logs

    def pid_file(self, name: str) -> Path:
        """Where the PID of ``name`` is kept."""
        return self.folder / f"{name}.pid"

    def log(self, name: str) -> Path:
        """Where ``name`` writes its output."""
        return self.logs / f"{name}.log"

    def pid(self, name: str) -> Optional[int]:
        """The PID of ``name`` if it is running."""
        path = self.pid_file(name)
        if not path.exists():
            return None
        try:
            pid = int(path.read_text().strip())
        except ValueError:
            return None
        return pid if alive(pid) else None

    def start(self, name: str, command: Sequence[str], env: Mapping[str, str]) -> int:
        """Start ``command`` detached (unless ``name`` runs already); return its PID."""
        running = self.pid(name)
        if running:
            return running
        self.folder.mkdir(parents=True, exist_ok=True)
        process = spawn(command, env, self.log(name), detach=True)
        self.pid_file(name).write_text(f"{process.pid}\n")
        return process.pid

    def stop(self, name: str, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT_S) -> bool:
        """Stop ``name`` (``sig``, then SIGKILL after ``timeout``); True if it was running."""
        pid = self.pid(name)
        self.pid_file(name).unlink(missing_ok=True)
        if pid is None:
            return False
        stop_pid(pid, sig, timeout)
        return True

    def kill(self, name: str) -> bool:
        """Kill ``name`` at once (SIGKILL), as a crash would; True if it was running."""
        return self.stop(name, signal.SIGKILL, timeout=5)

    def names(self) -> List[str]:
        """The names with a PID file."""
        return sorted(p.stem for p in self.folder.glob("*.pid"))


class Postgres:
    """A PostgreSQL cluster of our own: ``data`` owned by ``postgres``, loopback, ``port``."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = port
        self.log = folder / "postgres.log"

    def _pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        command = as_user("postgres", [str(pg_bin("pg_ctl")), "-D", str(self.data), *args])
        return subprocess.run(command, capture_output=True, text=True, check=False)

    def init(self) -> None:
        """``initdb`` the cluster if it has no data yet (C locale, UTF-8, peer auth locally)."""
        if (self.data / "PG_VERSION").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        chown(self.folder, "postgres")
        command = as_user("postgres", [
            str(pg_bin("initdb")), "-D", str(self.data), "--locale=C", "--encoding=UTF8",
            "--auth-local=peer", "--auth-host=scram-sha-256", "--username=postgres",
        ])  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ServiceError(f"initdb failed:\n{result.stderr[-2000:]}")
        settings = (
            "\n# Pathways scale profile (deploy/services.py)\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {self.port}\n"
            f"unix_socket_directories = '{self.folder}'\n"
            "max_connections = 200\n"
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(settings)

    def running(self) -> bool:
        """True if the cluster's postmaster runs."""
        return (self.data / "PG_VERSION").exists() and self._pg_ctl("status").returncode == 0

    def start(self) -> None:
        """Start the cluster and wait until it accepts connections.

        Raises:
            ServiceError: if ``pg_ctl start`` fails.

        """
        if self.running():
            return
        result = self._pg_ctl("-l", str(self.log), "-w", "-t", "120", "start")
        if result.returncode != 0:
            raise ServiceError(f"PostgreSQL did not start:\n{result.stderr[-2000:]}")

    def stop(self, mode: str = "fast") -> None:
        """Stop the cluster (``fast``: roll back open transactions; ``immediate``: crash)."""
        if self.running():
            self._pg_ctl("-m", mode, "-w", "stop")

    def sql(self, script: str, database: str = "postgres") -> str:
        """Run ``script`` as the superuser over the local socket (read from stdin).

        Raises:
            ServiceError: on an SQL error.

        """
        command = as_user("postgres", [
            str(pg_bin("psql")), "-h", str(self.folder), "-p", str(self.port), "-d", database,
            "-v", "ON_ERROR_STOP=1", "-qAt", "-f", "-",
        ])  # fmt: skip
        result = subprocess.run(command, input=script, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ServiceError(f"psql failed: {result.stderr[-1000:]}")
        return result.stdout

    def ensure_role(self, user: str, password: str, databases: Sequence[str]) -> None:
        """Create (or update the password of) login role ``user`` owning ``databases``."""
        quoted = password.replace("'", "''")
        self.sql(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{user}') THEN "
            f"CREATE ROLE {user} LOGIN; END IF; END $$;\n"
            f"ALTER ROLE {user} PASSWORD '{quoted}';\n"
        )
        existing = set(self.sql("SELECT datname FROM pg_database;").split())
        for database in databases:
            if database not in existing:
                self.sql(f"CREATE DATABASE {database} OWNER {user};")

    def allow_connections(self, database: str, allow: bool) -> None:
        """Let ``database`` be connected to or not; refusing also ends its sessions."""
        flag = "true" if allow else "false"
        script = f"ALTER DATABASE {database} ALLOW_CONNECTIONS {flag};\n"
        if not allow:
            script += (
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                f"WHERE datname = '{database}';\n"
            )
        self.sql(script)


def redis_conf(folder: Path, port: int, password: str) -> str:
    """A Redis config: loopback, protected mode, a password, no persistence (locks only)."""
    return (
        "# Pathways scale profile (deploy/services.py): the Rasa lock store\n"
        f"bind 127.0.0.1\nport {port}\nprotected-mode yes\nrequirepass {password}\n"
        f"dir {folder}\nsave \"\"\nappendonly no\ndaemonize no\n"
    )
