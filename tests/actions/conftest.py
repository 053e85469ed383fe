"""Tracker fixtures and helpers for the action tests."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from tests.conftest import TEST_DATA

TRACKERS = TEST_DATA / "trackers"
DOMAIN: Dict[str, Any] = {}


@lru_cache(maxsize=1)
def bot_domain() -> Dict[str, Any]:
    """The assistant's domain, as Rasa loads it from ``bot/domain/`` (never a copy)."""
    import warnings

    from rasa.shared.core.domain import Domain

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # Rasa's notes on slot mappings
        domain = Domain.load(str(TEST_DATA.parent.parent / "bot" / "domain"))
    loaded: Dict[str, Any] = domain.as_dict()
    return loaded


async def suggested_routes(engine: Engine) -> List[Dict[str, Any]]:
    """The routes shown to the known profile (ext dip engineering, robots) on the demo."""
    from sqlalchemy.orm import Session

    from actions.profile import Profile
    from actions.routes import TOP_ROUTES, search, shown, varied

    profile = Profile(course="Pearson BTEC Level 3 National Extended Diploma in Engineering",
                      course_id="ngc-eng-l3-ed", level=3, subject="Engineering",
                      interests=("robots",))  # fmt: skip
    with Session(engine, future=True) as session:
        routes = varied(search(session, profile, "vale_and_wolds", TOP_ROUTES * 4), TOP_ROUTES)
    return [dict(route) for route in shown(routes)]


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


@pytest.fixture(autouse=True)
def fresh_enquiry_caps(monkeypatch: pytest.MonkeyPatch) -> Iterable[None]:
    """Each test counts enquiries from zero, with the default caps, in memory."""
    from actions.enquiry_caps import reset_caps

    for name in ("ENQUIRY_CAP_PER_CONVERSATION", "ENQUIRY_CAP_PER_ADDRESS",
                 "RATE_LIMIT_STORAGE_URL"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    reset_caps()
    yield
    reset_caps()


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """Collects what an action says."""
    return CollectingDispatcher()


@pytest.fixture
def project_root() -> Path:
    """The repository root."""
    return TEST_DATA.parent.parent


# -- whole conversations in Python: the real catalogue component and action_respond --


class Chat:
    """A learner talking to ``action_respond``, turn by turn, as Rasa would run it.

    Each message goes to ``action_respond`` with its intent given, as a trained model
    would predict it, and no DIET spans; the action resolves it against the demo
    catalogue itself, as in production. It runs on a tracker carrying the slots and
    events so far; slot events are applied between turns, as Rasa does.
    """

    def __init__(self, sender: str = "chat") -> None:
        self.sender = sender
        self.slots: Dict[str, Any] = {}
        self.events: List[Dict[str, Any]] = [
            {"event": "action", "name": "action_session_start"},
            {"event": "session_started"},
            {"event": "action", "name": "action_listen"},
        ]
        self.last: List[Dict[str, Any]] = []
        self.last_events: List[Dict[str, Any]] = []

    def parse(self, text: str, intent: str) -> Dict[str, Any]:
        """What the NLU pipeline would send for ``text`` (payloads parsed as Rasa does)."""
        if text.startswith("/"):
            name, _, body = text[1:].partition("{")
            values = json.loads("{" + body) if body else {}
            entities = [{"entity": k, "value": v, "start": 0, "end": 0} for k, v in values.items()]
            return {"text": text, "intent": {"name": name, "confidence": 1.0},
                    "entities": entities}  # fmt: skip
        return {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}

    async def say(self, text: str, intent: str = "inform_course") -> str:
        """Send one message; return everything the bot said, as one string."""
        from actions.dialogue import ActionRespond

        parse = self.parse(text, intent)
        self.events.append({"event": "user", "text": text, "parse_data": parse,
                            "input_channel": "rest"})  # fmt: skip
        state = {
            "sender_id": self.sender, "slots": dict(self.slots), "latest_message": parse,
            "events": list(self.events), "paused": False, "followup_action": None,
            "active_loop": {}, "latest_action_name": "action_listen",
        }  # fmt: skip
        dispatcher = CollectingDispatcher()
        events = await ActionRespond().run(dispatcher, Tracker.from_dict(state), DOMAIN)
        self.events.append({"event": "action", "name": "action_respond"})
        for message in dispatcher.messages:
            key = {"message_key": message.get("message_key")}
            if message.get("message_values"):  # kept by Rasa in the metadata too
                key["message_values"] = message["message_values"]
            self.events.append({"event": "bot", "text": message.get("text"), "metadata": key})
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
            self.events.append(event)
        self.events.append({"event": "action", "name": "action_listen"})
        self.last, self.last_events = dispatcher.messages, events
        return "\n".join(m.get("text") or "" for m in dispatcher.messages)

    @property
    def keys(self) -> List[str]:
        """The message keys of the last reply."""
        return [m.get("message_key") or m.get("response") or "" for m in self.last]


@pytest.fixture
def chat(actions_db: Any) -> Chat:
    """A new learner on the demo network."""
    return Chat()
