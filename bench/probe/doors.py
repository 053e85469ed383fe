"""Attacks on the other doors: listening addresses, tokens, ``/metrics``, start-up refusals."""

from __future__ import annotations

import json
import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Sequence
from urllib.parse import urlsplit

from bench.probe import sockets
from bench.probe.http import request
from bench.probe.report import NotTried, Verdict
from bench.probe.target import ROOT, Target
from launch.process import free_port

#: seconds a server is given to refuse a bad secret at start
START_TIMEOUT_S = 120.0
#: the weak passphrase of issue 15's code review
WEAK_KEY = "changeme"


def ports(target: Target) -> List[int]:
    """The ports of the three servers."""
    return [urlsplit(url).port or 80 for url in (target.bot_url, target.actions_url,
                                                 target.web_url)]  # fmt: skip


def server_listeners(target: Target) -> List[sockets.Listener]:
    """Every listening socket of the processes serving the target's ports, and their kin.

    Raises:
        NotTried: when no process can be seen holding those ports.

    """
    everything = sockets.listeners()
    serving = {s.pid for s in everything if s.port in ports(target)}
    if not serving:
        raise NotTried("no process holding the servers' ports is visible in /proc")
    kin = sockets.family(serving)
    return [s for s in everything if s.pid in kin]


def loopback_only(target: Target) -> Verdict:
    """The make run processes listen only on loopback; the ports are shut on other addresses."""
    held = server_listeners(target)
    outside = [s for s in held if not s.loopback]
    shown = sorted({f"{s.address}:{s.port}" for s in held})
    notes = [f"listening: {', '.join(shown)}"]
    opened = []
    addresses = sockets.own_addresses()
    for address in addresses:
        opened += [f"{address}:{p}" for p in ports(target) if sockets.reachable(address, p)]
    if addresses:
        notes.append(f"connections to {', '.join(addresses)} on the servers' ports: "
                     f"{'accepted at ' + ', '.join(opened) if opened else 'all refused'}")
    else:
        notes.append("no other address of this machine found to connect to")
    return not outside and not opened, "; ".join(notes)


def rest_needs_token(target: Target) -> Verdict:
    """The REST channel needs its token, or (none set) listens on loopback only."""
    answer = target.rest(target.sender("token"), "hi", token=False)
    if target.rest_token or answer.status == 401:
        return answer.status == 401, f"without the token: {answer.status}"
    port = urlsplit(target.bot_url).port
    held = [s for s in server_listeners(target) if s.port == port]
    outside = [f"{s.address}:{s.port}" for s in held if not s.loopback]
    where = ", ".join(sorted({s.address for s in held}))
    observed = (f"{answer.status} without a token: make run sets no REST_CHANNEL_TOKEN, "
                f"so by design the Rasa server must listen on loopback only; it listens on "
                f"{where}")  # fmt: skip
    return not outside and bool(held), observed


def metrics_from_elsewhere(target: Target) -> Verdict:
    """``/metrics`` as a remote client (forwarded by an untrusted peer) is refused."""
    local = request(target.web_url, "GET", "/metrics").status
    tries: Dict[str, Dict[str, str]] = {
        "forwarded for 203.0.113.9": {"X-Forwarded-For": "203.0.113.9"},
        "forwarded for 127.0.0.1": {"X-Forwarded-For": "127.0.0.1"},
        "a wrong token": {"X-Forwarded-For": "203.0.113.9", "Authorization": "Bearer wrong"},
    }
    seen = {label: request(target.web_url, "GET", "/metrics", headers=h).status
            for label, h in tries.items()}  # fmt: skip
    observed = (f"local client (loopback, allowed by design): {local}; "
                + ", ".join(f"{label}: {status}" for label, status in seen.items()))
    return all(status in (401, 403) for status in seen.values()), observed


def metrics_token(target: Target) -> Verdict:
    """With ``METRICS_TOKEN``, a remote scraper with it gets 200 and one without it 401."""
    if not target.metrics_token:
        raise NotTried("make run sets no METRICS_TOKEN (only local clients may scrape)")
    outside = {"X-Forwarded-For": "203.0.113.9"}
    good = request(target.web_url, "GET", "/metrics",
                   headers={**outside, "Authorization": f"Bearer {target.metrics_token}"})
    bare = request(target.web_url, "GET", "/metrics", headers=outside)
    return good.status == 200 and bare.status == 401, (f"with the token {good.status}, "
                                                       f"without {bare.status}")


