"""End to end: the attacks of issue 15 against the real servers, each shown to fail.

One Rasa server and action server of their own, with small limits and one trusted
proxy: ``127.0.0.2`` (a loopback alias), so a request from there with
``X-Forwarded-For`` comes "through the proxy", and one from ``127.0.0.1`` with the
same header is a client lying about its address. The web front runs for ``/metrics``.
Nothing of ours is mocked. (REST sender spoofing of a WhatsApp conversation is in
``test_messaging_channels.py``, whose servers have Twilio on.)
"""

from __future__ import annotations

import asyncio
import http.client
import json
import secrets
import socket
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterator, List, Optional, Tuple
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from bench.socketio_client import Learner
from bot.channels.throttle import SLOW_DOWN
from enquiries.models import Enquiry
from evaluation.servers import Deployment, Servers
from launch.commands import web_front
from launch.process import free_port, spawn, stop, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

PROXY = "127.0.0.2"
COLLEGE = "http://college.example:8000"
PER_CONVERSATION = 6
PER_ADDRESS = 20
METRICS_TOKEN = "metrics-e2e-token"
START = "im doing the ext dip in enginering at northgate"
LIMIT_TEXT = "all the enquiries I can take"


def asks_for_the_course(reply: str) -> bool:
    """Whether the bot asks what course the learner is doing (it knows none)."""
    lowered = reply.lower()
    return "what course are you doing" in lowered or "what course you're doing" in lowered


Answer = Tuple[int, Any, Dict[str, str]]


@pytest.fixture(scope="module")
def guarded(demo: Deployment) -> Iterator[Servers]:
    """The real servers with small limits, one trusted proxy and one widget origin."""
    env = {
        "TRUSTED_PROXIES": PROXY,
        "CHANNEL_RATE_PER_CONVERSATION": f"{PER_CONVERSATION} per minute",
        "CHANNEL_RATE_PER_ADDRESS": f"{PER_ADDRESS} per minute",
        "ENQUIRY_CAP_PER_ADDRESS": "1 per day",
        "RATE_LIMIT_STORAGE_URL": "memory://",
    }  # fmt: skip
    with Servers(demo, cors=[COLLEGE], **env) as servers:
        yield servers


