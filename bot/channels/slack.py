"""Slack: Rasa's Slack channel behind the guard.

Events API at ``/webhooks/slack/webhook``, requests checked with the signing secret;
buttons as blocks within Slack's limits (:func:`bot.channels.render.slack_blocks`);
route cards as text.
``api_url`` (optional) points the Web API client elsewhere (a local stand-in).
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot as RasaSlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from sanic import Blueprint
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.guard import AgentRef, guarded
from bot.channels.plain import CardsAsText
from bot.channels.render import slack_blocks


class SlackBot(CardsAsText, RasaSlackBot):
    """Rasa's Slack output with bounded blocks and a configurable API address."""

    def __init__(self, token: str, slack_channel: Optional[str] = None,
                 thread_id: Optional[str] = None, proxy: Optional[str] = None,
                 api_url: Optional[str] = None) -> None:  # fmt: skip
        super().__init__(token, slack_channel, thread_id, proxy)
        if api_url:
            self.client = AsyncWebClient(token, proxy=proxy, base_url=api_url.rstrip("/") + "/")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send ``text`` and its buttons as blocks."""
        await self._post_message(channel=self.slack_channel or recipient_id, as_user=True,
                                 text=text, blocks=slack_blocks(text, buttons))  # fmt: skip


class SlackInput(RasaSlackInput):
    """Rasa's Slack channel behind the guard, with :class:`SlackBot` as its output."""

    api_url: Optional[str] = None

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """Rasa's Slack credentials, and ``api_url``."""
        channel = super().from_credentials(credentials)
        if isinstance(channel, SlackInput):
            channel.api_url = (credentials or {}).get("api_url")
        return channel

    def get_output_channel(
        self, channel: Optional[str] = None, thread_id: Optional[str] = None
    ) -> OutputChannel:
        """An output to the Web API."""
        return SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy,
                        self.api_url)  # fmt: skip

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's Slack blueprint with the guard."""
        agent = AgentRef()
        webhook = super().blueprint(guarded(on_new_message, agent))
        agent.attach(webhook)
        return webhook
