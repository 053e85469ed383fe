"""Clarifying questions: the second miss in a row offers an adviser instead."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionClarify, ActionDefaultFallback, misses_in_a_row
from tests.actions.conftest import DOMAIN, keys, load_state


def conversation(*turns: str) -> Tracker:
    """A tracker after learner turns; each is "ok" (understood) or "miss".

    The last turn is the one the fallback action is answering now.
    """
    state = load_state("new_learner")
    events: List[Dict[str, Any]] = state["events"]
    for number, turn in enumerate(turns):
        intent = "nlu_fallback" if turn == "miss" else "ask_next"
        text = f"message {number}"
        events.append({"event": "user", "text": text,
                       "parse_data": {"intent": {"name": intent}, "entities": []}})  # fmt: skip
        if number < len(turns) - 1:
            answer = "action_clarify" if turn == "miss" else "action_suggest_routes"
            events.append({"event": "action", "name": answer})
            events.append({"event": "action", "name": "action_listen"})
        state["latest_message"] = {"text": text, "intent": {"name": intent}, "entities": []}
    return Tracker.from_dict(state)


@pytest.mark.parametrize(
    ("turns", "misses", "key"),
    [
        (["miss"], 1, "clarify"),
        (["miss", "miss"], 2, "clarify_offer_adviser"),
        (["miss", "miss", "miss"], 3, "clarify_offer_adviser"),
        (["miss", "ok", "miss"], 1, "clarify"),
        (["ok", "miss"], 1, "clarify"),
    ],
)
async def test_a_second_miss_in_a_row_offers_an_adviser(
    turns: List[str], misses: int, key: str
) -> None:
    tracker = conversation(*turns)
    assert misses_in_a_row(tracker.events) == misses
    dispatcher = CollectingDispatcher()
    events = await ActionClarify().run(dispatcher, tracker, DOMAIN)
    assert events == []
    assert keys(dispatcher) == [key]


async def test_the_adviser_offer_has_buttons() -> None:
    dispatcher = CollectingDispatcher()
    await ActionClarify().run(dispatcher, conversation("miss", "miss"), DOMAIN)
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [
        "/request_human",
        "/restart",
    ]


async def test_the_core_fallback_clarifies_and_reverts_the_message() -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionDefaultFallback().run(dispatcher, conversation("ok"), DOMAIN)
    assert events == [{"event": "rewind", "timestamp": None}]
    assert keys(dispatcher) == ["clarify"]
