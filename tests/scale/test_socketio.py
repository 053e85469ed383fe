"""socket.io through nginx: polling first, then the websocket upgrade, on one replica."""

from __future__ import annotations

import asyncio
import uuid
from typing import List

import pytest
import socketio

from deploy.scale import Topology
from tests.scale.conftest import COURSE

pytestmark = [pytest.mark.scale, pytest.mark.slow]

START = "im doing the ext dip in enginering at northgate"


async def chat(url: str, session_id: str, text: str) -> List[str]:
    """Connect, send one message, and collect the bot's messages for a while."""
    client = socketio.AsyncClient(reconnection=False)
    received: List[str] = []
    confirmed = asyncio.Event()
    client.on("session_confirm", lambda *_: confirmed.set())
    client.on("bot_uttered", lambda data: received.append(str(data.get("text", ""))))
    await client.connect(url, socketio_path="/socket.io", transports=["polling", "websocket"])
    try:
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), 30)
        await client.emit("user_uttered", {"message": text, "session_id": session_id})
        for _ in range(600):
            await asyncio.sleep(0.1)
            if received and client.transport() == "websocket":
                await asyncio.sleep(1)  # the rest of the turn's messages
                break
        assert client.transport() == "websocket", "the upgrade went through nginx"
    finally:
        await client.disconnect()
    return received


async def test_socketio_through_nginx_keeps_the_conversation(topology: Topology) -> None:
    session_id = uuid.uuid4().hex
    first = await chat(topology.front_url, session_id, START)
    assert any(COURSE in text for text in first), first
    again = await chat(topology.front_url, session_id, "what can I do next?")
    assert any(f"from {COURSE}" in text for text in again), again
