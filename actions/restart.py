"""Starting over: ``action_restart`` forgets the profile, unless the words say otherwise.

Rasa maps the ``restart`` intent to ``action_restart`` before any rule or policy, so
this action, which overrides the built-in one, is the only place to decide. "Start
again" clears the profile, filters, routes and hand-over details (not the transcript an
adviser may need), and has the tracker store scrub the name and contact details the
learner typed from the stored conversation (as when they decline a hand-over). A
message the NLU took for a restart but whose words do not ask for one ("do I have to
start the HND from year 1?") is answered like any other message.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet

from actions import messages
from actions.dialogue import ActionRespond
from actions.handover import withdraw_details
from actions.profile import RESTART_SLOTS

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

#: words that ask to start over
START_OVER = re.compile(
    r"\b(?:start(?:ing)? (?:again|over|afresh|from scratch)|restart|reset|begin again|"
    r"(?:go|going|back|let'?s start) (?:back )?(?:to|from) the (?:start|beginning)|"
    r"new conversation|forget (?:everything|all|it all)|"
    r"clear (?:everything|it all|my details)|wipe|scrap (?:everything|it all))\b",
    re.IGNORECASE,
)
#: a question about a course that uses the same words ("would I have to start the HND
#: from the beginning?", "do I have to start the HND from year 1?")
COURSE_QUESTION = re.compile(
    r"\b(?:start|begin)(?:ing)?\s+(?:the|it|my|a|an|that|this|in|at|on|from year|year|yr)\b",
    re.IGNORECASE,
)


def asks_to_start_over(text: str) -> bool:
    """Whether the words ask to start over (a "/restart" button does)."""
    if text.strip().startswith("/restart"):
        return True
    return bool(START_OVER.search(text)) and not COURSE_QUESTION.search(text)


class ActionRestartProfile(Action):
    """Start over (see the module docstring)."""

    def name(self) -> str:
        """Name of the action."""
        return "action_restart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Clear the slots, stop any form and ask for the course again."""
        text = str((tracker.latest_message or {}).get("text") or "")
        if not asks_to_start_over(text):
            return await ActionRespond().run(dispatcher, tracker, domain)
        messages.say(dispatcher, "profile_restarted")
        return [
            *(SlotSet(slot, None) for slot in RESTART_SLOTS),
            *withdraw_details(),
            SlotSet("pending", "course"),
            ActiveLoop(None),
            SlotSet("requested_slot", None),
        ]
