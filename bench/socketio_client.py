"""A learner on the socket.io channel, with python-socketio's real client (tests, benchmarks)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, Dict, List, Optional

import aiohttp
import socketio

#: engine.io's websocket transport needs a newer aiohttp than Rasa pins; a widget in a
#: browser upgrades to websocket, this client stays on long-polling
TRANSPORTS = ["polling"]
#: seconds :meth:`Learner.close` waits for a clean disconnect
CLOSE_WAIT = 1.0


class Learner:
    """One socket.io connection with a confirmed session; collects ``bot_uttered``."""

    def __init__(self, url: str, headers: Optional[Dict[str, str]] = None,
                 source: Optional[str] = None) -> None:  # fmt: skip
        """A learner of the server at ``url``.

        ``headers`` go with the connection (``Origin``, ``X-Forwarded-For``); ``source``
        is the local address to connect from (a loopback alias such as ``127.0.0.2``).
        """
        self.url = url
        self.headers = headers or {}
        connector = aiohttp.TCPConnector(local_addr=(source, 0)) if source else None
        self._http = aiohttp.ClientSession(connector=connector)
        self.client = socketio.AsyncClient(reconnection=False, http_session=self._http)
        self.received: List[Any] = []
        self.session_id: Optional[str] = None
        self._confirmed = asyncio.Event()
        self.client.on("bot_uttered", self._bot)
        self.client.on("session_confirm", self._confirm)

    async def _bot(self, data: Any) -> None:
        self.received.append(data)

    async def _confirm(self, data: Any) -> None:
        self.session_id = data
        self._confirmed.set()

    async def connect(self, session_id: Optional[str] = None) -> Learner:
        """Connect and ask for a session (a new one unless ``session_id``)."""
        await self.client.connect(self.url, headers=self.headers, socketio_path="/socket.io",
                                  transports=TRANSPORTS)  # fmt: skip
        await self.client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(self._confirmed.wait(), 30)
        return self

    async def emit(self, event: str, data: Any) -> None:
        """Emit any event with any data (for hostile payloads)."""
        await self.client.emit(event, data)

    async def say(self, text: Any, quiet: float = 1.5, timeout: float = 120.0) -> List[Any]:
        """Send ``text``; the bot's messages, once one came and then none for ``quiet`` s."""
        return await self.send({"message": text, "session_id": self.session_id}, quiet, timeout)

    async def send(self, data: Any, quiet: float = 1.5, timeout: float = 120.0) -> List[Any]:
        """Emit ``user_uttered`` with ``data``; the replies as :meth:`say` collects them."""
        start = len(self.received)
        await self.client.emit("user_uttered", data)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        count, changed = start, loop.time()
        while loop.time() < deadline:
            await asyncio.sleep(0.1)
            if len(self.received) != count:
                count, changed = len(self.received), loop.time()
            elif count > start and loop.time() - changed >= quiet:
                break
        return self.received[start:]

    async def close(self) -> None:
        """Disconnect, without waiting for the long-poll in flight.

        The server answers a pending long-poll only at its next ping (up to 25 s later),
        and python-socketio's disconnect waits for it: after :data:`CLOSE_WAIT` seconds
        the wait is cancelled and the HTTP session closed, which ends the poll.
        """
        closing = asyncio.ensure_future(self.client.disconnect())
        done, _ = await asyncio.wait({closing}, timeout=CLOSE_WAIT)
        if not done:
            closing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await closing
        await self._http.close()
