"""A new conversation session keeps the learner's profile, never their personal details.

After an hour without a message (``session_expiration_time``) Rasa starts a new
session. Rasa's own ``action_session_start`` with ``carry_over_slots_to_new_session``
would copy every slot, the learner's name, email and phone number included, into the
new session without asking. This one carries over only what the conversation needs to
go on sensibly (the profile: course, level, interests, filters; the routes shown and
the course in focus) and leaves out the hand-over slots (name, contact details,
consent, reference) and any form state: a learner who comes back is asked for consent
and their details again before anything is passed on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions.profile import DIALOGUE_SLOTS, PROFILE_SLOTS

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

#: the slots a new session starts with (when the previous session had them)
CARRIED_SLOTS = (*PROFILE_SLOTS.values(), *DIALOGUE_SLOTS)


class ActionSessionStart(Action):
    """Starts a session with the previous session's non-personal slots."""

    def name(self) -> str:
        """Name of the action."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """``session_started``, the carried slots, then listen."""
        carried = [
            SlotSet(slot, tracker.slots[slot])
            for slot in CARRIED_SLOTS
            if tracker.slots.get(slot) is not None
        ]
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]
