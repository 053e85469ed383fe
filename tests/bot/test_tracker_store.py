"""The tracker store opens where it is told, creates its folder, and refuses to start otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, List

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import select

from bot.tracker_store import (
    WITHDRAWN_SLOT,
    CheckedSQLTrackerStore,
    TrackerStoreUnavailable,
    scrub_event,
    tracker_url,
)

ROOT = Path(__file__).resolve().parents[2]


def test_creates_the_folder_of_a_new_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "not" / "there" / "tracker.db"
    store = CheckedSQLTrackerStore(url=f"sqlite:///{path}")
    assert path.exists()
    store.engine.dispose()


def test_an_sqlite_store_keeps_a_write_ahead_log(tmp_path: Path) -> None:
    from sqlalchemy import text

    store = CheckedSQLTrackerStore(url=f"sqlite:///{tmp_path / 'tracker.db'}")
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL
    store.engine.dispose()


def test_the_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'env' / 'tracker.db'}"
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    assert tracker_url() == url
    store = CheckedSQLTrackerStore()
    assert str(store.engine.url) == url
    store.engine.dispose()


def test_the_default_is_var_tracker_db_in_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    assert tracker_url().endswith("/var/tracker.db")


def test_a_folder_that_cannot_be_created_stops_the_store(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(TrackerStoreUnavailable, match="cannot create the folder"):
        CheckedSQLTrackerStore(url=f"sqlite:///{blocker / 'tracker.db'}")


def test_a_database_that_cannot_be_reached_stops_the_store_without_its_password() -> None:
    with pytest.raises(TrackerStoreUnavailable) as info:
        CheckedSQLTrackerStore(url="postgresql+psycopg2://learner:s3cret@127.0.0.1:1/tracker")
    assert "s3cret" not in str(info.value)
    assert "cannot be used" in str(info.value)



# --- withdrawn details are scrubbed from the stored conversation ----------------------

NAME = "Sam Patel"
EMAIL = "sam.patel@example.com"


def _domain() -> Any:
    import warnings

    from rasa.shared.core.domain import Domain

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return Domain.load(str(ROOT / "bot" / "domain"))


def _user(text: str, intent: str = "out_of_scope") -> UserUttered:
    parse = {"text": text, "intent": {"name": intent}, "entities": []}
    return UserUttered(text, {"name": intent, "confidence": 0.9}, parse_data=parse)


def _details_typed() -> List[Event]:
    """A learner who asked for a person, agreed, and typed a name and an email."""
    return [
        ActionExecuted("action_listen"),
        _user("can I talk to a person", "request_human"),
        ActiveLoop("handover_form"),
        SlotSet("requested_slot", "handover_consent"),
        BotUttered("I can pass your details to a Pathways adviser ... Is that OK?"),
        ActionExecuted("action_listen"),
        _user("yes", "affirm"),
        SlotSet("handover_consent", True),
        SlotSet("requested_slot", "learner_name"),
        ActionExecuted("action_listen"),
        _user(f"my name is {NAME.lower()}"),
        SlotSet("learner_name", f"my name is {NAME.lower()}"),
        SlotSet("learner_name", NAME),
        SlotSet("requested_slot", "contact_email"),
        ActionExecuted("action_listen"),
        _user(f"hmm its {EMAIL} but wait"),
        SlotSet("contact_email", f"hmm its {EMAIL} but wait"),
    ]


def _declined() -> List[Event]:
    """The learner says no; action_submit_enquiry forgets the details."""
    return [
        ActionExecuted("action_listen"),
        _user("no thanks", "deny"),
        SlotSet("contact_email", None),
        SlotSet("handover_consent", False),
        ActiveLoop(None),
        ActionExecuted("action_submit_enquiry"),
        BotUttered("No problem, I won't pass anything on."),
        SlotSet("handover_consent", None),
        SlotSet("learner_name", None),
        SlotSet("contact_email", None),
        SlotSet("contact_phone", None),
        SlotSet(WITHDRAWN_SLOT, True),
    ]


def _stored(store: CheckedSQLTrackerStore, sender: str) -> str:
    table = store.SQLEvent.__table__
    with store.engine.connect() as connection:
        rows = connection.execute(select(table.c.data).where(table.c.sender_id == sender))
        return "\n".join(row.data for row in rows)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CheckedSQLTrackerStore]:
    store = CheckedSQLTrackerStore(domain=_domain(), url=f"sqlite:///{tmp_path / 'tracker.db'}")
    yield store
    store.engine.dispose()


async def test_declined_details_are_scrubbed_from_the_stored_conversation(
    store: CheckedSQLTrackerStore,
) -> None:
    domain = store.domain
    tracker = DialogueStateTracker.from_events("learner-1", _details_typed(), domain.slots)
    await store.save(tracker)
    assert NAME in _stored(store, "learner-1") and EMAIL in _stored(store, "learner-1")

    for event in _declined():
        tracker.update(event)
    await store.save(tracker)

    stored = _stored(store, "learner-1")
    assert NAME.lower() not in stored.lower() and EMAIL not in stored
    assert "[withdrawn]" in stored
    assert "can I talk to a person" in stored  # the rest of the conversation is kept
    again = await store.retrieve("learner-1")
    assert again is not None and len(again.events) == len(tracker.events)
    assert again.get_slot("learner_name") is None

    # the next turn is stored after it, as usual (rows were rewritten, not deleted)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(_user("what about nursing", "inform_interest"))
    await store.save(tracker)
    later = await store.retrieve("learner-1")
    assert later is not None and later.latest_message.text == "what about nursing"
    assert len(later.events) == len(tracker.events)


async def test_details_stay_while_the_learner_has_not_declined(
    store: CheckedSQLTrackerStore,
) -> None:
    tracker = DialogueStateTracker.from_events("learner-2", _details_typed(), store.domain.slots)
    await store.save(tracker)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(_user("what about nursing", "inform_interest"))
    await store.save(tracker)
    assert NAME in _stored(store, "learner-2")


async def test_only_the_learner_who_declined_is_scrubbed(store: CheckedSQLTrackerStore) -> None:
    slots = store.domain.slots
    other = DialogueStateTracker.from_events("learner-3", _details_typed(), slots)
    await store.save(other)
    declined = DialogueStateTracker.from_events("learner-4", _details_typed() + _declined(), slots)
    await store.save(declined)
    assert NAME in _stored(store, "learner-3")
    assert NAME.lower() not in _stored(store, "learner-4").lower()


def test_an_assistant_message_keeps_catalogue_phone_numbers() -> None:
    data = {"event": "bot", "text": "Contact Mark Dawson on 01632 960161."}
    assert not scrub_event(data, {NAME})
    assert data["text"].endswith("01632 960161.")


def test_the_store_and_the_actions_agree_on_the_personal_slots() -> None:
    from actions.handover import PERSONAL_SLOTS as CLEARED
    from actions.handover import WITHDRAWN_SLOT as MARKED
    from bot.tracker_store import PERSONAL_SLOTS

    assert set(CLEARED) == PERSONAL_SLOTS and MARKED == WITHDRAWN_SLOT
    assert PERSONAL_SLOTS | {WITHDRAWN_SLOT} <= {slot.name for slot in _domain().slots}


def test_withdrawal_scrubs_what_a_channel_put_in_the_metadata() -> None:
    data = {
        "event": "user", "text": "no thanks",
        "metadata": {"from": "whatsapp:+447700900123", "profile": {"name": NAME},
                     "email": [EMAIL], "channel": "twilio", "count": 3},
    }  # fmt: skip
    assert scrub_event(data, {NAME})
    assert data["text"] == "no thanks"  # the message itself held nothing personal
    assert data["metadata"] == {
        "from": "[withdrawn]", "profile": {"name": "[withdrawn]"},
        "email": ["[withdrawn]"], "channel": "twilio", "count": 3,
    }  # fmt: skip


def test_metadata_without_personal_details_is_left_alone() -> None:
    data = {"event": "bot", "text": "Hello", "metadata": {"utter_action": "utter_greet"}}
    assert not scrub_event(data, {NAME})
    assert data["metadata"] == {"utter_action": "utter_greet"}
