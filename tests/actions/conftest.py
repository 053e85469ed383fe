"""Tracker fixtures and helpers for the action tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.routes import ActionSuggestRoutes
from tests.conftest import TEST_DATA

TRACKERS = TEST_DATA / "trackers"
DOMAIN: Dict[str, Any] = {}


def entity(name: str, value: str, **extra: Any) -> Dict[str, Any]:
    """An entity as the NLU pipeline reports it."""
    return {"entity": name, "value": value, **extra}


def load_state(fixture: str) -> Dict[str, Any]:
    """The tracker state stored in tests/data/trackers/<fixture>.json."""
    state: Dict[str, Any] = json.loads((TRACKERS / f"{fixture}.json").read_text())
    return state


def make_tracker(
    fixture: str,
    *,
    text: Optional[str] = None,
    intent: Optional[str] = None,
    entities: Iterable[Dict[str, Any]] = (),
    slots: Optional[Dict[str, Any]] = None,
    candidates: Optional[Dict[str, Any]] = None,
) -> Tracker:
    """A tracker from a fixture, optionally with a new learner message.

    ``candidates`` are slot values a form extracted from that message: they are
    appended after the form's action, as Rasa does before calling the validation.
    """
    state = load_state(fixture)
    state["slots"].update(slots or {})
    if text is not None:
        message = {
            "text": text,
            "intent": {"name": intent or "inform_course", "confidence": 0.95},
            "entities": list(entities),
        }
        state["latest_message"] = message
        state["events"].append(
            {"event": "user", "text": text, "parse_data": message, "input_channel": "rest"}
        )
        state["latest_action_name"] = "action_listen"
    if candidates is not None:
        form = state["active_loop"]["name"]
        state["events"].append({"event": "action", "name": form})
        for name, value in candidates.items():
            state["events"].append({"event": "slot", "name": name, "value": value})
            state["slots"][name] = value
    return Tracker.from_dict(state)


def slot_events(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The slot values an action set (the last value of each slot)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def keys(dispatcher: CollectingDispatcher) -> List[str]:
    """The message keys (messages.yml) the action sent, in order."""
    return [m.get("message_key") or m.get("response") for m in dispatcher.messages]


def texts(dispatcher: CollectingDispatcher) -> str:
    """Everything the action said, as one string."""
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


async def suggested_routes(
    engine: Engine, slots: Optional[Dict[str, Any]] = None
) -> List[Dict[str, Any]]:
    """Run action_suggest_routes on the known profile; return the stored routes."""
    dispatcher = CollectingDispatcher()
    events = await ActionSuggestRoutes().run(
        dispatcher, make_tracker("profile_known", slots=slots), DOMAIN
    )
    routes: List[Dict[str, Any]] = slot_events(events)["suggested_routes"]
    return routes


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """Collects what an action says."""
    return CollectingDispatcher()


@pytest.fixture
async def routes(actions_db: Engine) -> List[Dict[str, Any]]:
    """The routes suggested for the known profile (engineering, robots) on the demo network."""
    return await suggested_routes(actions_db)


@pytest.fixture
def project_root() -> Path:
    """The repository root."""
    return TEST_DATA.parent.parent
