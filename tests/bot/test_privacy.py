"""Retention (prune) and erasure on real SQLite databases: Rasa's SQL tracker store and ours."""

from __future__ import annotations

import datetime as dt
import time
import warnings
from pathlib import Path
from typing import Any, Iterator, Set

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.__main__ import main
from bot.privacy import erase, parse_age, prune, setting_days
from bot.tracker_store import CheckedSQLTrackerStore
from enquiries.models import AuditEntry, Enquiry
from enquiries.store import create_enquiry

ROOT = Path(__file__).resolve().parents[2]
DAY = 24 * 3600
NOW = time.time()


@pytest.fixture(scope="module")
def domain() -> Domain:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return Domain.load(str(ROOT / "bot" / "domain"))


@pytest.fixture
def tracker_db(tmp_path: Path, domain: Domain) -> Iterator[CheckedSQLTrackerStore]:
    store = CheckedSQLTrackerStore(domain=domain, url=f"sqlite:///{tmp_path / 'tracker.db'}")
    yield store
    store.engine.dispose()


async def _chat(
    store: CheckedSQLTrackerStore, sender: str, days_ago: float, said: str, *more: float
) -> None:
    """Store a conversation: ``said`` ``days_ago``, then "and?" ``more`` days ago each."""
    events = []
    for ago, words in [(days_ago, said), *((m, "and?") for m in more)]:
        at = NOW - ago * DAY
        events += [ActionExecuted("action_listen", timestamp=at),
                   UserUttered(words, {"name": "inform_course"}, timestamp=at + 1)]  # fmt: skip
    await store.save(DialogueStateTracker.from_events(sender, events, store.domain.slots))


def _senders(store: CheckedSQLTrackerStore) -> Set[str]:
    table = store.SQLEvent.__table__
    with store.engine.connect() as connection:
        return set(connection.execute(select(table.c.sender_id).distinct()).scalars())


def _enquiry(engine: Engine, **fields: Any) -> None:
    with Session(engine, future=True) as s:
        create_enquiry(s, learner_name="Sam", **fields)
        s.commit()


def _references(engine: Engine) -> Set[str]:
    with Session(engine, future=True) as s:
        return {e.sender_id for e in s.execute(select(Enquiry)).scalars()}


def test_ages_are_days() -> None:
    assert parse_age("180d") == parse_age("180") == dt.timedelta(days=180)
    with pytest.raises(Exception, match="number of days"):
        parse_age("6 months")


async def test_prune_removes_what_has_been_idle_open_or_closed(
    engine: Engine, tracker_db: CheckedSQLTrackerStore
) -> None:
    await _chat(tracker_db, "old", 200, "L3 engineering")
    await _chat(tracker_db, "recent", 10, "L3 engineering")
    await _chat(tracker_db, "old-but-back", 300, "L3 engineering", 1)  # its last event is new
    long_ago = dt.datetime.utcnow() - dt.timedelta(days=200)
    _enquiry(engine, sender_id="old", status="closed", created_at=long_ago)
    _enquiry(engine, sender_id="open", status="new", created_at=long_ago)  # never closed
    _enquiry(engine, sender_id="recent", status="closed")
    _enquiry(engine, sender_id="worked", status="closed", created_at=long_ago)
    with Session(engine, future=True) as s:  # worked on last week: kept
        worked = s.execute(select(Enquiry).where(Enquiry.sender_id == "worked")).scalar_one()
        s.add(AuditEntry(enquiry_id=worked.id, action="status", at=dt.datetime.utcnow()))
        s.commit()

    dry = prune(engine, tracker_db.engine, dt.timedelta(days=180), dry_run=True)
    assert dry.conversations == {"old"} and dry.rows == {"enquiry": 2}
    assert _senders(tracker_db) == {"old", "recent", "old-but-back"}  # nothing changed
    assert _references(engine) == {"old", "open", "recent", "worked"}

    done = prune(engine, tracker_db.engine, dt.timedelta(days=180))
    assert done.conversations == {"old"} and done.events == 2 and done.rows == {"enquiry": 2}
    assert _senders(tracker_db) == {"recent", "old-but-back"}
    assert _references(engine) == {"recent", "worked"}


async def test_prune_removes_what_is_past_the_maximum_age_however_active(
    engine: Engine, tracker_db: CheckedSQLTrackerStore
) -> None:
    await _chat(tracker_db, "old-but-back", 300, "L3 engineering", 1)
    await _chat(tracker_db, "recent", 10, "L3 engineering")
    _enquiry(engine, sender_id="ancient", created_at=dt.datetime.utcnow() - dt.timedelta(800))
    _enquiry(engine, sender_id="recent")

    done = prune(engine, tracker_db.engine, dt.timedelta(days=180), max_age=dt.timedelta(250))
    assert done.conversations == {"old-but-back"}
    assert _references(engine) == {"recent"}


