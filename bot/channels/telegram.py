"""Telegram: a webhook at ``/webhooks/telegram/webhook``, replies through the Bot API.

Differences from Rasa's Telegram channel:

- the webhook is set when the server has started (in its event loop), with a secret
  token derived from the bot token; updates without that token in the
  ``X-Telegram-Bot-Api-Secret-Token`` header are refused (403), and no ``getMe`` call
  is made per update;
- the Bot API's address is configurable (``api_url``, for tests: a local stand-in);
- buttons are an inline keyboard within Telegram's limits (:mod:`bot.channels.render`),
  a button press is acknowledged (``answerCallbackQuery``), route cards become text;
- an update it cannot read is answered 200 and dropped (Telegram would retry a 5xx).
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.telegram import TelegramOutput as RasaTelegramOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import AgentRef, guarded
from bot.channels.plain import CardsAsText
from bot.channels.render import TELEGRAM_TEXT, PayloadStore, split, telegram_keyboard

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def secret_token(access_token: str) -> str:
    """The webhook's secret token: derived from the bot token, so nothing more to set."""
    return hashlib.sha256(f"pathways-webhook:{access_token}".encode()).hexdigest()


def _chat_id(message: Any) -> Optional[str]:
    chat = message.get("chat") if isinstance(message, dict) else None
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    return str(chat_id) if isinstance(chat_id, (int, str)) and str(chat_id) else None


def read_update(update: Any) -> Optional[Tuple[str, str, Optional[str]]]:
    """(chat id, text, callback query id) of an update, or None if it has no text."""
    if not isinstance(update, dict):
        return None
    query = update.get("callback_query")
    if isinstance(query, dict):
        chat_id, data, query_id = _chat_id(query.get("message")), query.get("data"), query.get("id")
        if chat_id and isinstance(data, str):
            return chat_id, data, str(query_id) if query_id else None
        return None
    message = update.get("message") or update.get("edited_message")
    chat_id = _chat_id(message)
    text = message.get("text") if isinstance(message, dict) else None
    if not chat_id or not isinstance(text, str):
        return None
    return chat_id, text, None


class TelegramOutput(CardsAsText, RasaTelegramOutput):
    """Rasa's Telegram output with a configurable API address and bounded keyboards."""

    def __init__(self, access_token: str, api_url: Optional[str], store: PayloadStore) -> None:
        server = TelegramAPIServer.from_base(api_url) if api_url else None
        kwargs: Dict[str, Any] = {"server": server} if server else {}
        Bot.__init__(self, access_token, **kwargs)
        self.store = store

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send ``text`` in paragraphs, each within Telegram's 4,096 characters."""
        for paragraph in text.strip().split("\n\n"):
            for piece in split(paragraph, TELEGRAM_TEXT):
                await self.send_message(recipient_id, piece)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send ``text`` with an inline keyboard."""
        pieces = split(text, TELEGRAM_TEXT) or ["…"]
        for piece in pieces[:-1]:
            await self.send_message(recipient_id, piece)
        markup = InlineKeyboardMarkup()
        for row in telegram_keyboard(buttons, self.store):
            markup.row(*[InlineKeyboardButton(title, callback_data=data) for title, data in row])
        await self.send_message(recipient_id, pieces[-1], reply_markup=markup)


class TelegramInput(InputChannel):
    """The Telegram channel (see the module's docstring)."""

    @classmethod
    def name(cls) -> str:
        """``telegram``."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """The channel from ``access_token``, ``webhook_url`` and optional ``api_url``."""
        credentials = credentials or {}
        if not credentials.get("access_token"):
            cls.raise_missing_credentials_exception()
        return cls(str(credentials["access_token"]), credentials.get("webhook_url"),
                   credentials.get("api_url"))  # fmt: skip

    def __init__(self, access_token: str, webhook_url: Optional[str],
                 api_url: Optional[str] = None) -> None:  # fmt: skip
        self.access_token = access_token
        self.webhook_url = webhook_url
        self.api_url = api_url
        self.secret = secret_token(access_token)
        self.store = PayloadStore()

    def get_output_channel(self) -> TelegramOutput:
        """An output to the Bot API."""
        return TelegramOutput(self.access_token, self.api_url, self.store)

    async def set_webhook(self, output: TelegramOutput) -> bool:
        """Ask Telegram to post updates to ``webhook_url`` with the secret token."""
        if not self.webhook_url:
            logger.warning("telegram: no webhook_url, so no webhook was set")
            return False
        result = await output.request(
            "setWebhook", {"url": self.webhook_url, "secret_token": self.secret}
        )
        return bool(result)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The health check and the webhook; the webhook is set once the server runs."""
        webhook = Blueprint("telegram_webhook", __name__)
        handle = guarded(on_new_message, AgentRef().attach(webhook))
        output = self.get_output_channel()

        @webhook.listener("after_server_start")
        async def start(_app: Any, _loop: Any) -> None:
            try:
                if await self.set_webhook(output):
                    logger.info("telegram: webhook set")
            except Exception as error:  # the other channels keep working
                logger.error("telegram: the webhook could not be set: %s", error)

        @webhook.listener("before_server_stop")
        async def stop(_app: Any, _loop: Any) -> None:
            await output.close()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if request.headers.get(SECRET_HEADER) != self.secret:
                return response.json({"error": "forbidden"}, status=403)
            try:
                update = request.json
            except Exception:
                update = None
            read = read_update(update)
            if read is None:
                return response.text("ignored")
            chat_id, text, query_id = read
            if query_id:
                text = self.store.payload(text)
                try:
                    await output.answer_callback_query(query_id)
                except Exception as error:
                    logger.warning("telegram: could not acknowledge a button: %s", error)
            await handle(UserMessage(text, output, chat_id, input_channel=self.name()))
            return response.text("success")

        return webhook
