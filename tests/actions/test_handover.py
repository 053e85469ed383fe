"""The handover form and the stored enquiry, on a real SQLite database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from access.addresses import CLIENT_METADATA_KEY
from actions import db
from actions.handover import (
    PERSONAL_SLOTS,
    ActionSubmitEnquiry,
    ValidateHandoverForm,
    clean_name,
    find_phone,
)
from enquiries.models import Enquiry
from tests.actions.conftest import (
    DOMAIN,
    bot_domain,
    keys,
    make_tracker,
    slot_events,
    suggested_routes,
)
from tests.conftest import is_reference

pytestmark = pytest.mark.usefixtures("actions_db")

async def validate(
    candidates: Dict[str, Any],
    text: str,
    intent: str,
    requested: str,
    slots: Optional[Dict[str, Any]] = None,
    dispatcher: Optional[CollectingDispatcher] = None,
) -> List[Dict[str, Any]]:
    tracker = make_tracker(
        "handover_form",
        text=text,
        intent=intent,
        slots={"requested_slot": requested, **(slots or {})},
        candidates=candidates,
    )
    return await ValidateHandoverForm().run(
        dispatcher or CollectingDispatcher(), tracker, bot_domain()
    )


async def test_yes_gives_consent_and_the_form_goes_on() -> None:
    events = await validate({"handover_consent": True}, "yes", "affirm", "handover_consent")
    assert slot_events(events) == {"handover_consent": True}  # Rasa asks for the name next


async def test_no_ends_the_form_without_details() -> None:
    events = await validate({"handover_consent": False}, "no thanks", "deny", "handover_consent")
    assert slot_events(events) == {"handover_consent": False, "requested_slot": None}


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Sam Patel", "Sam Patel"),
        ("my name is sam patel", "Sam Patel"),
        ("I'm Jo O'Neill", "Jo O'Neill"),
        ("it's Priya.", "Priya"),
        ("sam123", None),
        ("what will you do with it?", None),
        ("what's the weather", None),
        ("Will Smith", "Will Smith"),
    ],
)
def test_names(typed: str, name: Optional[str]) -> None:
    assert clean_name(typed) == name


async def test_a_name_that_does_not_look_like_one_is_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    events = await validate({"learner_name": "12345"}, "12345", "nlu_fallback", "learner_name",
                            slots={"handover_consent": True}, dispatcher=dispatcher)  # fmt: skip
    assert slot_events(events)["learner_name"] is None
    assert keys(dispatcher) == ["name_not_understood"]


async def test_a_name_the_nlu_takes_for_are_you_a_bot_is_a_name(
    dispatcher: CollectingDispatcher,
) -> None:
    events = await validate({"learner_name": "Liam O'Connor"}, "Liam O'Connor", "bot_challenge",
                            "learner_name", slots={"handover_consent": True},
                            dispatcher=dispatcher)  # fmt: skip
    assert slot_events(events)["learner_name"] == "Liam O'Connor"
    assert keys(dispatcher) == []


@pytest.mark.parametrize("slot", ["learner_name", "contact_email"])
async def test_are_you_a_bot_in_the_form_is_answered_and_asked_again(
    dispatcher: CollectingDispatcher, slot: str
) -> None:
    text = "wait are you a real person?"
    events = await validate({slot: text}, text, "bot_challenge", slot,
                            slots={"handover_consent": True, "learner_name": "Sam"},
                            dispatcher=dispatcher)  # fmt: skip
    assert slot_events(events)[slot] is None
    assert keys(dispatcher) == ["utter_iamabot"]


async def test_refusing_to_give_a_name_withdraws_consent() -> None:
    events = await validate({"learner_name": "I'd rather not"}, "I'd rather not", "deny",
                            "learner_name", slots={"handover_consent": True})  # fmt: skip
    slots = slot_events(events)
    assert slots["handover_consent"] is False
    assert slots["requested_slot"] is None


@pytest.mark.parametrize(
    ("typed", "email", "phone", "done"),
    [
        ("sam.patel@example.com", "sam.patel@example.com", None, True),
        ("07700 900123", None, "07700 900123", True),
        ("+44 7700 900123", None, "07700 900123", True),
        ("ring me on 01632960001 please", None, "01632 960001", True),
        ("sam at example dot com", None, None, False),
    ],
)
async def test_an_email_address_or_a_phone_number(
    typed: str, email: Optional[str], phone: Optional[str], done: bool
) -> None:
    dispatcher = CollectingDispatcher()
    events = await validate({"contact_email": typed}, typed, "nlu_fallback", "contact_email",
                            slots={"handover_consent": True, "learner_name": "Sam"},
                            dispatcher=dispatcher)  # fmt: skip
    slots = slot_events(events)
    assert slots["contact_email"] == email
    assert slots["contact_phone"] == phone
    if phone:
        assert slots["requested_slot"] is None  # a phone number is enough: the form ends
    if not done:
        assert keys(dispatcher) == ["contact_not_understood"]


def test_phone_numbers_outside_the_uk_are_not_taken() -> None:
    assert find_phone("+1 555 123 4567") is None


class CommitCheckingDispatcher(CollectingDispatcher):
    """Records, at the moment each message is sent, whether its reference is stored.

    A separate engine reads the database, so only committed rows are visible.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.committed_when_sent: Dict[str, bool] = {}

    def utter_message(self, text: Optional[str] = None, **kwargs: Any) -> None:
        for word in (text or "").replace(".", " ").split():
            if is_reference(word):
                with Session(self.engine, future=True) as s:
                    found = s.execute(
                        select(Enquiry.id).where(Enquiry.reference == word)
                    ).first()
                self.committed_when_sent[word] = found is not None
        super().utter_message(text=text, **kwargs)


