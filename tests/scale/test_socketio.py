"""socket.io through nginx: the polling handshake, then the websocket upgrade.

Spoken in Engine.IO 4 / Socket.IO 5 frames with aiohttp (python-socketio's own
client needs a newer aiohttp than Rasa pins). The polling requests of one session
must reach the replica that opened it (nginx ``ip_hash``), and the upgrade must pass.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any, List, Tuple

import aiohttp
import pytest

from deploy.scale import Topology
from tests.scale.conftest import COURSE

pytestmark = [pytest.mark.scale, pytest.mark.slow]

START = "im doing the ext dip in enginering at northgate"


def event(name: str, data: Any) -> str:
    """A Socket.IO event frame on the default namespace."""
    return "42" + json.dumps([name, data])


async def chat(base: str, session_id: str, text: str) -> Tuple[str, List[str]]:
    """Open a session by polling, upgrade it, send one message: the session kept, the replies.

    The server issues signed session ids: a new or forged one is replaced, and a
    session it issued (on either replica: they share ``CHANNEL_SECRET``) is kept.
    """
    url = f"{base}/socket.io/?EIO=4"
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{url}&transport=polling") as response:
            handshake = await response.text()
        sid = json.loads(handshake[1:])["sid"]
        polling = f"{url}&transport=polling&sid={sid}"
        async with http.post(polling, data="40") as response:
            assert response.status == 200, await response.text()
        async with http.get(polling) as response:
            assert (await response.text()).startswith("40"), "connected on the same replica"
        ws_url = f"{url}&transport=websocket&sid={sid}".replace("http://", "ws://")
        async with http.ws_connect(ws_url) as ws:
            await ws.send_str("2probe")
            assert await ws.receive_str(timeout=10) == "3probe"
            await ws.send_str("5")  # upgrade
            await ws.send_str(event("session_request", {"session_id": session_id}))
            confirmed = [data for name, data in await events(ws, quiet=5)
                         if name == "session_confirm"]
            assert len(confirmed) == 1, confirmed
            session = str(confirmed[0])
            await ws.send_str(event("user_uttered", {"message": text, "session_id": session}))
            received = await events(ws, quiet=10)
    return session, [str(data.get("text", "")) for name, data in received
                     if name == "bot_uttered"]


async def events(ws: aiohttp.ClientWebSocketResponse, quiet: float) -> List[Tuple[str, Any]]:
    """The events received until none came for ``quiet`` seconds (answering pings)."""
    found: List[Tuple[str, Any]] = []
    while True:
        try:
            frame = await ws.receive_str(timeout=quiet)
        except asyncio.TimeoutError:
            return found
        if frame == "2":
            await ws.send_str("3")  # pong
        elif frame.startswith("42"):
            name, data = json.loads(frame[2:])[:2]
            found.append((name, data))


async def test_socketio_through_nginx_keeps_the_conversation(topology: Topology) -> None:
    session, first = await chat(topology.front_url, uuid.uuid4().hex, START)
    assert any(COURSE in text for text in first), first
    kept, again = await chat(topology.front_url, session, "what can I do next?")
    assert kept == session, "the issued session is kept on a new connection"
    assert any(f"from {COURSE}" in text for text in again), again
