"""The REST channel, ``POST /webhooks/rest/webhook``, with a strict request check.

The request body is JSON: ``{"sender": "...", "message": "...", "metadata": {...}}``.
The answer is Rasa's: a JSON list of bot messages, each ``{"recipient_id": sender}``
with ``text``, ``buttons`` (``[{"title", "payload"}]``), ``image`` or ``custom`` (a route
card: ``{"type": "pathways.route", "position": n, "route": RouteDict}``).

- Broken JSON, a body that is not an object, a missing or non-string ``message``, a
  missing, non-string, empty, padded, non-printable or over-128-character ``sender``,
  or ``metadata`` that is not an object: **400** with ``{"error": "..."}``. Nothing is
  ever merged into Rasa's shared ``default`` conversation.
- A body over :data:`MAX_BODY_BYTES`: **413** with ``{"error": "..."}``.
- An empty message, or one of control characters only: 200 with a polite reply
  (``utter_empty_message``); over 2,000 characters: 200 with ``utter_too_long``, not
  read (:mod:`bot.channels.guard`).
- A turn that produced no bot message: 200 with ``utter_something_went_wrong``.

The REST channel is for trusted integrations (the evaluation, a college's own
systems), not for browsers:

- with ``REST_CHANNEL_TOKEN`` set, every request needs ``Authorization: Bearer
  <token>`` (**401** otherwise); unset, the Rasa server listens on loopback only
  (``RASA_INTERFACE``) and the shipped nginx profile does not route the channel;
- the conversation is stored as ``rest:<sender>`` (:mod:`bot.channels.identity`): a
  REST sender can never name another channel's conversation (``whatsapp:+44...``);
- messages are rate-limited per conversation and, unless the token was given, per
  client address (:mod:`bot.channels.throttle`): **429** with ``Retry-After``;
- ``metadata`` keeps only the keys :mod:`bot.channels.metadata` allows.

The ``input_channel`` field and ``?stream=true`` of Rasa's REST channel are not
supported (the channel is always ``rest``).
"""

from __future__ import annotations

import inspect
import json
import os
from typing import Any, Awaitable, Callable, Dict, Mapping, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from access import tokens
from bot.channels.guard import AgentRef, guarded
from bot.channels.identity import SessionSigner, channel_secret, conversation_id
from bot.channels.metadata import kept
from bot.channels.text import valid_sender
from bot.channels.throttle import ChannelLimits

#: the largest request body read (a message is at most 2,000 characters, up to 4 bytes
#: each in UTF-8 and 6 as a JSON escape; this leaves room for the polite "too long"
#: reply to a long paste). Sanic itself refuses more than ``REQUEST_MAX_SIZE``.
MAX_BODY_BYTES = 64 * 1024
TOKEN_ENV = "REST_CHANNEL_TOKEN"


def forwarded_for(request: Request) -> Optional[str]:
    """Every ``X-Forwarded-For`` header of ``request``, joined (None without one)."""
    values = request.headers.getall("x-forwarded-for", [])
    return ",".join(values) if values else None


class BadRequest(ValueError):
    """A request the channel will not read (answered 400)."""


def parse(body: bytes) -> Dict[str, Any]:
    """The checked fields of a request body: ``sender``, ``message``, ``metadata``.

    Raises:
        BadRequest: with a message for the client.

    """
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadRequest("the body must be JSON") from error
    if not isinstance(data, dict):
        raise BadRequest('the body must be a JSON object {"sender": ..., "message": ...}')
    sender = data.get("sender")
    if not valid_sender(sender):
        raise BadRequest("'sender' must be a string of 1 to 128 printable characters")
    message = data.get("message")
    if not isinstance(message, str):
        raise BadRequest("'message' must be a string")
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest("'metadata' must be a JSON object")
    return {"sender": sender, "message": message, "metadata": metadata}


def error(status: int, text: str) -> HTTPResponse:
    """A JSON error answer."""
    return response.json({"error": text}, status=status)


class RestInput(InputChannel):
    """Rasa's REST channel (same path and answers) behind the request check and the guard."""

    @classmethod
    def name(cls) -> str:
        """``rest``: the path stays ``/webhooks/rest/webhook``."""
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """The channel, with its token and limits from the environment."""
        return cls(env=os.environ)

    def __init__(self, token: Optional[str] = None, limits: Optional[ChannelLimits] = None,
                 signer: Optional[SessionSigner] = None,
                 env: Optional[Mapping[str, str]] = None) -> None:  # fmt: skip
        env = {} if env is None else env
        self.token = token if token is not None else (env.get(TOKEN_ENV, "").strip() or None)
        self.limits = limits or ChannelLimits.from_env(env)
        self.signer = signer or SessionSigner(channel_secret(env))

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        """The health check and the webhook."""
        module = inspect.getmodule(self)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}",
                            module.__name__ if module else None)  # fmt: skip
        handle = guarded(on_new_message, AgentRef().attach(webhook))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.answer(request, handle)

        return webhook

    async def answer(self, request: Request, handle: Callable[[UserMessage], Awaitable[Any]]
                     ) -> HTTPResponse:  # fmt: skip
        """The answer to one webhook request (see the module's docstring)."""
        body = request.body or b""
        if len(body) > MAX_BODY_BYTES:
            return error(413, f"the body must be at most {MAX_BODY_BYTES} bytes")
        trusted = self.token is not None
        if trusted and not tokens.matches(
            self.token, tokens.bearer(request.headers.get("Authorization"))
        ):
            return response.json({"error": "a valid bearer token is required"}, status=401,
                                 headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
        try:
            fields = parse(body)
        except BadRequest as bad:
            return error(400, str(bad))
        client = self.limits.client(request.ip, forwarded_for(request))
        conversation = conversation_id(self.name(), fields["sender"])
        if not self.limits.allow(conversation, client, trusted=trusted):
            wait = self.limits.retry_after(conversation, client)
            return response.json({"error": "too many messages: please slow down"},
                                 status=429, headers={"Retry-After": str(wait)})  # fmt: skip
        counted = not (trusted or client.local)
        collector = CollectingOutputChannel()
        message = UserMessage(
            fields["message"], collector, fields["sender"], input_channel=self.name(),
            metadata=kept(fields["metadata"],
                          self.signer.client_key(client.address) if counted else None),
        )  # fmt: skip
        await handle(message)
        return response.json(collector.messages)