async def test_the_enquiry_is_committed_before_the_reference_is_given(
    actions_db: Engine,
) -> None:
    routes = await suggested_routes(actions_db)
    checking = CommitCheckingDispatcher(actions_db)
    tracker = make_tracker("handover_done", slots={"suggested_routes": routes})
    events = await ActionSubmitEnquiry().run(checking, tracker, DOMAIN)

    reference = slot_events(events)["enquiry_reference"]
    assert checking.committed_when_sent == {reference: True}
    assert keys(checking) == ["enquiry_submitted"]
    assert slot_events(events)["handover_consent"] is None  # asked afresh next time
    # the enquiry has the details: the conversation forgets them, so nobody who gets
    # into it later can file an enquiry in the learner's name without typing them
    forgotten = {k: v for k, v in slot_events(events).items() if k in PERSONAL_SLOTS}
    assert forgotten == {"learner_name": None, "contact_email": None, "contact_phone": None}

    with Session(actions_db, future=True) as s:
        enquiry = s.execute(select(Enquiry).where(Enquiry.reference == reference)).scalar_one()
        assert enquiry.learner_name == "Sam Patel"
        assert enquiry.email == "sam.patel@example.com"
        assert enquiry.consent is True
        assert "Pathways adviser" in enquiry.consent_text
        assert enquiry.network_slug == "vale_and_wolds"
        assert enquiry.message == "can I speak to a real person"
        profile = json.loads(enquiry.profile)
        assert profile["course_id"] == "ngc-eng-l3-ed"
        assert profile["study_modes"] == ["part-time"]
        assert json.loads(enquiry.routes) == routes
        transcript = json.loads(enquiry.transcript)
        assert transcript[0] == {
            "who": "learner", "text": "im doing the ext dip in enginering at northgate"
        }  # fmt: skip
        assert {"who": "learner", "text": "Sam Patel"} in transcript
        assert any(line["who"] == "assistant" for line in transcript)


async def test_a_database_failure_gives_no_reference(
    actions_db: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    dispatcher: CollectingDispatcher,
) -> None:  # fmt: skip
    routes = await suggested_routes(actions_db)
    # a database that cannot be opened (its path is a folder): saving fails for real
    monkeypatch.setenv("CATALOGUE_URL", f"sqlite:///{tmp_path}")
    db.reset_engine()
    tracker = make_tracker("handover_done", slots={"suggested_routes": routes})
    events = await ActionSubmitEnquiry().run(dispatcher, tracker, DOMAIN)

    assert "enquiry_reference" not in slot_events(events)
    assert keys(dispatcher) == ["enquiry_failed"]
    text = dispatcher.messages[0]["text"]
    assert not any(is_reference(w.strip(".")) for w in text.split())
    contact = routes[0]["contact"]
    assert contact["name"] in text  # somebody they can try directly