@pytest.fixture(scope="module")
def web_url(demo: Deployment, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m web serve`` with the trusted proxy and a metrics token."""
    folder = tmp_path_factory.mktemp("web-security")
    port = free_port()
    env = {k: v for k, v in demo.env().items() if not k.startswith("WEB_")}
    env.update(WEB_SECRET_KEY=secrets.token_urlsafe(32), TRUSTED_PROXIES=PROXY,
               METRICS_TOKEN=METRICS_TOKEN)  # fmt: skip
    process = spawn(web_front(port), env, folder / "web.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", process, folder / "web.log", timeout=60)
        yield base
    finally:
        stop(process, timeout=10)


def request(
    base: str, method: str, path: str, body: Optional[bytes] = None,
    headers: Optional[Dict[str, str]] = None, source: str = "127.0.0.1",
) -> Answer:  # fmt: skip
    """One HTTP request from the local address ``source``: status, JSON (or text), headers."""
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port,
                                            timeout=120, source_address=(source, 0))  # fmt: skip
    try:
        connection.request(method, path, body=body, headers=headers or {})
        answer = connection.getresponse()
        raw = answer.read()
    finally:
        connection.close()
    try:
        decoded: Any = json.loads(raw)
    except ValueError:
        decoded = raw.decode("utf-8", "replace")
    return answer.status, decoded, {k.lower(): v for k, v in answer.getheaders()}


def rest(servers: Servers, sender: str, message: str, client: Optional[str] = None,
         source: str = PROXY, **extra: Any) -> Answer:  # fmt: skip
    """A REST turn; with ``client``, as forwarded for that address by ``source``."""
    headers = {"Content-Type": "application/json"}
    if client:
        headers["X-Forwarded-For"] = client
    body = json.dumps({"sender": sender, "message": message, **extra}).encode()
    return request(servers.rasa_url, "POST", "/webhooks/rest/webhook", body, headers, source)


def texts(answer: Any) -> str:
    return "\n".join(m.get("text", "") for m in answer if isinstance(m, dict))


def stored_events(demo: Deployment, conversation: str) -> str:
    engine = create_engine(demo.tracker_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT data FROM events WHERE sender_id = :s"),
                                      {"s": conversation}).scalars().all()  # fmt: skip
    finally:
        engine.dispose()
    return "\n".join(rows)


def enquiries_of(demo: Deployment, conversations: List[str]) -> List[str]:
    engine = create_engine(demo.db_url)
    try:
        with Session(engine, future=True) as s:
            query = select(Enquiry.sender_id).where(Enquiry.sender_id.in_(conversations))
            return list(s.execute(query).scalars())
    finally:
        engine.dispose()


def new(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex[:8]}"


# -- socket.io: joining another learner's conversation --------------------------------


async def test_another_learners_session_id_gives_a_fresh_conversation(
    guarded: Servers,
) -> None:
    victim = await Learner(guarded.rasa_url).connect()
    intruders: List[Learner] = []
    try:
        assert not asks_for_the_course(texts(await victim.say(START)))
        token = victim.session_id or ""
        stored_id, _, signature = token.partition(".")
        assert stored_id and signature, token
        forged = f"{stored_id}.{'A' * len(signature)}"
        for guess in (stored_id, forged, "a" * 32):  # the stored id, a forgery, a guess
            intruder = await Learner(guarded.rasa_url).connect(guess)
            intruders.append(intruder)
            assert intruder.session_id not in (token, guess)
            reply = texts(await intruder.say("what can I do next?"))
            assert asks_for_the_course(reply), reply  # not the victim's course
        seen_before = [len(i.received) for i in intruders]
        assert texts(await victim.say("who do I contact?"))
        await asyncio.sleep(1.0)
        assert [len(i.received) for i in intruders] == seen_before, "no live replies leak"
    finally:
        for learner in (victim, *intruders):
            await learner.close()


# -- metadata --------------------------------------------------------------------------


def test_large_metadata_is_refused_or_dropped_never_stored(
    guarded: Servers, demo: Deployment
) -> None:
    sender = new("meta")
    flood = {"padding": "x" * 200_000}
    status, answer, _ = rest(guarded, sender, "hi", metadata=flood)
    assert status == 413, (status, answer)  # Sanic stops reading at 64 KB
    under = {"padding": "y" * 50_000, "nested": {"a": ["b"] * 1000}, "locale": "en-GB",
             "pathways_client": "forged"}  # fmt: skip
    status, answer, _ = rest(guarded, sender, "hi", metadata=under)
    assert status == 200 and texts(answer), answer
    stored = stored_events(demo, f"rest:{sender}")
    assert '"locale": "en-GB"' in stored, stored[:2000]
    assert "x" * 100 not in stored and "y" * 100 not in stored and "forged" not in stored
    assert len(stored) < 40_000, len(stored)


async def test_socketio_metadata_is_dropped_and_huge_payloads_are_not_read(
    guarded: Servers, demo: Deployment
) -> None:
    learner = await Learner(guarded.rasa_url).connect()
    try:
        data = {"message": "hi", "session_id": learner.session_id,
                "metadata": {"padding": "z" * 50_000, "locale": "cy"}}  # fmt: skip
        assert await learner.send(data)
        conversation = "socketio:" + (learner.session_id or "").split(".")[0]
        stored = stored_events(demo, conversation)
        assert '"locale": "cy"' in stored and "z" * 100 not in stored
        # over 64 KB: not read at all (not even the polite "too long" reply)
        huge = {"message": "x" * 200_000, "session_id": learner.session_id}
        assert await learner.send(huge, timeout=10) == []
    finally:
        if learner.client.connected:
            await learner.close()


# -- rate limits and X-Forwarded-For ---------------------------------------------------


def test_a_burst_of_rest_turns_is_slowed_down_politely(guarded: Servers) -> None:
    sender = new("burst")
    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda _: rest(guarded, sender, "hi", "203.0.113.60"),
                                range(20)))  # fmt: skip
    statuses = sorted(status for status, _, _ in answers)
    assert statuses == [200] * PER_CONVERSATION + [429] * (20 - PER_CONVERSATION), statuses
    limited = [(a, h) for s, a, h in answers if s == 429]
    assert all(int(h["retry-after"]) >= 1 and "slow down" in a["error"] for a, h in limited)


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(guarded: Servers) -> None:
    # a client on 127.0.0.1 (not a trusted proxy) claims a new address each time
    statuses = []
    for n in range(PER_ADDRESS + 3):
        status, _, _ = rest(guarded, new("xff"), "hi", f"198.51.100.{n + 1}", source="127.0.0.1")
        statuses.append(status)
    assert statuses == [200] * PER_ADDRESS + [429] * 3, statuses
    # the same header from the trusted proxy is believed: another address, not limited
    status, _, _ = rest(guarded, new("xff"), "hi", "198.51.100.200", source=PROXY)
    assert status == 200


async def test_a_burst_of_socket_messages_gets_the_slow_down_reply(guarded: Servers) -> None:
    learner = await Learner(guarded.rasa_url, headers={"X-Forwarded-For": "203.0.113.70"},
                            source=PROXY).connect()  # fmt: skip
    try:
        for _ in range(PER_CONVERSATION + 2):
            await learner.emit("user_uttered", {"message": "hi",
                                                "session_id": learner.session_id})  # fmt: skip
        await asyncio.sleep(8)
    finally:
        await learner.close()
    slow = [m for m in learner.received if m.get("text") == SLOW_DOWN]
    assert len(slow) == 2, learner.received


# -- enquiry flooding ------------------------------------------------------------------


def hand_over(servers: Servers, sender: str, client: str) -> str:
    """A learner's whole hand-over over REST through the proxy; the last reply."""
    for message in (START, "can I talk to a real person?", "yes", "Sam Patel"):
        status, answer, _ = rest(servers, sender, message, client)
        assert status == 200, (message, status, answer)
        if LIMIT_TEXT in texts(answer):
            return texts(answer)
    status, answer, _ = rest(servers, sender, "sam.patel@example.com", client)
    assert status == 200, answer
    return texts(answer)


def test_an_enquiry_flood_stops_at_the_cap_and_genuine_ones_get_through(
    guarded: Servers, demo: Deployment
) -> None:
    script = [new("flood") for _ in range(3)]
    replies = [hand_over(guarded, sender, "203.0.113.80") for sender in script]
    assert "reference" in replies[0], replies[0]
    assert all(LIMIT_TEXT in reply for reply in replies[1:]), replies
    genuine = new("genuine")
    assert "reference" in hand_over(guarded, genuine, "198.51.100.99")
    conversations = [f"rest:{s}" for s in (*script, genuine)]
    assert sorted(enquiries_of(demo, conversations)) == sorted([f"rest:{script[0]}",
                                                                f"rest:{genuine}"])  # fmt: skip


# -- socket.io origins -----------------------------------------------------------------


def upgrade_status(servers: Servers, origin: str) -> int:
    """The status of a websocket upgrade of ``/socket.io/`` from a page at ``origin``."""
    where = urlsplit(servers.rasa_url)
    key = "dGhlIHNhbXBsZSBub25jZQ=="
    lines = ["GET /socket.io/?EIO=4&transport=websocket HTTP/1.1",
             f"Host: {where.netloc}", "Upgrade: websocket", "Connection: Upgrade",
             f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13", f"Origin: {origin}",
             "", ""]  # fmt: skip
    with socket.create_connection((where.hostname, where.port), timeout=30) as sock:
        sock.sendall("\r\n".join(lines).encode())
        head = sock.recv(1024).decode("latin-1")
    return int(head.split()[1])


def test_a_cross_origin_socket_is_refused(guarded: Servers) -> None:
    assert upgrade_status(guarded, "https://evil.example") != 101
    status, _, _ = request(guarded.rasa_url, "GET", "/socket.io/?EIO=4&transport=polling",
                           headers={"Origin": "https://evil.example"})  # fmt: skip
    assert status == 400
    where = urlsplit(guarded.rasa_url)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=30)
    try:
        connection.request("GET", "/socket.io/?EIO=4&transport=polling",
                           headers={"Origin": COLLEGE})  # fmt: skip
        answer = connection.getresponse()
        allow = [v for k, v in answer.getheaders() if k.lower() == "access-control-allow-origin"]
        assert answer.status == 200
    finally:
        connection.close()
    assert allow == [COLLEGE], "one header: a browser refuses two"
    assert upgrade_status(guarded, COLLEGE) == 101


