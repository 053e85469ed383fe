"""The socket.io channel for web widgets: ``/socket.io``, events ``user_uttered``/``bot_uttered``.

Rasa 3.6's own socket.io channel answers nothing with python-socketio 5.18: it does
not await ``enter_room`` (a coroutine there), so with ``session_persistence`` the
replies go to an empty room, and its ``send_custom_json`` calls
``emit(**payload)``, which raises ``TypeError`` on a route card. This one fixes both.

The client:

1. emits ``session_request`` with ``{"session_id": ID}`` (or nothing, for a new one)
   and gets ``session_confirm`` with the session id to keep. Ids are issued by the
   server and signed (:class:`bot.channels.identity.SessionSigner`): an id the server
   did not sign (someone else's conversation id, a made-up one) gets a new
   conversation, never the one it names;
2. emits ``user_uttered`` with ``{"message": "...", "session_id": ID}`` (optionally
   ``"metadata": {...}``);
3. receives ``bot_uttered`` events, one per bot message, each **one** of:

   - ``{"text": "..."}``
   - ``{"text": "...", "quick_replies": [{"content_type": "text", "title": "...",
     "payload": "/intent{...}"}]}``: buttons; send the ``payload`` back as the
     ``message`` of a ``user_uttered`` when one is chosen;
   - ``{"custom": {"type": "pathways.route", "position": 1, "route": RouteDict},
     "quick_replies": [...]}``: a route card (``pathways_catalogue.payloads.RouteDict``)
     with the route's buttons, and **no** text: the widget draws the card, so the
     text summary the action sent with it (for channels without cards) is dropped
     (:func:`card_message`);
   - ``{"attachment": {...}}``: an image or attachment (the bot sends none today).

4. may emit ``rating`` with ``{"value": "up" | "down", "comment": "..."}`` (the
   thumbs in the widget) and gets ``rating_saved`` with ``{"value": ...}`` once it is
   stored in its conversation (:mod:`bot.channels.rating`), or ``rating_refused``
   (no confirmed session, no conversation yet, not a rating, over a rate limit).

A message without a confirmed session is answered on the socket itself (its own,
short-lived conversation). Conversations are stored as ``socketio:<session>``.

A browser may connect only from the origins in ``RASA_CORS_ORIGINS`` (space-separated;
unset: the Rasa server's own origin only). Messages are rate-limited per conversation
and per client address (:mod:`bot.channels.throttle`); one over a limit is answered
with :data:`bot.channels.throttle.SLOW_DOWN` and not read. ``metadata`` keeps only
the keys :mod:`bot.channels.metadata` allows. Socket payloads over
:data:`MAX_PAYLOAD_BYTES` are not read (refused over polling, the websocket closed).

A ``user_uttered`` that is not an object with a string ``message`` gets the polite
``utter_empty_message`` reply; nothing a client sends raises in the server. Rasa's
``namespace``, ``jwt_key`` and ``metadata_key`` settings are not supported (the
metadata is always ``metadata``).
"""

from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional

import engineio
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from bot.channels import rating
from bot.channels.guard import AgentRef, guarded
from bot.channels.identity import SessionSigner, channel_secret, conversation_id
from bot.channels.metadata import kept
from bot.channels.throttle import SLOW_DOWN, ChannelLimits, Client

logger = logging.getLogger(__name__)

#: the largest socket.io payload read (a message is at most 2,000 characters)
MAX_PAYLOAD_BYTES = 64 * 1024


def session_id_of(data: object) -> Optional[str]:
    """The session id a client asks for, if it sent one."""
    if isinstance(data, dict):
        value = data.get("session_id")
        if isinstance(value, str):
            return value
    return None


def allowed_origins(env: Mapping[str, str]) -> Optional[List[str]]:
    """The browser origins of ``RASA_CORS_ORIGINS``; None (same origin only) when unset.

    python-socketio turns the check off for an empty list, so none is never ``[]``.
    """
    origins = env.get("RASA_CORS_ORIGINS", "").split()
    return origins or None


class OriginCheckedEngine(engineio.AsyncServer):
    """engine.io refusing the origins not allowed, and sending no CORS headers itself.

    The Rasa server's Sanic-CORS (``--cors``, the same ``RASA_CORS_ORIGINS``) adds them
    to every answer; sent by both, a browser sees the header twice and refuses it.
    """

    def _cors_headers(self, environ: Dict[str, Any]) -> List[Any]:
        return []


class OriginCheckedServer(AsyncServer):
    """python-socketio's server on :class:`OriginCheckedEngine`."""

    def _engineio_server_class(self) -> type:
        return OriginCheckedEngine


def peer_of(environ: Dict[str, Any]) -> Optional[str]:
    """The connection's peer address (engine.io's sanic driver always says 127.0.0.1)."""
    request = environ.get("sanic.request")
    return getattr(request, "ip", None) or environ.get("REMOTE_ADDR")


def is_route_card(custom: Any) -> bool:
    """Whether a custom payload is a route card the widget draws."""
    return isinstance(custom, dict) and custom.get("type") == "pathways.route" and (
        isinstance(custom.get("route"), dict)
    )