async def test_without_consent_nothing_is_stored(
    actions_db: Engine, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        "handover_done",
        slots={"handover_consent": False, "learner_name": "Sam Patel", "contact_email": None},
    )
    events = await ActionSubmitEnquiry().run(dispatcher, tracker, DOMAIN)
    assert keys(dispatcher) == ["handover_declined"]
    # the details typed are forgotten, and the tracker store is told to scrub them
    assert slot_events(events) == {
        "handover_consent": None, "interest_route": None, "learner_name": None,
        "contact_email": None, "contact_phone": None, "details_withdrawn": True,
    }  # fmt: skip
    with Session(actions_db, future=True) as s:
        assert s.execute(select(Enquiry)).first() is None


async def test_a_phone_number_alone_is_enough(
    actions_db: Engine, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        "handover_done", slots={"contact_email": None, "contact_phone": "07700 900123"}
    )
    events = await ActionSubmitEnquiry().run(dispatcher, tracker, DOMAIN)
    reference = slot_events(events)["enquiry_reference"]
    assert "by phone" in dispatcher.messages[0]["text"]
    with Session(actions_db, future=True) as s:
        enquiry = s.execute(select(Enquiry).where(Enquiry.reference == reference)).scalar_one()
        assert (enquiry.email, enquiry.phone) == ("", "07700 900123")


def with_client(tracker: Any, client: str) -> Any:
    """``tracker`` whose latest message came with the channel's client pseudonym."""
    tracker.latest_message = {**tracker.latest_message,
                              "metadata": {CLIENT_METADATA_KEY: client}}  # fmt: skip
    return tracker


def stored(engine: Engine) -> int:
    with Session(engine, future=True) as s:
        return len(s.execute(select(Enquiry.id)).all())


async def test_a_conversation_files_at_most_its_cap_a_day(
    actions_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENQUIRY_CAP_PER_CONVERSATION", "2 per day")
    said = []
    for _ in range(3):
        dispatcher = CollectingDispatcher()
        events = await ActionSubmitEnquiry().run(dispatcher, make_tracker("handover_done"), DOMAIN)
        said.append(keys(dispatcher))
    assert said == [["enquiry_submitted"], ["enquiry_submitted"], ["enquiry_limit_reached"]]
    assert "enquiry_reference" not in slot_events(events)
    assert slot_events(events)["details_withdrawn"] is True  # nothing kept
    assert stored(actions_db) == 2


async def test_an_address_files_at_most_its_cap_across_conversations(
    actions_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENQUIRY_CAP_PER_ADDRESS", "2 per day")
    said = []
    for n in range(3):
        dispatcher = CollectingDispatcher()
        tracker = with_client(make_tracker("handover_done"), "flooder")
        tracker.sender_id = f"rest:script-{n}"
        await ActionSubmitEnquiry().run(dispatcher, tracker, DOMAIN)
        said.append(keys(dispatcher))
    assert said[-1] == ["enquiry_limit_reached"] and said[:2] == [["enquiry_submitted"]] * 2
    # a genuine learner elsewhere is not affected
    dispatcher = CollectingDispatcher()
    await ActionSubmitEnquiry().run(dispatcher, with_client(make_tracker("handover_done"),
                                                            "someone else"), DOMAIN)  # fmt: skip
    assert keys(dispatcher) == ["enquiry_submitted"] and stored(actions_db) == 3


async def test_a_yes_at_the_cap_ends_the_form_before_any_details(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENQUIRY_CAP_PER_CONVERSATION", "off")
    monkeypatch.setenv("ENQUIRY_CAP_PER_ADDRESS", "1 per day")
    from actions.enquiry_caps import caps

    caps().count("rest:other", "flooder")
    form = make_tracker("handover_form", text="yes", intent="affirm",
                        slots={"requested_slot": "handover_consent"},
                        candidates={"handover_consent": True})  # fmt: skip
    tracker = with_client(form, "flooder")
    events = await ValidateHandoverForm().run(CollectingDispatcher(), tracker, bot_domain())
    assert slot_events(events)["handover_consent"] is False
