"""Fuzz: hundreds of hostile requests through REST and socket.io against the real server.

No 5xx, every accepted message gets a reply, a refused one gets a 400 with a JSON
error, and the server is still up and answering afterwards. (``make fuzz`` runs the
same cases, 10,000 of them, and measures memory and latency: bench/fuzz_channels.py.)
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any, List, Tuple

import pytest

from bench.hostile import cases
from bench.socketio_client import Learner
from evaluation.servers import Servers

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def post(servers: Servers, body: bytes) -> Tuple[int, Any]:
    request = urllib.request.Request(f"{servers.rasa_url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return int(answer.status), json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return int(error.code), json.loads(error.read())


def test_rest_survives_hostile_requests(demo_servers: Servers) -> None:
    wrong: List[str] = []
    for case in cases(300, sender_prefix="fuzz-rest"):
        status, answer = post(demo_servers, case.rest_body)
        if status >= 500:
            wrong.append(f"{case.name}: {status}")
        elif case.accepted and not (status == 200 and answer and all("text" in m or "custom" in m
                                                                      for m in answer)):
            wrong.append(f"{case.name}: accepted but answered {status} {answer!r:.200}")
        elif not case.accepted and not (status == 400 and isinstance(answer.get("error"), str)):
            wrong.append(f"{case.name}: should be refused, got {status} {answer!r:.200}")
    assert not wrong, "\n".join(wrong)
    status, answer = post(demo_servers, b'{"sender": "fuzz-after", "message": "hello"}')
    assert status == 200 and answer


async def test_socketio_survives_hostile_events(demo_servers: Servers) -> None:
    learner = await Learner(demo_servers.rasa_url).connect()
    unanswered: List[str] = []
    try:
        for case in cases(120, sender_prefix="fuzz-socket"):
            data = case.socket_data
            if isinstance(data, dict):
                data = {**data, "session_id": learner.session_id}
            replies = await learner.send(data, quiet=0.5)
            if not replies:
                unanswered.append(case.name)
        assert not unanswered, unanswered
        assert await learner.say("hello")
    finally:
        await learner.close()