# -- /metrics --------------------------------------------------------------------------


def test_metrics_need_a_local_client_or_the_token(web_url: str) -> None:
    def metrics(source: str, **headers: str) -> int:
        return request(web_url, "GET", "/metrics", headers=headers, source=source)[0]

    assert metrics("127.0.0.1") == 200  # on the machine itself
    # a proxy nobody trusts forwarded it (even claiming loopback): the token is needed
    assert metrics("127.0.0.1", **{"X-Forwarded-For": "203.0.113.9"}) == 401
    assert metrics("127.0.0.1", **{"X-Forwarded-For": "127.0.0.1"}) == 401
    # through the trusted proxy, from outside: the token is needed
    outside = {"X-Forwarded-For": "203.0.113.9"}
    assert metrics(PROXY, **outside) == 401
    assert metrics(PROXY, **outside, Authorization="Bearer wrong") == 401
    assert metrics(PROXY, **outside, Authorization=f"Bearer {METRICS_TOKEN}") == 200


def test_the_rasa_server_reads_at_most_64_kb(guarded: Servers) -> None:
    body = json.dumps({"sender": new("big"), "message": "x" * 200_000}).encode()
    status, answer, _ = request(guarded.rasa_url, "POST", "/webhooks/rest/webhook", body,
                                {"Content-Type": "application/json"})  # fmt: skip
    # Sanic stops reading (SANIC_REQUEST_MAX_SIZE) before the channel's own check runs
    assert status == 413 and "must be at most" not in json.dumps(answer), answer
