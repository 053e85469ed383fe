"""A local stand-in for the Telegram Bot API and Twilio's REST API (aiohttp, loopback).

It answers the calls the channels make as the real APIs would (enough for aiogram
and the twilio client to parse) and records every call, so a test sees exactly what
would have been sent to a learner.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from aiohttp import web


@dataclass
class Call:
    """One API call: which API, the method, the parameters."""

    api: str
    method: str
    params: Dict[str, Any]


@dataclass
class StandIn:
    """The stand-in server, run in a thread of its own."""

    calls: List[Call] = field(default_factory=list)
    url: str = ""
    _loop: Optional[asyncio.AbstractEventLoop] = None
    _runner: Optional[web.AppRunner] = None
    _thread: Optional[threading.Thread] = None

    async def telegram(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: Dict[str, Any] = dict(await request.post())
        if not params and request.can_read_body:
            params = await request.json()
        self.calls.append(Call("telegram", method, params))
        result: Any = True
        if method == "sendMessage":
            result = {"message_id": len(self.calls), "date": int(time.time()),
                      "chat": {"id": int(params["chat_id"]), "type": "private"},
                      "text": params.get("text", "")}  # fmt: skip
        elif method == "getMe":
            result = {"id": 1, "is_bot": True, "first_name": "Pathways", "username": "pw_bot"}
        return web.json_response({"ok": True, "result": result})

    async def twilio(self, request: web.Request) -> web.Response:
        params = dict(await request.post())
        self.calls.append(Call("twilio", "Messages", params))
        sid = request.match_info["sid"]
        return web.json_response({
            "sid": f"SM{len(self.calls):032d}", "account_sid": sid, "to": params.get("To"),
            "from": params.get("From"), "body": params.get("Body"), "status": "queued",
            "num_segments": "1", "direction": "outbound-api", "api_version": "2010-04-01",
            "uri": f"/2010-04-01/Accounts/{sid}/Messages/SM1.json",
        }, status=201)  # fmt: skip

    def start(self) -> StandIn:
        """Start serving on a free loopback port; ``url`` is its base URL."""
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            app = web.Application()
            app.router.add_post("/bot{token}/{method}", self.telegram)
            app.router.add_post("/2010-04-01/Accounts/{sid}/Messages.json", self.twilio)
            self._runner = web.AppRunner(app)
            loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            self.url = f"http://127.0.0.1:{port}"
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    def sent(self, api: str, method: str, since: int = 0) -> List[Dict[str, Any]]:
        """The parameters of the calls of ``method`` on ``api``, from call ``since`` on."""
        return [c.params for c in self.calls[since:] if c.api == api and c.method == method]

