"""Follow-ups on the routes suggested for the known profile (engineering, robots)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Type

import pytest
from rasa_sdk import Action
from rasa_sdk.executor import CollectingDispatcher

from actions.followups import (
    ActionRouteAfter,
    ActionRouteContact,
    ActionRouteDetails,
    ActionRouteRequirements,
)
from tests.actions.conftest import DOMAIN, entity, keys, make_tracker, slot_events

Routes = List[Dict[str, Any]]


async def ask(
    action: Type[Action],
    routes: Routes,
    text: str,
    intent: str,
    dispatcher: CollectingDispatcher,
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
) -> Dict[str, Any]:
    tracker = make_tracker(
        "profile_known",
        text=text,
        intent=intent,
        entities=entities or [],
        slots={"suggested_routes": routes, **(slots or {})},
    )
    return slot_events(await action().run(dispatcher, tracker, DOMAIN))


@pytest.mark.parametrize(
    ("text", "entities", "index"),
    [
        ("tell me more about the second one", [entity("ordinal", "second")], 1),
        ("tell me more about the second one", [], 1),  # no entity: found in the text
        ("option 3", [entity("ordinal", "3")], 2),
        ("the last one", [entity("ordinal", "last")], 2),
        ('/ask_details{"ordinal": "1"}', [entity("ordinal", "1")], 0),
        ("tell me more", [], 0),
    ],
)
async def test_details_of_the_route_meant(
    routes: Routes,
    text: str,
    entities: List[Dict[str, Any]],
    index: int,
    dispatcher: CollectingDispatcher,
) -> None:
    slots = await ask(ActionRouteDetails, routes, text, "ask_details", dispatcher, entities)
    assert slots == {"selected_route": float(index), "selected_step": 0.0}
    [message] = dispatcher.messages
    assert message["message_key"] == "route_details"
    assert message["text"].startswith(f"Option {index + 1}:")
    for step in routes[index]["steps"]:
        assert f"{step['title']} at {step['institution']}" in message["text"]
    assert message["custom"]["route"] == routes[index]


async def test_a_route_named_by_its_institution(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    second = routes[1]["steps"][0]
    text = f"what about the {second['institution']} one"
    slots = await ask(ActionRouteDetails, routes, text, "ask_details", dispatcher)
    assert slots["selected_route"] == 1.0


async def test_an_option_not_shown_asks_which(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    slots = await ask(ActionRouteDetails, routes, "the fifth one", "ask_details", dispatcher,
                      [entity("ordinal", "fifth")])  # fmt: skip
    assert slots == {}
    assert keys(dispatcher) == ["option_out_of_range"]
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [
        f'/ask_details{{"ordinal": "{i}"}}' for i in (1, 2, 3)
    ]


async def test_follow_ups_before_any_routes_say_so(dispatcher: CollectingDispatcher) -> None:
    slots = await ask(ActionRouteContact, [], "who do I talk to?", "ask_contact", dispatcher)
    assert slots == {}
    assert keys(dispatcher) == ["no_routes_yet"]


async def test_requirements_of_the_second_route(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    slots = await ask(ActionRouteRequirements, routes, "what do I need to get onto the second one",
                      "ask_requirements", dispatcher, [entity("ordinal", "second")])  # fmt: skip
    assert slots == {"selected_route": 1.0}
    step = routes[1]["steps"][0]
    text = dispatcher.messages[0]["text"]
    assert text.startswith(f"To get onto {step['title']} at {step['institution']}:")
    assert step["entry_requirements"].rstrip(".") in text


@pytest.mark.parametrize(
    ("grade", "key"),
    [("distinction*", "meets"), ("PPP", "below"), (None, None)],
)
async def test_requirements_compare_the_learners_grade(
    routes: Routes, grade: Optional[str], key: Optional[str], dispatcher: CollectingDispatcher
) -> None:
    formal = next(i for i, r in enumerate(routes) if r["steps"][0]["conditions"])
    await ask(ActionRouteRequirements, routes, "what grades do I need", "ask_requirements",
              dispatcher, slots={"grade": grade, "selected_route": float(formal)})  # fmt: skip
    text = dispatcher.messages[0]["text"]
    if key == "meets":
        assert f"your grade is {grade}, which meets that" in text
    elif key == "below":
        assert "below what this agreement asks for" in text
    else:
        assert "your grade" not in text


async def test_contact_of_the_second_route(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    slots = await ask(ActionRouteContact, routes, "who do I contact about the second one",
                      "ask_contact", dispatcher, [entity("ordinal", "second")])  # fmt: skip
    assert slots == {"selected_route": 1.0}
    contact = routes[1]["contact"]
    [message] = dispatcher.messages
    assert message["message_key"] == "route_contact"
    assert contact["name"] in message["text"]
    assert (contact["email"] or contact["phone"]) in message["text"]
    assert message["buttons"] == [{"title": "Talk to an adviser", "payload": "/request_human"}]


async def test_a_route_without_a_contact_offers_an_adviser(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    no_contact = [{**routes[0], "contact": None}]
    await ask(ActionRouteContact, no_contact, "who do I talk to?", "ask_contact", dispatcher)
    assert keys(dispatcher) == ["no_contact"]
    assert "talk to an adviser" in dispatcher.messages[0]["text"]


async def test_and_after_that_walks_along_the_second_route(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    second = [entity("ordinal", "second")]
    slots = await ask(ActionRouteDetails, routes, "tell me more about the second one",
                      "ask_details", CollectingDispatcher(), second)  # fmt: skip
    steps = routes[1]["steps"]
    for number in range(1, len(steps)):
        said = CollectingDispatcher()
        slots.update(await ask(ActionRouteAfter, routes, "and after that?", "ask_after", said,
                               slots=slots))  # fmt: skip
        assert slots["selected_route"] == 1.0
        assert slots["selected_step"] == float(number)
        assert said.messages[0]["text"].startswith(
            f"After {steps[number - 1]['title']}, you could go on to {steps[number]['title']}"
        )
    # past the end of the route: the catalogue is searched onwards, or it says so
    said = CollectingDispatcher()
    more = await ask(ActionRouteAfter, routes, "and after that?", "ask_after", said, slots=slots)
    assert keys(said) in (["route_after"], ["route_top"])
    if keys(said) == ["route_after"]:
        assert len(more["suggested_routes"][1]["steps"]) == len(steps) + 1


async def test_what_comes_after_a_named_qualification(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    index, number = next(
        (i, n)
        for i, r in enumerate(routes)
        for n, s in enumerate(r["steps"][:-1])
        if s["qualification"] == "HNC"
    )
    slots = await ask(ActionRouteAfter, routes, "what comes after the HNC", "ask_after",
                      dispatcher, slots={"selected_route": float(index)})  # fmt: skip
    assert slots["selected_step"] == float(number + 1)
    assert dispatcher.messages[0]["text"].startswith(
        f"After {routes[index]['steps'][number]['title']}"
    )


async def test_the_end_of_the_network_is_said_plainly(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    last = {**routes[0]["steps"][-1], "course_id": "uow-eng-msc", "level": 7}
    slots = await ask(ActionRouteAfter, [{**routes[0], "steps": [last]}], "and after that?",
                      "ask_after", dispatcher)  # fmt: skip
    assert keys(dispatcher) == ["route_top"]
    assert slots["selected_step"] == 0.0


async def test_a_grade_in_the_question_is_used_and_kept(
    routes: Routes, dispatcher: CollectingDispatcher
) -> None:
    formal = next(i for i, r in enumerate(routes) if r["steps"][0]["conditions"])
    slots = await ask(ActionRouteRequirements, routes, "can i get in with a pass",
                      "ask_requirements", dispatcher, [entity("grade", "pass")],
                      slots={"selected_route": float(formal)})  # fmt: skip
    assert slots["grade"] == "pass"
    assert "your grade is pass" in dispatcher.messages[0]["text"]
