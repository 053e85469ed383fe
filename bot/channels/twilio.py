"""Twilio (SMS and WhatsApp): a webhook at ``/webhooks/twilio/webhook``.

Differences from Rasa's Twilio channel:

- requests must carry a valid ``X-Twilio-Signature`` for ``webhook_url`` (the public
  URL Twilio posts to), else 403; Rasa's channel checks nothing;
- messages are sent in a worker thread (the Twilio client is blocking), once, and a
  failure is logged, not retried in a loop;
- buttons become numbered lines ("Reply with a number: 1. ..."), numbered across
  the turn, and a reply of just that number is read as the button's payload;
- route cards become text; texts are cut to Twilio's 1,600 characters;
- the API address is configurable (``api_url``, for tests: a local stand-in).

WhatsApp works the same way with ``whatsapp:+44...`` numbers.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.twilio import TwilioOutput as RasaTwilioOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.base.exceptions import TwilioException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.channels.guard import AgentRef, guarded
from bot.channels.plain import CardsAsText
from bot.channels.render import TWILIO_TEXT, PayloadStore, split, usable

logger = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"


class RedirectedHttpClient(TwilioHttpClient):
    """Twilio's HTTP client, sending ``https://api.twilio.com`` requests to ``base``."""

    def __init__(self, base: str) -> None:
        super().__init__(timeout=30)
        self.base = base.rstrip("/")

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        """Make the request at ``base``."""
        if url.startswith(TWILIO_API):
            url = self.base + url[len(TWILIO_API):]
        return super().request(method, url, *args, **kwargs)


class TwilioOutput(CardsAsText, RasaTwilioOutput):
    """Rasa's Twilio output: non-blocking, numbered buttons, a configurable API address."""

    def __init__(self, account_sid: str, auth_token: str, twilio_number: str,
                 store: PayloadStore, api_url: Optional[str] = None) -> None:  # fmt: skip
        http_client = RedirectedHttpClient(api_url) if api_url else None
        Client.__init__(self, account_sid, auth_token, http_client=http_client)
        self.twilio_number = twilio_number
        self.store = store
        self.numbered: Dict[str, str] = {}  # this turn's numbered buttons

    async def _send_message(self, message_data: Dict[str, Any]) -> Any:
        try:
            return await asyncio.to_thread(lambda: self.messages.create(**message_data))
        except (TwilioException, OSError) as error:
            logger.error("twilio: a message could not be sent: %s", type(error).__name__)
            return None

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send ``text`` in pieces of at most 1,600 characters."""
        for piece in split(text, TWILIO_TEXT):
            await self._send_message({"to": recipient_id, "from_": self.twilio_number,
                                      "body": piece})  # fmt: skip

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send ``text`` with the buttons as numbered lines; remember the numbers."""
        kept = usable(buttons)
        first = len(self.numbered) + 1
        lines = [f"{first + i}. {b['title']}" for i, b in enumerate(kept)]
        for i, b in enumerate(kept):
            self.numbered[str(first + i)] = b["payload"]
        self.store.remember(recipient_id, self.numbered)
        body = f"{text}\n\nReply with a number:\n" + "\n".join(lines) if lines else text
        await self.send_text_message(recipient_id, body)


class TwilioInput(InputChannel):
    """The Twilio channel (see the module's docstring)."""

    @classmethod
    def name(cls) -> str:
        """``twilio``."""
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """The channel from ``account_sid``, ``auth_token``, ``twilio_number``, ``webhook_url``."""
        credentials = credentials or {}
        needed = ("account_sid", "auth_token", "twilio_number", "webhook_url")
        if not all(credentials.get(key) for key in needed):
            cls.raise_missing_credentials_exception()
        sid, token, number, url = (str(credentials[key]) for key in needed)
        return cls(sid, token, number, url, api_url=credentials.get("api_url"))

    def __init__(self, account_sid: str, auth_token: str, twilio_number: str,
                 webhook_url: str, api_url: Optional[str] = None) -> None:  # fmt: skip
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.twilio_number = twilio_number
        self.webhook_url = webhook_url
        self.api_url = api_url
        self.validator = RequestValidator(auth_token)
        self.store = PayloadStore()

    def get_output_channel(self) -> TwilioOutput:
        """An output to Twilio's API."""
        return TwilioOutput(self.account_sid, self.auth_token, self.twilio_number,
                            self.store, self.api_url)  # fmt: skip

    def authentic(self, request: Request) -> bool:
        """Whether the request carries Twilio's signature for ``webhook_url``."""
        params = {key: values[0] for key, values in request.form.items() if values}
        signature = request.headers.get("X-Twilio-Signature", "")
        return bool(signature) and bool(self.validator.validate(self.webhook_url, params,
                                                                signature))  # fmt: skip

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The health check and the webhook."""
        webhook = Blueprint("twilio_webhook", __name__)
        handle = guarded(on_new_message, AgentRef().attach(webhook))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.authentic(request):
                return response.json({"error": "forbidden"}, status=403)
            sender, text = request.form.get("From"), request.form.get("Body")
            if not sender or text is None:
                return response.text("", status=204)
            text = self.store.answer(sender, text.replace("¡", "@"))  # SMS corrupts @
            await handle(UserMessage(text, self.get_output_channel(), sender,
                                     input_channel=self.name()))  # fmt: skip
            return response.text("", status=204)

        return webhook
