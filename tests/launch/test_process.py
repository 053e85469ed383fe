"""Starting, waiting for and stopping a server; one REST turn."""

from __future__ import annotations

import os
import signal
import socket
import sys
import textwrap
import time
from pathlib import Path

import pytest

from launch.process import StartError, alive, free_port, spawn, stop, stop_pid, wait_for
from launch.rest import say

#: a tiny server: 200 on GET, and on POST the REST channel's reply to the message
SERVER = textwrap.dedent(
    """
    import json, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            reply = json.dumps([{"recipient_id": body["sender"], "text": body["message"]}])
            self.send_response(200)
            self.end_headers()
            self.wfile.write(reply.encode())

    print("listening", flush=True)
    HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
    """
)


def test_free_ports_can_be_bound() -> None:
    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))


def test_a_server_is_started_waited_for_talked_to_and_stopped(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "logs" / "server.log"
    process = spawn([sys.executable, "-c", SERVER, str(port)], dict(os.environ), log)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, log, timeout=30)
        assert say(f"http://127.0.0.1:{port}", "me", "hi") == [
            {"recipient_id": "me", "text": "hi"}
        ]
    finally:
        stop(process)
    assert process.poll() is not None
    assert "listening" in log.read_text()


def test_a_server_that_exits_fails_at_once_with_its_log(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    process = spawn([sys.executable, "-c", "print('no model'); raise SystemExit(3)"],
                    dict(os.environ), log)  # fmt: skip
    with pytest.raises(StartError, match=r"(?s)exited with 3.*no model"):
        wait_for(f"http://127.0.0.1:{free_port()}/", process, log, timeout=60)


def test_a_server_that_ignores_sigterm_is_killed(tmp_path: Path) -> None:
    code = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print('ready', flush=True); time.sleep(60)")  # fmt: skip
    log = tmp_path / "log"
    process = spawn([sys.executable, "-c", code], dict(os.environ), log, detach=True)
    deadline = time.monotonic() + 30
    while "ready" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    stop_pid(process.pid, signal.SIGTERM, timeout=1)
    assert not alive(process.pid)
