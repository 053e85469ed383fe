"""End to end: the servers are closed by default, and a learner's withdrawn details go.

On the real servers (:mod:`evaluation.servers`) and the real launcher
(``tools/rasa_server.sh``): the Rasa HTTP API refuses anonymous calls (absent without
``RASA_API_TOKEN``; 401 without the token when it is set), both servers listen on
loopback only, the action server refuses calls without its token, and a learner who
typed their name and then declined leaves no trace of it in the stored conversation.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from evaluation.servers import TOKEN_ENV, Deployment, Servers
from launch.commands import rasa_server, rasa_server_env
from launch.process import free_port, spawn, stop, tail, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

API_TOKEN = "e2e-api-token"


def call(
    url: str, method: str = "GET", body: object = None,
    headers: Optional[Dict[str, str]] = None,
) -> int:  # fmt: skip
    """The HTTP status of one request."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def outside_address() -> Optional[str]:
    """A non-loopback IPv4 address of this machine, or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("192.0.2.1", 9))  # no packet is sent
            address = str(sock.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def reachable(host: str, port: int) -> bool:
    """Whether a TCP connection to host:port is accepted."""
    try:
        with socket.create_connection((host, port), timeout=3):
            return True
    except OSError:
        return False


def host_port(url: str) -> Tuple[str, int]:
    parts = urlsplit(url)
    return str(parts.hostname), int(parts.port or 80)


@pytest.fixture(scope="module")
def api_process(demo: Deployment, demo_servers: Servers) -> Iterator[Tuple[str, subprocess.Popen]]:
    """The Rasa server as ``make run`` starts it (tools/rasa_server.sh), API switched on."""
    port = free_port()
    log = demo.workdir / "rasa-api.log"
    settings = rasa_server_env(port, demo.model, demo.workdir / "credentials-api.yml",
                               api_token=API_TOKEN)  # fmt: skip
    env = demo.env(
        ACTION_ENDPOINT_URL=demo_servers.action_url,
        **{TOKEN_ENV: demo_servers.extra_env[TOKEN_ENV]}, **settings,
    )  # fmt: skip
    env.pop("RASA_INTERFACE", None)  # the script's own default (loopback) is under test
    process = spawn(rasa_server(), env, log)
    try:
        wait_for(f"http://127.0.0.1:{port}/", process, log)
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop(process)


@pytest.fixture(scope="module")
def api_server(api_process: Tuple[str, subprocess.Popen]) -> str:
    """The URL of that server."""
    return api_process[0]


def test_without_a_token_the_http_api_is_not_there(demo_servers: Servers) -> None:
    base = demo_servers.rasa_url
    assert call(f"{base}/model", "PUT", {"model_file": "/tmp/evil.tar.gz"}) == 404
    events = [{"event": "slot", "name": "learner_name", "value": "Mallory"}]
    assert call(f"{base}/conversations/someone/tracker/events", "POST", events) == 404
    assert call(f"{base}/status") == 404


def test_the_api_token_is_never_on_a_command_line(
    api_process: Tuple[str, subprocess.Popen],
) -> None:
    url, process = api_process
    assert call(f"{url}/status?token={API_TOKEN}") == 200  # the API is on, with the token
    cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
    assert b"bot.server" in cmdline and b"--enable-api" in cmdline
    assert API_TOKEN.encode() not in cmdline
    every = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=True)
    assert API_TOKEN not in every.stdout


def test_with_a_token_anonymous_calls_are_refused(api_server: str) -> None:
    assert call(f"{api_server}/status?token={API_TOKEN}") == 200  # the API is on
    assert call(f"{api_server}/model", "PUT", {"model_file": "/tmp/evil.tar.gz"}) in (401, 403)
    events = [{"event": "slot", "name": "learner_name", "value": "Mallory"}]
    url = f"{api_server}/conversations/someone/tracker/events"
    assert call(url, "POST", events) in (401, 403)
    assert call(f"{url}?token=wrong", "POST", events) in (401, 403)


def test_both_servers_listen_on_loopback_only(demo_servers: Servers, api_server: str) -> None:
    address = outside_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    for url in (demo_servers.action_url, demo_servers.rasa_url, api_server):
        host, port = host_port(url)
        assert reachable(host, port), url  # it is up ...
        assert not reachable(address, port), f"{url} is reachable on {address}"  # ... on loopback


def test_the_action_server_wants_its_token(demo_servers: Servers) -> None:
    token = demo_servers.extra_env[TOKEN_ENV]
    assert token
    webhook = demo_servers.action_url
    call_body = {"next_action": "action_respond", "sender_id": "x", "tracker": {}, "domain": {}}
    assert call(webhook, "POST", call_body) == 401
    assert call(webhook, "POST", call_body, {"Authorization": "Bearer wrong"}) == 401
    actions = webhook.replace("/webhook", "/actions")
    assert call(actions) == 401
    assert call(actions, headers={"Authorization": f"Bearer {token}"}) == 200
    assert call(webhook.replace("/webhook", "/health")) == 200


def test_a_failed_action_call_does_not_echo_the_conversation(demo_servers: Servers) -> None:
    token = demo_servers.extra_env[TOKEN_ENV]
    # a tracker that is not a dict: rasa_sdk fails (TypeError) before running the action
    broken = {"next_action": "action_respond", "sender_id": "x", "tracker": "Robin Quayle"}
    request = urllib.request.Request(
        demo_servers.action_url, data=json.dumps(broken).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )  # fmt: skip
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=30)
    assert info.value.code == 500
    assert "Quayle" not in info.value.read().decode()


def test_a_declined_name_is_gone_from_the_stored_conversation(
    demo: Deployment, demo_servers: Servers
) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    for message in ("can I talk to a real person?", "yes", "my name is Robin Quayle"):
        demo_servers.say(sender, message)
    reply = " ".join(m.get("text", "") for m in demo_servers.say(sender, "no thanks"))
    assert "won't pass anything on" in reply, reply
    time.sleep(0.5)
    engine = create_engine(demo.tracker_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT data FROM events WHERE sender_id = :s"), {"s": f"rest:{sender}"}
            ).scalars().all()
    finally:
        engine.dispose()
    stored = "\n".join(rows)
    assert "can I talk to a real person" in stored, tail(demo_servers.rasa_log)
    assert "quayle" not in stored.lower()
    assert "[withdrawn]" in stored


def test_the_rasa_server_stops_within_honchos_grace_period(
    api_process: Tuple[str, subprocess.Popen], demo: Deployment
) -> None:
    url, process = api_process
    with socket.create_connection(host_port(url)):  # an open connection, as a browser's
        started = time.monotonic()
        process.terminate()  # honcho sends SIGTERM, then SIGKILL after 5 s
        returncode = process.wait(timeout=60)
        took = time.monotonic() - started
    assert returncode == 0, tail(demo.workdir / "rasa-api.log")
    assert took < 5, f"took {took:.1f} s"
