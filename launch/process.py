"""A server process: a free loopback port, started with its log, waited for, stopped.

Servers run from the project root with their output appended to a log file. A
launcher that must stop them from another process (``make scale-down``) starts them
``detach``-ed (their own session) and keeps their PIDs; :func:`stop_pid` stops any
process by PID, :func:`stop` one this process started.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence, Union

from pathways_catalogue.settings import PROJECT_ROOT

#: how long a server may take to answer its health check
STARTUP_TIMEOUT_S = 300
#: how long a server may take to stop before it is killed
STOP_TIMEOUT_S = 30


class StartError(RuntimeError):
    """A server exited while starting, or did not answer in time."""


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def spawn(
    command: Sequence[str], env: Mapping[str, str], log: Path, detach: bool = False
) -> subprocess.Popen:
    """Start ``command`` in the project root, its output appended to ``log``.

    ``detach``: in its own session (no Ctrl-C from our terminal; stopped by PID).
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as handle:
        return subprocess.Popen(
            list(command), cwd=PROJECT_ROOT, env=dict(env), stdin=subprocess.DEVNULL,
            stdout=handle, stderr=subprocess.STDOUT, start_new_session=detach,
        )  # fmt: skip


def tail(log: Path, size: int = 4000) -> str:
    """The end of a log file ('' if there is none)."""
    return log.read_text(errors="replace")[-size:] if log.exists() else ""


def wait_for(
    url: str, process: Union[subprocess.Popen, Callable[[], object]],
    log: Optional[Path] = None, timeout: float = STARTUP_TIMEOUT_S,
) -> None:  # fmt: skip
    """Poll ``url`` until it answers 200; fail early if the server exits.

    ``process`` is the server, or a callable that is false once it has exited.

    Raises:
        StartError: if the server exits or ``url`` does not answer in ``timeout`` seconds
            (with the end of ``log``).

    """
    running = process if callable(process) else lambda: process.poll() is None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not running():
            code = f" with {process.returncode}" if isinstance(process, subprocess.Popen) else ""
            raise StartError(f"the server behind {url} exited{code}:\n{tail(log) if log else ''}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise StartError(f"{url} did not answer in {timeout:.0f} s:\n{tail(log) if log else ''}")


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (reaping it if it is our child)."""
    try:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    except ChildProcessError:
        pass  # not our child: another process started it
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def stop_pid(pid: int, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT_S) -> None:
    """Stop process ``pid``: ``sig``, then SIGKILL if it still runs after ``timeout``."""
    _signal(pid, sig)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive(pid):
        time.sleep(0.2)
    if alive(pid):
        _signal(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and alive(pid):
            time.sleep(0.1)


def stop(process: subprocess.Popen, timeout: float = STOP_TIMEOUT_S) -> None:
    """Stop a server this process started, politely first."""
    if process.poll() is None:
        stop_pid(process.pid, timeout=timeout)
    process.poll()


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass
