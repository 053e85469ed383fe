"""Starting over forgets the profile and withdraws the learner's details."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.restart import ActionRestartProfile
from tests.actions.conftest import DOMAIN, make_tracker, slot_events


async def test_starting_over_forgets_and_withdraws_the_details() -> None:
    tracker = make_tracker(
        "profile_known", text="start again and clear my details", intent="restart",
        slots={"learner_name": "Sam Patel", "contact_email": "sam@example.com"},
    )  # fmt: skip
    events = await ActionRestartProfile().run(CollectingDispatcher(), tracker, DOMAIN)
    slots = slot_events(events)
    assert slots["learner_name"] is None and slots["contact_email"] is None
    assert slots["details_withdrawn"] is True  # the tracker store scrubs them
    assert slots["current_course_id"] is None