def card_message(custom: Dict[str, Any], buttons: Any) -> Dict[str, Any]:
    """The one ``bot_uttered`` of a route card: the card and its buttons, no text.

    The card holds everything the text summary says (title, institution, level, how
    to get in, conditions, the steps after), so the widget shows the route once.
    """
    message: Dict[str, Any] = {"custom": custom}
    replies = [
        {"content_type": "text", "title": b["title"], "payload": b["payload"]}
        for b in buttons or []
        if isinstance(b, dict) and isinstance(b.get("title"), str)
        and isinstance(b.get("payload"), str)
    ]  # fmt: skip
    if replies:
        message["quick_replies"] = replies
    return message


class SocketIOOutput(RasaSocketIOOutput):
    """Rasa's socket.io output: custom payloads as ``{"custom": payload}``, cards alone."""

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        """Send ``message``; a route card goes as one event with its buttons, without text."""
        custom = message.get("custom")
        if isinstance(custom, dict) and is_route_card(custom):
            await self._send_message(recipient_id, card_message(custom, message.get("buttons")))
            return
        await super().send_response(recipient_id, message)

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
            env=os.environ,
        )

    def __init__(
        self,
        user_message_evt: str = "user_uttered",
        bot_message_evt: str = "bot_uttered",
        session_persistence: bool = True,
        socketio_path: str = "/socket.io",
        env: Optional[Mapping[str, str]] = None,
    ) -> None:
        env = {} if env is None else env
        self.user_message_evt = user_message_evt
        self.bot_message_evt = bot_message_evt
        self.session_persistence = session_persistence
        self.socketio_path = socketio_path
        self.origins = allowed_origins(env)
        self.signer = SessionSigner(channel_secret(env))
        self.limits = ChannelLimits.from_env(env)
        self.sio: Optional[AsyncServer] = None
        #: the confirmed session of each connected socket
        self.sessions: Dict[str, str] = {}
        #: the client of each connected socket
        self.clients: Dict[str, Client] = {}

    def get_output_channel(self) -> Optional[OutputChannel]:
        """An output to the connected sockets (None before the server starts)."""
        if self.sio is None:
            return None
        return SocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """The socket.io server and its health check."""
        sio = OriginCheckedServer(async_mode="sanic", cors_allowed_origins=self.origins,
                                  max_http_buffer_size=MAX_PAYLOAD_BYTES)  # fmt: skip
        self.sio = sio
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        agent = AgentRef().attach(webhook)
        handle = guarded(on_new_message, agent)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect")
        async def connect(sid: str, environ: Dict[str, Any], auth: Any = None) -> bool:
            forwarded = environ.get("HTTP_X_FORWARDED_FOR")
            self.clients[sid] = self.limits.client(peer_of(environ), forwarded)
            return True

        @sio.on("disconnect")
        async def disconnect(sid: str, *_reason: Any) -> None:
            self.sessions.pop(sid, None)
            self.clients.pop(sid, None)

        @sio.on("session_request")
        async def session_request(sid: str, data: Any = None) -> None:
            token = session_id_of(data)
            session = self.signer.session(token)
            if session is None or token is None:
                session, token = self.signer.new()
            if self.session_persistence:
                previous = self.sessions.get(sid)
                if previous and previous != session:
                    await sio.leave_room(sid, previous)
                await sio.enter_room(sid, session)
                self.sessions[sid] = session
            await sio.emit("session_confirm", token, room=sid)

        @sio.on("rating")
        async def rate(sid: str, data: Any = None) -> None:
            session = self.sessions.get(sid) if self.session_persistence else None
            value = rating.parse(data)
            client = self.clients.get(sid) or Client("unknown", local=False)
            running = agent()
            if session is None or value is None or running is None:
                await sio.emit("rating_refused", {}, room=sid)
                return
            sender = conversation_id(self.name(), session)
            if not self.limits.allow(sender, client) or not await rating.store(
                running, sender, value
            ):
                await sio.emit("rating_refused", {}, room=sid)
                return
            await sio.emit("rating_saved", {"value": value["value"]}, room=sid)

        @sio.on(self.user_message_evt)
        async def user_uttered(sid: str, data: Any = None) -> None:
            output = SocketIOOutput(sio, self.bot_message_evt)
            recipient = self.sessions.get(sid, sid) if self.session_persistence else sid
            client = self.clients.get(sid) or Client("unknown", local=False)
            if not self.limits.allow(conversation_id(self.name(), recipient), client):
                await sio.emit(self.bot_message_evt, {"text": SLOW_DOWN}, room=sid)
                return
            text = data.get("message") if isinstance(data, dict) else None
            metadata = data.get("metadata") if isinstance(data, dict) else None
            key = None if client.local else self.signer.client_key(client.address)
            message = UserMessage(
                text if isinstance(text, str) else "",
                output,
                recipient,
                input_channel=self.name(),
                metadata=kept(metadata, key),
            )
            await handle(message)

        return webhook
