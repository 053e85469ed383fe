"""Facebook Messenger: Rasa's channel behind the guard.

``/webhooks/facebook/webhook``, requests checked with the app secret; buttons within
Messenger's limits (:func:`bot.channels.render.messenger_messages`); route cards as
text.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput as RasaFacebookInput
from rasa.core.channels.facebook import MessengerBot as RasaMessengerBot
from sanic import Blueprint

from bot.channels.guard import AgentRef, guarded
from bot.channels.plain import CardsAsText
from bot.channels.render import MESSENGER_TEXT, messenger_messages, split


class MessengerBot(CardsAsText, RasaMessengerBot):
    """Rasa's Messenger output within Messenger's limits."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send ``text`` in paragraphs of at most 2,000 characters."""
        for paragraph in text.strip().split("\n\n"):
            for piece in split(paragraph, MESSENGER_TEXT):
                self.messenger_client.send({"text": piece}, recipient_id, "RESPONSE")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send ``text`` with a button template or quick replies."""
        for message in messenger_messages(text, buttons):
            self.messenger_client.send(message, recipient_id, "RESPONSE")


def ours(output: OutputChannel) -> OutputChannel:
    """Rasa's Messenger output as :class:`MessengerBot` (same client)."""
    if isinstance(output, RasaMessengerBot) and not isinstance(output, MessengerBot):
        return MessengerBot(output.messenger_client)
    return output


class FacebookInput(RasaFacebookInput):
    """Rasa's Messenger channel behind the guard, with :class:`MessengerBot` replies."""

    def get_output_channel(self) -> OutputChannel:
        """An output to the Send API."""
        return ours(super().get_output_channel())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's Messenger blueprint with the guard."""
        agent = AgentRef()
        webhook = super().blueprint(guarded(on_new_message, agent, adapt=ours))
        agent.attach(webhook)
        return webhook
