"""What every messaging platform's output shares: route cards become text."""

from __future__ import annotations

import logging
from typing import Any, Dict

from rasa.core.channels.channel import OutputChannel

from bot.channels.render import route_text

logger = logging.getLogger(__name__)


class CardsAsText(OutputChannel):
    """Sends a route card as text, and no other custom payload at all.

    A route card comes with its summary as text, so the card is dropped; a card sent
    alone becomes :func:`bot.channels.render.route_text`. Other custom payloads (none
    are sent today) are dropped rather than shown to a learner as raw JSON.
    """

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        """Send ``message`` with its custom payload handled as above."""
        message = dict(message)
        custom = message.pop("custom", None)
        if custom is not None and not (message.get("text") or message.get("buttons")):
            text = route_text(custom)
            if text:
                message["text"] = text
            else:
                logger.debug("a custom payload was not sent on %s", self.name())
        await super().send_response(recipient_id, message)
