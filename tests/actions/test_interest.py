""""I'm interested" on a route: which route, the consent asked, the enquiry filed."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions import interest
from actions.handover import ActionAskHandoverConsent, ActionSubmitEnquiry
from actions.routes import route_buttons
from enquiries.models import ROUTE_INTEREST, Enquiry
from tests.actions.conftest import DOMAIN, Chat, keys, make_tracker, slot_events, suggested_routes
from tests.conftest import is_reference

pytestmark = pytest.mark.usefixtures("actions_db")


async def shown_routes(chat: Chat) -> List[Dict[str, Any]]:
    """The learner's course and interest: three routes are shown."""
    await chat.say("im doing the ext dip in enginering at northgate", "inform_course")
    await chat.say("I want something with robots", "inform_interest")
    routes: List[Dict[str, Any]] = chat.slots["suggested_routes"]
    assert len(routes) >= 2
    return routes


def followup(events: List[Dict[str, Any]]) -> Any:
    return next((e.get("name") for e in events if e.get("event") == "followup"), None)


def test_every_route_has_an_interested_button() -> None:
    assert {"title": "I'm interested", "payload": '/route_interest{"ordinal": "2"}'} in (
        route_buttons(2)
    )


async def test_the_card_button_starts_the_hand_over_with_that_route() -> None:
    chat = Chat()
    routes = await shown_routes(chat)
    await chat.say('/route_interest{"ordinal": "2"}')
    events = slot_events(chat.last_events)
    assert events[interest.SLOT] == routes[1]
    assert events["selected_route"] == 1.0
    assert followup(chat.last_events) == "handover_form"
    assert chat.last == []  # the form asks the consent question


async def test_typed_words_pick_the_route_too() -> None:
    chat = Chat()
    routes = await shown_routes(chat)
    await chat.say("I'm interested in route 3", "route_interest")
    assert slot_events(chat.last_events)[interest.SLOT] == routes[2]
    assert followup(chat.last_events) == "handover_form"


async def test_an_interest_in_a_subject_is_not_taken_for_a_route() -> None:
    chat = Chat()
    await shown_routes(chat)
    await chat.say("I'm interested in nursing", "route_interest")
    assert interest.SLOT not in slot_events(chat.last_events)
    assert followup(chat.last_events) is None


async def test_without_a_route_named_the_learner_is_asked_which() -> None:
    chat = Chat()
    routes = await shown_routes(chat)
    await chat.say("I'm interested", "route_interest")
    assert chat.keys == ["interest_which"]
    payloads = [b["payload"] for b in chat.last[0]["buttons"]]
    assert payloads == [f'/route_interest{{"ordinal": "{i}"}}' for i in range(1, len(routes) + 1)]
    assert followup(chat.last_events) is None


async def test_an_option_not_shown_is_refused() -> None:
    chat = Chat()
    await shown_routes(chat)
    await chat.say('/route_interest{"ordinal": "7"}')
    assert chat.keys == ["option_out_of_range"]
    assert followup(chat.last_events) is None


async def test_with_no_routes_shown_it_is_an_ordinary_message() -> None:
    chat = Chat()
    await chat.say("I'm interested in route 2", "route_interest")
    assert interest.SLOT not in slot_events(chat.last_events)


async def test_asking_for_a_person_afterwards_forgets_the_route() -> None:
    chat = Chat()
    await shown_routes(chat)
    await chat.say('/route_interest{"ordinal": "1"}')
    await chat.say("can I talk to a real person", "request_human")
    assert slot_events(chat.last_events)[interest.SLOT] is None


async def test_the_consent_question_names_the_institution(actions_db: Engine) -> None:
    route = (await suggested_routes(actions_db))[1]
    step = route["steps"][0]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("handover_form", slots={interest.SLOT: route})
    await ActionAskHandoverConsent().run(dispatcher, tracker, DOMAIN)
    assert keys(dispatcher) == ["ask_interest_consent"]
    text = dispatcher.messages[0]["text"]
    assert step["institution"] in text and step["title"] in text
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny"]


async def test_the_enquiry_is_saved_for_the_route_institution_and_marked(
    actions_db: Engine,
) -> None:
    routes = await suggested_routes(actions_db)
    # the route chosen is not the first: the institution is the chosen route's
    route = next((r for r in routes[1:] if r["steps"][0]["institution_id"]
                  != routes[0]["steps"][0]["institution_id"]), routes[1])  # fmt: skip
    step = route["steps"][0]
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("handover_done", slots={"suggested_routes": routes,
                                                    interest.SLOT: route})  # fmt: skip
    events = await ActionSubmitEnquiry().run(dispatcher, tracker, DOMAIN)

    slots = slot_events(events)
    reference = slots["enquiry_reference"]
    assert is_reference(reference)
    assert slots[interest.SLOT] is None
    assert keys(dispatcher) == ["interest_submitted"]
    said = dispatcher.messages[0]["text"]
    assert reference in said and step["institution"] in said and step["title"] in said
    with Session(actions_db, future=True) as s:
        enquiry = s.execute(select(Enquiry).where(Enquiry.reference == reference)).scalar_one()
        assert enquiry.kind == ROUTE_INTEREST
        assert enquiry.institution_id == step["institution_id"]
        assert json.loads(enquiry.interest_route) == route
        assert json.loads(enquiry.routes) == routes
        assert step["institution"] in enquiry.consent_text


async def test_the_caps_apply_to_route_interests(
    actions_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENQUIRY_CAP_PER_CONVERSATION", "1 per day")
    route = (await suggested_routes(actions_db))[0]
    said = []
    for _ in range(2):
        dispatcher = CollectingDispatcher()
        tracker = make_tracker("handover_done", slots={interest.SLOT: route})
        events = await ActionSubmitEnquiry().run(dispatcher, tracker, DOMAIN)
        said += keys(dispatcher)
        assert slot_events(events)[interest.SLOT] is None
    assert said == ["interest_submitted", "enquiry_limit_reached"]
    with Session(actions_db, future=True) as s:
        assert len(s.execute(select(Enquiry.id)).all()) == 1
