"""Route suggestions and constraints on the real demo catalogue."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.routes import ActionApplyConstraint, ActionSuggestRoutes
from tests.actions.conftest import DOMAIN, entity, keys, make_tracker, slot_events, texts

pytestmark = pytest.mark.usefixtures("actions_db")

UNKNOWN_COURSE = {
    "current_course": "btec in game art",
    "current_course_id": None,
    "current_level": 3.0,
    "current_subject": "Creative and Digital Media",
    "interests": "games design",
}


async def suggest(
    dispatcher: CollectingDispatcher, slots: Optional[Dict[str, Any]] = None
) -> Dict[str, Any]:
    events = await ActionSuggestRoutes().run(
        dispatcher, make_tracker("profile_known", slots=slots), DOMAIN
    )
    return slot_events(events)


async def test_routes_are_short_messages_with_buttons_and_a_custom_payload(
    dispatcher: CollectingDispatcher,
) -> None:
    slots = await suggest(dispatcher)
    routes = slots["suggested_routes"]
    assert len(routes) == 3
    assert keys(dispatcher) == ["routes_intro"] + ["route_summary"] * 3 + ["routes_outro"]
    # the catalogue's keywords that matched "robots"
    assert "match your interest in robotics" in dispatcher.messages[0]["text"]
    summaries = dispatcher.messages[1:4]
    for position, (route, message) in enumerate(zip(routes, summaries, strict=True), 1):
        first = route["steps"][0]
        assert route["position"] == position
        assert message["text"].startswith(f"{position}. {first['title']} at {first['institution']}")
        assert "Agreement:" in message["text"] or "no formal agreement" in message["text"]
        assert [b["payload"] for b in message["buttons"]] == [
            f'/ask_details{{"ordinal": "{position}"}}',
            f'/ask_requirements{{"ordinal": "{position}"}}',
            f'/ask_contact{{"ordinal": "{position}"}}',
        ]
        assert message["custom"] == {"type": "pathways.route", "position": position, "route": route}
    assert slots["selected_route"] is None


async def test_interests_nothing_matches_are_said_plainly(
    dispatcher: CollectingDispatcher,
) -> None:
    await suggest(dispatcher, {"interests": "'; DROP TABLE course; --"})
    assert keys(dispatcher)[:2] == ["routes_intro", "interests_unmatched"]
    assert "interest in" not in dispatcher.messages[0]["text"]


async def test_routes_start_with_different_courses(dispatcher: CollectingDispatcher) -> None:
    routes = (await suggest(dispatcher))["suggested_routes"]
    assert len({r["steps"][0]["course_id"] for r in routes}) == 3


async def test_a_course_outside_the_catalogue_searches_by_level_and_subject(
    dispatcher: CollectingDispatcher,
) -> None:
    routes = (await suggest(dispatcher, UNKNOWN_COURSE))["suggested_routes"]
    assert routes
    assert all(r["steps"][0]["subject"] == "Creative and Digital Media" for r in routes)
    assert dispatcher.messages[0]["text"].startswith("Here are 3 routes from btec in game art")


async def test_without_a_course_it_asks_for_one(dispatcher: CollectingDispatcher) -> None:
    events = await ActionSuggestRoutes().run(dispatcher, make_tracker("new_learner"), DOMAIN)
    assert events == []
    assert keys(dispatcher) == ["profile_needed"]


async def constrain(
    text: str,
    entities: List[Dict[str, Any]],
    dispatcher: CollectingDispatcher,
    fixture: str = "profile_known",
    slots: Optional[Dict[str, Any]] = None,
) -> Dict[str, Any]:
    tracker = make_tracker(
        fixture, text=text, intent="inform_constraint", entities=entities, slots=slots
    )
    return slot_events(await ActionApplyConstraint().run(dispatcher, tracker, DOMAIN))


@pytest.mark.parametrize(
    ("text", "entities", "mode", "allowed"),
    [
        ("part-time only", [entity("mode", "part-time")], "part-time",
         {"part-time", "evening", "block-release"}),
        ("I need to work so evenings", [entity("mode", "evenings")], "evening", {"evening"}),
        ("show me apprenticeships", [entity("mode", "apprenticeships")], "work-based",
         {"work-based", "block-release"}),
        ("can I do it by distance learning", [], "distance", {"distance"}),
    ],
)  # fmt: skip
async def test_a_study_mode_reruns_the_search(
    text: str,
    entities: List[Dict[str, Any]],
    mode: str,
    allowed: set,
    dispatcher: CollectingDispatcher,
) -> None:
    slots = await constrain(text, entities, dispatcher)
    assert slots["study_mode"] == mode
    routes = slots.get("suggested_routes")
    if routes:
        for route in routes:
            assert set(route["steps"][0]["modes"]) & allowed
        assert keys(dispatcher)[0] == "routes_intro"
    else:
        assert keys(dispatcher) == ["no_routes"]


@pytest.mark.parametrize(
    ("text", "entities", "town", "km"),
    [
        ("within 20 miles of Selby", [entity("town", "Selby")], "Selby", 32.2),
        ("near york", [entity("town", "york")], "York", None),
        ("anything near Harrogate?", [], "Harrogate", None),  # town found without the entity
    ],
)
async def test_a_town_and_distance_narrow_the_search(
    text: str,
    entities: List[Dict[str, Any]],
    town: str,
    km: Optional[float],
    dispatcher: CollectingDispatcher,
) -> None:
    slots = await constrain(text, entities, dispatcher)
    assert slots["town"] == town
    assert slots["max_distance_km"] == km
    assert town in dispatcher.messages[0]["text"]


async def test_near_me_asks_for_the_town_first(dispatcher: CollectingDispatcher) -> None:
    slots = await constrain("is there anything near me", [], dispatcher)
    assert keys(dispatcher) == ["ask_town"]
    assert "suggested_routes" not in slots


async def test_an_unknown_town_lists_the_known_ones(dispatcher: CollectingDispatcher) -> None:
    slots = await constrain("near Leeds", [entity("town", "Leeds")], dispatcher)
    assert slots == {}
    assert keys(dispatcher) == ["town_unknown"]
    assert "Scarborough" in texts(dispatcher)


async def test_anywhere_clears_the_constraints(dispatcher: CollectingDispatcher) -> None:
    slots = await constrain(
        "anywhere is fine", [], dispatcher, slots={"study_mode": "part-time", "town": "York"}
    )
    assert slots["study_mode"] is None
    assert slots["town"] is None
    assert keys(dispatcher)[:2] == ["constraint_cleared", "routes_intro"]


async def test_a_constraint_before_the_course_is_kept_for_later(
    dispatcher: CollectingDispatcher,
) -> None:
    slots = await constrain("part-time only", [entity("mode", "part-time")], dispatcher,
                            fixture="new_learner")  # fmt: skip
    assert slots["study_mode"] == "part-time"
    assert keys(dispatcher) == ["constraint_saved", "profile_needed"]


async def test_a_constraint_during_the_profile_form_does_not_ask_twice(
    dispatcher: CollectingDispatcher,
) -> None:
    slots = await constrain("part-time only", [entity("mode", "part-time")], dispatcher,
                            fixture="profile_form")  # fmt: skip
    assert slots["study_mode"] == "part-time"
    assert keys(dispatcher) == ["constraint_saved"]  # the form asks its own question next


async def test_when_nothing_fits_it_says_so(dispatcher: CollectingDispatcher) -> None:
    slots = await constrain(
        "within 1 mile of Scarborough, evenings",
        [entity("town", "Scarborough"), entity("mode", "evenings")],
        dispatcher,
    )
    assert slots["suggested_routes"] == []
    assert keys(dispatcher) == ["no_routes"]
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [
        '/inform_constraint{"mode": "any mode"}',
        "/request_human",
    ]


async def test_the_any_mode_button_clears_the_constraints(
    dispatcher: CollectingDispatcher,
) -> None:
    slots = await constrain(
        '/inform_constraint{"mode": "any mode"}',
        [entity("mode", "any mode")],
        dispatcher,
        slots={"study_mode": "evening"},
    )
    assert slots["study_mode"] is None
    assert keys(dispatcher)[0] == "constraint_cleared"


async def test_the_database_being_down_gives_an_apology(
    actions_db: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Any,
    dispatcher: CollectingDispatcher,
) -> None:  # fmt: skip
    from actions import db

    monkeypatch.setenv("CATALOGUE_URL", f"sqlite:///{tmp_path / 'nothing-here.db'}")
    db.reset_engine()
    slots = await suggest(dispatcher)
    assert slots == {}
    assert keys(dispatcher) == ["catalogue_unavailable"]


async def test_one_route_reads_as_one(dispatcher: CollectingDispatcher) -> None:
    business = {
        "current_course": "Pearson BTEC Level 3 National Extended Diploma in Business",
        "current_course_id": "ovc-bus-l3-ed",
        "current_subject": "Business",
        "study_mode": "part-time",
    }
    slots = await constrain("near Harrogate", [entity("town", "Harrogate")], dispatcher,
                            slots=business)  # fmt: skip
    assert len(slots["suggested_routes"]) == 1
    assert dispatcher.messages[0]["text"].startswith("Here is 1 route from")
