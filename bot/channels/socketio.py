"""The socket.io channel for web widgets: ``/socket.io``, events ``user_uttered``/``bot_uttered``.

Rasa 3.6's own socket.io channel answers nothing with python-socketio 5.18: it does
not await ``enter_room`` (a coroutine there), so with ``session_persistence`` the
replies go to an empty room, and its ``send_custom_json`` calls
``emit(**payload)``, which raises ``TypeError`` on a route card. This one fixes both.

The client:

1. emits ``session_request`` with ``{"session_id": ID}`` (or nothing, for a new one)
   and gets ``session_confirm`` with the session id to keep (a string of 16 to 64
   letters, digits, ``-`` or ``_``; anything else gets a new id);
2. emits ``user_uttered`` with ``{"message": "...", "session_id": ID}`` (optionally
   ``"metadata": {...}``);
3. receives ``bot_uttered`` events, one per bot message, each **one** of:

   - ``{"text": "..."}``
   - ``{"text": "...", "quick_replies": [{"content_type": "text", "title": "...",
     "payload": "/intent{...}"}]}``: buttons; send the ``payload`` back as the
     ``message`` of a ``user_uttered`` when one is chosen;
   - ``{"custom": {"type": "pathways.route", "position": 1, "route": RouteDict}}``: a
     route card (``pathways_catalogue.payloads.RouteDict``), sent right after the
     route's text summary;
   - ``{"attachment": {...}}``: an image or attachment (the bot sends none today).

A message without a confirmed session is answered on the socket itself (its own,
short-lived conversation). A ``user_uttered`` that is not an object with a string
``message`` gets the polite ``utter_empty_message`` reply; nothing a client sends
raises in the server. Socket payloads above engine.io's limit (1 MB) close the
connection. Rasa's ``namespace``, ``jwt_key`` and ``metadata_key`` settings are not
supported (the metadata is always ``metadata``).
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels.guard import AgentRef, guarded

logger = logging.getLogger(__name__)

_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


def session_id_of(data: object) -> Optional[str]:
    """The session id a client asks for, if it is a well-formed one."""
    if isinstance(data, dict):
        value = data.get("session_id")
        if isinstance(value, str) and _SESSION_ID.fullmatch(value):
            return value
    return None


class SocketIOOutput(RasaSocketIOOutput):
    """Rasa's socket.io output, with custom payloads sent as ``{"custom": payload}``."""

    async def send_custom_json(
        self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any
    ) -> None:
        """Emit ``bot_uttered`` with ``{"custom": json_message}`` to the conversation's room."""
        await self._send_message(recipient_id, {"custom": json_message})


class SocketIOInput(InputChannel):
    """The socket.io channel (see the module's docstring for the events)."""

    @classmethod
    def name(cls) -> str:
        """``socketio``."""
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """The channel from its section of the credentials file."""
        credentials = credentials or {}
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            session_persistence=bool(credentials.get("session_persistence", True)),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
        )

    def __init__(
        self,
        user_message_evt: str = "user_uttered",
        bot_message_evt: str = "bot_uttered",
        session_persistence: bool = True,
        socketio_path: str = "/socket.io",
    ) -> None:
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.session_persistence = session_persistence
        self.socketio_path = socketio_path
        self.sio: Optional[AsyncServer] = None
        #: the confirmed session of each connected socket
        self.sessions: Dict[str, str] = {}

    def get_output_channel(self) -> Optional[OutputChannel]:
        """An output to the connected sockets (None before the server starts)."""
        if self.sio is None:
            return None
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """The socket.io server and its health check."""
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        self.sio = sio
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        handle = guarded(on_new_message, AgentRef().attach(webhook))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect")
        async def connect(sid: str, environ: Dict[str, Any], auth: Any = None) -> bool:
            return True

        @sio.on("disconnect")
        async def disconnect(sid: str, *_reason: Any) -> None:
            self.sessions.pop(sid, None)

        @sio.on("session_request")
        async def session_request(sid: str, data: Any = None) -> None:
            session = session_id_of(data) or uuid.uuid4().hex
            if self.session_persistence:
                previous = self.sessions.get(sid)
                if previous and previous != session:
                    await sio.leave_room(sid, previous)
                await sio.enter_room(sid, session)
                self.sessions[sid] = session
            await sio.emit("session_confirm", session, room=sid)

        @sio.on(self.user_message_evt)
        async def user_uttered(sid: str, data: Any = None) -> None:
            output = SocketIOOutput(sio, self.bot_message_evt)
            recipient = self.sessions.get(sid, sid) if self.session_persistence else sid
            text = data.get("message") if isinstance(data, dict) else None
            metadata = data.get("metadata") if isinstance(data, dict) else None
            message = UserMessage(
                text if isinstance(text, str) else "",
                output,
                recipient,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None,
            )
            await handle(message)

        return webhook
