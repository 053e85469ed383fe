"""The widget's thumbs up or down: read from the client, stored in Rasa's own stores."""

from __future__ import annotations

import warnings
from types import SimpleNamespace
from typing import Any

import pytest
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels import rating
from pathways_catalogue.settings import PROJECT_ROOT


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"value": "up"}, {"value": "up", "comment": ""}),
        ({"value": "down", "comment": "  too   slow\n"}, {"value": "down", "comment": "too slow"}),
        ({"value": "down", "comment": "ring me on 07700 900123"},
         {"value": "down", "comment": "ring me on [phone]"}),
        ({"value": "up", "comment": 5}, {"value": "up", "comment": ""}),
        ({"value": "sideways"}, None), ({"comment": "hi"}, None), ("up", None), (None, None),
    ],
)  # fmt: skip
def test_parse(data: Any, expected: Any) -> None:
    assert rating.parse(data) == expected


def test_a_long_comment_is_cut() -> None:
    parsed = rating.parse({"value": "up", "comment": "a" * 5000})
    assert parsed is not None and len(parsed["comment"]) == rating.MAX_COMMENT


def _agent() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # Rasa's notes on slot mappings
        domain = Domain.load(str(PROJECT_ROOT / "bot" / "domain"))
    assert rating.RATING_SLOT in domain.as_dict()["slots"]
    return SimpleNamespace(
        lock_store=InMemoryLockStore(), tracker_store=InMemoryTrackerStore(domain), domain=domain
    )


async def test_a_rating_is_appended_to_the_conversation_as_its_slot() -> None:
    agent = _agent()
    tracker = DialogueStateTracker.from_events(
        "socketio:abc",
        [ActionExecuted("action_session_start"), SessionStarted(),
         ActionExecuted("action_listen"), UserUttered("hello")],
        agent.domain.slots,
    )  # fmt: skip
    await agent.tracker_store.save(tracker)
    assert await rating.store(agent, "socketio:abc", {"value": "up", "comment": ""})
    stored = await agent.tracker_store.retrieve("socketio:abc")
    assert stored.get_slot("rating") == {"value": "up", "comment": ""}
    assert isinstance(stored.events[-1], SlotSet)
    assert stored.latest_message.text == "hello"  # the turn is unchanged


async def test_no_rating_for_a_conversation_without_a_learner_message() -> None:
    agent = _agent()
    assert not await rating.store(agent, "socketio:none", {"value": "down", "comment": ""})
    assert await agent.tracker_store.retrieve("socketio:none") is None
