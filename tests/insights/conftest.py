"""A tracker store's ``events`` table and a migrated insights database, both SQLite files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
from sqlalchemy.engine import Engine

from insights.db import upgrade
from insights.job import EVENTS
from storage import make_engine

#: Monday 1 December 2025, 10:00 UTC
MONDAY = 1764583200.0


class Tracker:
    """Writes conversations into an ``events`` table as Rasa's SQL tracker store does."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        EVENTS.metadata.create_all(engine)

    def add(self, sender: str, events: List[Dict[str, Any]], at: float = MONDAY) -> None:
        """Store ``events`` of ``sender``, one second apart from ``at``."""
        with self.engine.begin() as connection:
            for n, event in enumerate(events):
                connection.execute(EVENTS.insert().values(
                    sender_id=sender, type_name=event["event"], timestamp=at + n,
                    data=json.dumps({**event, "timestamp": at + n})))  # fmt: skip


def user(text: str = "hello") -> Dict[str, Any]:
    return {"event": "user", "text": text}


def bot(key: str, text: Optional[str] = None) -> Dict[str, Any]:
    metadata: Dict[str, Any] = {"message_key": key}
    if text is not None:
        metadata["message_values"] = {"text": text}
    return {"event": "bot", "text": "...", "metadata": metadata}


def slot(name: str, value: Any) -> Dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def action(name: str) -> Dict[str, Any]:
    return {"event": "action", "name": name}


def start() -> List[Dict[str, Any]]:
    return [action("action_session_start"), {"event": "session_started"},
            action("action_listen")]  # fmt: skip


def course(institution: str = "Selby College", subject: str = "Engineering",
           level: float = 3.0) -> List[Dict[str, Any]]:  # fmt: skip
    return [slot("institution", institution), slot("current_subject", subject),
            slot("current_level", level), slot("current_course_id", "c1")]  # fmt: skip


@pytest.fixture
def tracker(tmp_path: Path) -> Iterator[Tracker]:
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    yield Tracker(engine)
    engine.dispose()


@pytest.fixture
def insights_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'pathways.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()
