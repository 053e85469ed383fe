"""Clarifying questions when the assistant has not understood, without looping.

The first miss asks the learner to put it another way (with buttons); a second miss
in a row offers an adviser instead of asking again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted

from actions import messages

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

#: actions that answer a message that was not understood
FALLBACK_ACTIONS = frozenset({"action_clarify", "action_default_fallback"})
#: what the bot says when it did not understand (``message_key`` of the bot message)
CLARIFY_KEYS = frozenset({"clarify", "clarify_offer_adviser"})


def misses_in_a_row(events: List[Dict[str, Any]]) -> int:
    """How many learner messages in a row, ending with the latest, were not understood.

    The latest message counts as a miss (the caller is answering it with a clarifying
    question); each earlier message counts if a fallback action answered it or the
    reply was a clarifying question.
    """
    turns: List[List[Dict[str, Any]]] = []
    for event in events:
        if event.get("event") == "user":
            turns.append([])
        elif turns:
            turns[-1].append(event)
    misses = 1
    for turn in reversed(turns[:-1]):
        answered_by = {e.get("name") for e in turn if e.get("event") == "action"}
        said = {
            (e.get("metadata") or {}).get("message_key") for e in turn if e.get("event") == "bot"
        }
        if not (answered_by & FALLBACK_ACTIONS or said & CLARIFY_KEYS):
            break
        misses += 1
    return misses


def clarify(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Ask to rephrase, or after a second miss in a row offer an adviser (then True)."""
    if misses_in_a_row(tracker.events) >= 2:
        messages.say(dispatcher, "clarify_offer_adviser")
        return True
    messages.say(dispatcher, "clarify")
    return False


class ActionClarify(Action):
    """Answers a message the NLU was not confident about (``nlu_fallback``)."""

    def name(self) -> str:
        """Name of the action."""
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Ask a clarifying question."""
        clarify(dispatcher, tracker)
        return []


class ActionDefaultFallback(Action):
    """Replaces Rasa's default fallback (no confident next action).

    Like the built-in one it reverts the learner's message, so the conversation
    carries on as if it had not been sent.
    """

    def name(self) -> str:
        """Name of the action."""
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Ask a clarifying question and revert the message."""
        clarify(dispatcher, tracker)
        return [UserUtteranceReverted()]
