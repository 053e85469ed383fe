"""The channels' own replies: domain responses read through the running agent.

They are read from the agent's domain, not from the action server, so they work
while the action server is down. If the domain cannot be read (no model loaded yet),
a built-in text of the same meaning is used.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

logger = logging.getLogger(__name__)

#: a learner message produced no bot message (e.g. the action server is down)
SOMETHING_WENT_WRONG = "utter_something_went_wrong"
#: a message over :data:`bot.channels.text.MAX_MESSAGE_CHARS`
TOO_LONG = "utter_too_long"
#: a message with nothing to read (empty, spaces, control characters)
EMPTY = "utter_empty_message"

#: used only when the agent's domain lacks the response (a model trained before it)
BUILT_IN: Dict[str, str] = {
    SOMETHING_WENT_WRONG: (
        "Sorry, something went wrong on my side and I couldn't answer that. Please try "
        "again in a minute."
    ),
    TOO_LONG: "Sorry, that's too long for me to read. Please shorten it.",
    EMPTY: "I didn't catch anything there. What would you like to ask?",
}


def response_text(agent: Optional[Any], name: str) -> str:
    """The text of domain response ``name`` (its first variation), from ``agent``'s domain.

    ``agent`` is the Rasa agent (``request.app.ctx.agent``) or None.
    """
    domain = getattr(agent, "domain", None) if agent is not None else None
    responses: Dict[str, List[Dict[str, Any]]] = getattr(domain, "responses", None) or {}
    for variation in responses.get(name, []):
        text = variation.get("text")
        if isinstance(text, str) and text.strip():
            return text.strip()
    logger.warning("domain response %s not found; using the built-in text", name)
    return BUILT_IN[name]