def action_server_token(target: Target) -> Verdict:
    """The action server answers 401 without its token or with a wrong one."""
    call = json.dumps({"next_action": "action_session_start", "sender_id": "probe",
                       "tracker": {"sender_id": "probe", "slots": {}, "events": []},
                       "domain": {}}).encode()  # fmt: skip
    json_type = {"Content-Type": "application/json"}
    tries = {
        "POST /webhook, no token": ("POST", "/webhook", call, json_type),
        "POST /webhook, wrong token": ("POST", "/webhook", call,
                                       {**json_type, "Authorization": "Bearer wrong"}),
        "GET /actions, no token": ("GET", "/actions", None, {}),
    }
    seen = {label: request(target.actions_url, m, p, b, h).status
            for label, (m, p, b, h) in tries.items()}  # fmt: skip
    observed = ", ".join(f"{label}: {status}" for label, status in seen.items())
    return all(status in (401, 403) for status in seen.values()), observed


def rasa_http_api(target: Target) -> Verdict:
    """Rasa's HTTP API (trackers, events, parse) is refused without ``RASA_API_TOKEN``."""
    tries = [("GET", "/conversations/probe/tracker", None),
             ("POST", "/conversations/probe/tracker/events",
              b'{"event": "slot", "name": "learner_name", "value": "probe"}'),
             ("POST", "/model/parse", b'{"text": "hi"}'),
             ("GET", "/status", None),
             ("GET", "/conversations/probe/tracker?token=wrong", None)]  # fmt: skip
    seen = [(f"{m} {p}", request(target.bot_url, m, p, b,
                                 {"Content-Type": "application/json"}).status)
            for m, p, b in tries]  # fmt: skip
    observed = ", ".join(f"{label}: {status}" for label, status in seen)
    if all(status == 404 for _, status in seen):
        observed += " (the HTTP API is not enabled: make run sets no RASA_API_TOKEN)"
    return all(status in (401, 403, 404) for _, status in seen), observed


def secrets_off_command_lines(target: Target) -> Verdict:
    """No server's command line carries a token (``ps`` shows command lines to everyone)."""
    pids = sockets.family({s.pid for s in server_listeners(target)})
    lines = {pid: sockets.command_line(pid) for pid in pids}
    shown = [line for line in lines.values() if "token" in line.lower()]
    observed = (f"{len(lines)} processes of make run; command lines naming a token: "
                f"{len(shown)}")
    return not shown, observed


def refuses_to_start(command: Sequence[str], env: Dict[str, str]) -> Verdict:
    """Run ``command``; stopped if it exits non-zero before :data:`START_TIMEOUT_S`."""
    try:
        done = subprocess.run(list(command), cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=START_TIMEOUT_S)  # fmt: skip
    except subprocess.TimeoutExpired:  # subprocess.run has killed it
        return False, f"still running after {START_TIMEOUT_S:.0f} s: it started"
    said = (done.stderr.strip().splitlines() or [""])[-1]
    return done.returncode != 0, f"exit status {done.returncode}: {said[:160]}"


def weak_web_key(target: Target) -> Verdict:
    """``python -m web serve`` refuses ``WEB_SECRET_KEY=changeme`` at start."""
    env = {**os.environ, "WEB_SECRET_KEY": WEAK_KEY}
    port = str(free_port())
    return refuses_to_start([target.python, "-m", "web", "serve", "--port", port], env)


def empty_action_token(target: Target) -> Verdict:
    """The action server refuses to start with an empty ``ACTION_SERVER_TOKEN``."""
    env = {**os.environ, "ACTION_SERVER_TOKEN": ""}
    env.pop("ACTION_SERVER_ALLOW_NO_TOKEN", None)
    port = str(free_port())
    return refuses_to_start([target.python, "-m", "actions.server", "--host", "127.0.0.1",
                             "--port", port], env)  # fmt: skip


def web_rate_limit(target: Target, requests: int = 90) -> Verdict:
    """90 requests at once to the public college page from one address get 429s."""
    with ThreadPoolExecutor(30) as pool:
        statuses = list(pool.map(lambda _: request(target.web_url, "GET", "/").status,
                                 range(requests)))  # fmt: skip
    limited = statuses.count(429)
    time.sleep(7)  # the allowance refills before anything else asks the web front
    return limited > 0, f"{statuses.count(200)}x 200, {limited}x 429"
