"""A learner's thumbs up or down from the widget, kept in their stored conversation.

The widget emits the socket.io event ``rating`` with ``{"value": "up" | "down",
"comment": "..."}`` (:mod:`bot.channels.socketio`). It is stored as the ``rating``
slot (``bot/domain/core.yml``) of the conversation the socket's confirmed session
holds: a ``SlotSet`` appended under the conversation's lock, as Rasa's own "append
events" endpoint does, so it changes no reply and starts no turn. A rating for a
conversation with no learner message yet is not stored. The comment is optional,
cut to :data:`MAX_COMMENT` characters, with email addresses and phone numbers
replaced (:func:`storage.logs.redact`); the insights count comments and never show them.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.shared.core.events import SlotSet, UserUttered

from bot.channels.text import clean
from storage.logs import redact

RATING_SLOT = "rating"
VALUES = ("up", "down")
MAX_COMMENT = 500


def parse(data: object) -> Optional[Dict[str, str]]:
    """The rating a client sent (``{"value", "comment"}``), or None if it is not one."""
    if not isinstance(data, dict) or data.get("value") not in VALUES:
        return None
    comment = data.get("comment")
    raw = comment[: MAX_COMMENT * 4] if isinstance(comment, str) else ""
    text = " ".join(clean(raw).split())[:MAX_COMMENT]
    return {"value": str(data["value"]), "comment": redact(text) if text else ""}


async def store(agent: Any, sender_id: str, rating: Dict[str, str]) -> bool:
    """Append the rating to the stored conversation ``sender_id``; False if there is none."""
    async with agent.lock_store.lock(sender_id):
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is None or not any(isinstance(e, UserUttered) for e in tracker.events):
            return False
        tracker.update(SlotSet(RATING_SLOT, rating))
        await agent.tracker_store.save(tracker)
    return True
