"""A new session keeps the profile and forgets the learner's name and contact details."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionSessionStart
from tests.actions.conftest import DOMAIN, make_tracker, slot_events


async def test_a_new_session_keeps_the_profile_but_not_the_personal_details() -> None:
    tracker = make_tracker(
        "profile_known",
        slots={
            "learner_name": "Sam Patel", "contact_email": "sam@example.com",
            "contact_phone": "07700 900123", "handover_consent": True,
            "enquiry_reference": "PW-ABCDEF", "details_withdrawn": True,
            "requested_slot": "contact_email",
        },
    )  # fmt: skip
    events = await ActionSessionStart().run(CollectingDispatcher(), tracker, DOMAIN)

    assert events[0]["event"] == "session_started"
    assert events[-1] == {**events[-1], "event": "action", "name": "action_listen"}
    carried = slot_events(events)
    assert carried["current_course_id"] == tracker.get_slot("current_course_id")
    assert carried["current_level"] == tracker.get_slot("current_level")
    for personal in ("learner_name", "contact_email", "contact_phone", "handover_consent",
                     "enquiry_reference", "details_withdrawn", "requested_slot"):  # fmt: skip
        assert personal not in carried


async def test_a_new_learner_starts_with_nothing() -> None:
    events = await ActionSessionStart().run(CollectingDispatcher(), make_tracker("new_learner"), {})
    assert [e["event"] for e in events] == ["session_started", "action"]

