"""End to end: the REST and socket.io channels of the real Rasa server.

A real socket.io client (python-socketio) and plain HTTP requests; nothing of ours is
mocked. The last test stops the real action server to check that a learner still gets
an answer (the channel's apology, from the domain), and that replies resume after.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from typing import Any, Dict, List, Tuple

import pytest

from bench.socketio_client import Learner
from bot.channels.text import MAX_MESSAGE_CHARS
from evaluation.servers import Servers

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

APOLOGY = "something went wrong on my side"
TOO_LONG = "too long for me"
EMPTY = "I didn't catch anything"


def rest(servers: Servers, body: bytes) -> Tuple[int, Any]:
    """POST a raw body to the REST webhook; the status and the decoded JSON answer."""
    request = urllib.request.Request(
        f"{servers.rasa_url}/webhooks/rest/webhook", data=body,
        headers={"Content-Type": "application/json"}, method="POST",
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return int(answer.status), json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return int(error.code), json.loads(error.read())


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages if isinstance(m, dict))


async def test_socketio_answers_every_turn_and_sends_route_cards(demo_servers: Servers) -> None:
    learner = await Learner(demo_servers.rasa_url).connect()
    try:
        turns = ["hi", "im doing the ext dip in enginering at northgate",
                 "I want something with robots", "who do I talk to?"]  # fmt: skip
        replies = [await learner.say(text) for text in turns]
    finally:
        await learner.close()
    assert all(replies), [len(r) for r in replies]
    everything = [m for turn in replies for m in turn]
    assert all(isinstance(m, dict) and len(m.keys() & {"text", "custom", "attachment"}) == 1
               for m in everything), everything  # fmt: skip
    cards = [m["custom"] for m in everything if "custom" in m]
    assert cards and all(c["type"] == "pathways.route" for c in cards)
    assert {"position", "route"} <= cards[0].keys() and cards[0]["route"]["steps"]
    buttons = [b for m in everything for b in m.get("quick_replies", [])]
    assert buttons and all({"content_type", "title", "payload"} <= b.keys() for b in buttons)
    assert "@" in texts(replies[-1]) or "phone" in texts(replies[-1])


async def test_socketio_session_persists_across_reconnects(demo_servers: Servers) -> None:
    first = await Learner(demo_servers.rasa_url).connect()
    await first.say("im doing the ext dip in enginering at northgate")
    session = first.session_id
    await first.close()
    again = await Learner(demo_servers.rasa_url).connect(session)
    try:
        assert again.session_id == session
        reply = texts(await again.say("what can I do next?"))
    finally:
        await again.close()
    assert "What course are you doing" not in reply, reply


@pytest.mark.parametrize(
    "data",
    ["just a string", None, 42, [1, 2], {"message": 5}, {"message": None},
     {"message": {"text": "hi"}}, {"session_id": 7}, {"message": "hi", "metadata": "{bad"}],
)  # fmt: skip
async def test_socketio_malformed_events_get_a_polite_reply(
    demo_servers: Servers, data: Any
) -> None:
    learner = await Learner(demo_servers.rasa_url).connect()
    try:
        reply = await learner.send(data)
        await learner.emit("session_request", "garbage")
        still = await learner.say("hello")
    finally:
        await learner.close()
    assert reply and all("text" in m for m in reply), reply
    assert texts(still), "the server is still up and answering"


async def test_socketio_huge_message_is_refused_politely(demo_servers: Servers) -> None:
    learner = await Learner(demo_servers.rasa_url).connect()
    try:
        reply = await learner.say("x" * 60_000)  # under the 64 KB payload limit
    finally:
        await learner.close()
    assert len(reply) == 1 and TOO_LONG in reply[0]["text"], reply


@pytest.mark.parametrize(
    "body",
    [b"null", b"[]", b"{not json", b'"hi"', b'{"message": "hi"}',
     b'{"sender": 5, "message": "hi"}', b'{"sender": "", "message": "hi"}',
     b'{"sender": "' + b"s" * 500 + b'", "message": "hi"}',
     b'{"sender": "a", "message": 5}', b'{"sender": "a", "message": null}',
     b'{"sender": "a", "message": {"text": "hi"}}', b'{"sender": "a"}',
     b'{"sender": "a", "message": "hi", "metadata": 3}'],
)  # fmt: skip
def test_rest_rejects_malformed_requests_with_400(demo_servers: Servers, body: bytes) -> None:
    status, answer = rest(demo_servers, body)
    assert status == 400 and isinstance(answer.get("error"), str), (status, answer)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", EMPTY), ("   ", EMPTY), ("\u0000\u0007\u001b", EMPTY),
     ("a" * (MAX_MESSAGE_CHARS + 1), TOO_LONG), ("a" * 60_000, TOO_LONG)],
)  # fmt: skip
def test_rest_empty_and_long_messages_get_a_polite_reply(
    demo_servers: Servers, text: str, expected: str
) -> None:
    sender = f"guard-{uuid.uuid4().hex[:8]}"
    status, answer = rest(demo_servers, json.dumps({"sender": sender, "message": text}).encode())
    assert status == 200 and expected in texts(answer), answer


def test_rest_markup_is_never_echoed(demo_servers: Servers) -> None:
    sender = f"markup-{uuid.uuid4().hex[:8]}"
    text = '<script>alert(1)</script><img src=x onerror=alert(2)> engineering'
    status, answer = rest(demo_servers, json.dumps({"sender": sender, "message": text}).encode())
    assert status == 200 and texts(answer)
    assert "<script" not in json.dumps(answer) and "onerror" not in json.dumps(answer)


async def test_learners_get_an_apology_while_the_action_server_is_down(
    demo_servers: Servers,
) -> None:
    sender = f"down-{uuid.uuid4().hex[:8]}"
    hi = json.dumps({"sender": sender, "message": "hi"}).encode()
    # a learner whose course is known before the outage keeps it through the outage
    known = f"known-{uuid.uuid4().hex[:8]}"
    course = "im doing the ext dip in enginering at northgate"
    status, answer = rest(demo_servers, json.dumps({"sender": known, "message": course}).encode())
    assert status == 200 and "Engineering" in texts(answer), answer
    next_step = json.dumps({"sender": known, "message": "what can I do next?"}).encode()
    demo_servers.stop_actions()
    try:
        status, during = rest(demo_servers, next_step)
        assert status == 200 and APOLOGY in texts(during), during
        status, answer = rest(demo_servers, hi)
        learner = await Learner(demo_servers.rasa_url).connect()
        try:
            socket_reply = await learner.say("hi")
        finally:
            await learner.close()
    finally:
        demo_servers.start_actions()
    assert status == 200 and APOLOGY in texts(answer), answer
    assert APOLOGY in texts(socket_reply), socket_reply
    # the domain's text (bot/domain/core.yml, read through the agent), not the built-in
    assert "reach an adviser" in texts(answer) and "reach an adviser" in texts(socket_reply)

    status, answer = rest(demo_servers, hi)
    assert status == 200 and texts(answer) and APOLOGY not in texts(answer), answer
    status, answer = rest(demo_servers, next_step)
    assert status == 200 and "Extended Diploma in Engineering" in texts(answer), answer