def test_retention_settings_have_defaults() -> None:
    assert setting_days("X", 180, {}) == dt.timedelta(days=180)
    assert setting_days("X", 180, {"X": "90d"}) == dt.timedelta(days=90)


NUMBER_SPELLINGS = ["07700900123", "07700 900 123", "+44 7700 900123", "447700900123"]


@pytest.mark.parametrize("spelling", NUMBER_SPELLINGS)
async def test_erase_by_phone_finds_every_spelling_and_whatsapp_and_sms_senders(
    engine: Engine, tracker_db: CheckedSQLTrackerStore, spelling: str
) -> None:
    _enquiry(engine, sender_id="web-1", phone="07700 900123")
    _enquiry(engine, sender_id="web-2", phone="+44 7700 900123")
    _enquiry(engine, sender_id="web-3", phone="07700 900999")  # someone else
    await _chat(tracker_db, "web-1", 2, "hi")
    await _chat(tracker_db, "whatsapp:+447700900123", 2, "hi")  # stored under the number
    await _chat(tracker_db, "+447700900123", 2, "hi")  # SMS
    await _chat(tracker_db, "twilio:whatsapp:+447700900123", 2, "hi")  # namespaced by channel
    await _chat(tracker_db, "web-4", 2, "ring me on 07700 900 123")  # no enquiry
    await _chat(tracker_db, "web-5", 2, "mine is +44 (0)7700 900999 and id 1733900123.5")
    await _chat(tracker_db, "whatsapp:+447700900999", 2, "hi")

    done = erase(engine, tracker_db.engine, phone=spelling)
    assert done.conversations == {"web-1", "whatsapp:+447700900123", "+447700900123", "web-4",
                                  "twilio:whatsapp:+447700900123"}  # fmt: skip
    assert done.rows == {"enquiry": 2}
    assert _senders(tracker_db) == {"web-5", "whatsapp:+447700900999"}
    assert _references(engine) == {"web-3"}


async def test_erase_by_email_removes_the_enquiries_their_conversations_and_notes(
    engine: Engine, tracker_db: CheckedSQLTrackerStore
) -> None:
    with engine.begin() as connection:  # a table a later migration may add
        connection.execute(text(
            "CREATE TABLE enquiry_more (id INTEGER PRIMARY KEY, "
            "enquiry_id INTEGER REFERENCES enquiry(id), body TEXT)"
        ))  # fmt: skip
    _enquiry(engine, sender_id="sam-web", email="Sam@Example.com")
    _enquiry(engine, sender_id="sam-web", phone="07700 900123")  # same conversation
    _enquiry(engine, sender_id="alex", email="alex@example.com")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO enquiry_more (enquiry_id, body) VALUES (1, 'rang')"))
    await _chat(tracker_db, "sam-web", 5, "hi")
    await _chat(tracker_db, "sam-other", 3, "my email is sam@example.com")  # no enquiry
    await _chat(tracker_db, "alex", 3, "hi")

    done = erase(engine, tracker_db.engine, email="sam@example.com")
    assert done.conversations == {"sam-web", "sam-other"}
    assert done.rows == {"enquiry": 2, "enquiry_more": 1}
    assert _senders(tracker_db) == {"alex"}
    assert _references(engine) == {"alex"}


async def test_erase_by_sender_from_the_command_line(
    engine: Engine, tracker_db: CheckedSQLTrackerStore,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    _enquiry(engine, sender_id="s1", email="sam@example.com")
    await _chat(tracker_db, "s1", 1, "hi")
    await _chat(tracker_db, "s2", 1, "hi")
    db_url = str(engine.url)
    tracker_url = str(tracker_db.engine.url)
    argv = ["privacy", "--db", db_url, "--tracker-db", tracker_url, "erase", "--sender", "s1"]

    assert main([*argv, "--dry-run"]) == 0
    assert "would remove 1 conversation(s) (2 events)" in capsys.readouterr().out
    assert _senders(tracker_db) == {"s1", "s2"}

    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "removed 1 conversation(s) (2 events)" in out and "enquiry: 1" in out
    assert _senders(tracker_db) == {"s2"} and _references(engine) == set()

    assert main(argv) == 0  # nothing left to remove
    assert "removed 0 conversation(s) (0 events)" in capsys.readouterr().out
