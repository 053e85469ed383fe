"""The profile form's validation against the real demo catalogue."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.profile import (
    ActionAskCurrentCourse,
    ActionAskCurrentLevel,
    ActionRestartProfile,
    ValidateLearnerProfileForm,
)
from tests.actions.conftest import DOMAIN, entity, keys, make_tracker, slot_events, texts

pytestmark = pytest.mark.usefixtures("actions_db")

#: the form as declared in bot/domain/profile.yml
FORM_DOMAIN: Dict[str, Any] = {
    "forms": {
        "learner_profile_form": {
            "required_slots": ["current_course", "current_level", "current_subject", "interests"]
        }
    }
}


async def validate(
    candidates: Dict[str, Any],
    text: str,
    intent: str = "inform_course",
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    dispatcher: Optional[CollectingDispatcher] = None,
) -> Dict[str, Any]:
    tracker = make_tracker(
        "profile_form",
        text=text,
        intent=intent,
        entities=entities or [],
        slots=slots,
        candidates=candidates,
    )
    events = await ValidateLearnerProfileForm().run(
        dispatcher or CollectingDispatcher(), tracker, FORM_DOMAIN
    )
    return slot_events(events)


@pytest.mark.parametrize(
    ("typed", "institution", "course_id", "level", "subject"),
    [
        ("ext dip in enginering", "northgate", "ngc-eng-l3-ed", 3.0, "Engineering"),
        ("access course for nursing", None, "ral-hsc-access-nm", 3.0, "Health and Social Care"),
        ("hnc engineering", None, "ngc-eng-hnc", 4.0, "Engineering"),
    ],
)
async def test_a_confident_match_sets_the_course_id_level_and_subject(
    typed: str,
    institution: Optional[str],
    course_id: str,
    level: float,
    subject: str,
    dispatcher: CollectingDispatcher,
) -> None:
    entities = [entity("course", typed)]
    if institution:
        entities.append(entity("institution", institution))
    slots = await validate(
        {"current_course": typed}, f"I'm doing {typed}", entities=entities, dispatcher=dispatcher
    )
    assert slots["current_course_id"] == course_id
    assert slots["current_level"] == level
    assert slots["current_subject"] == subject
    assert slots["course_candidates"] is None
    assert keys(dispatcher) == ["course_found"]


async def test_a_grade_given_with_the_course_is_kept() -> None:
    slots = await validate(
        {"current_course": "btec business"},
        "I got a merit in my level 3 btec business at ouse valley",
        entities=[
            entity("grade", "merit"),
            entity("level", "level 3"),
            entity("course", "btec business"),
            entity("institution", "ouse valley"),
        ],
    )
    assert slots["current_course_id"] == "ovc-bus-l3-ed"
    assert slots["grade"] == "merit"


async def test_a_near_miss_offers_buttons(dispatcher: CollectingDispatcher) -> None:
    slots = await validate({"current_course": "btec business"}, "btec business")
    assert slots["current_course"] is None  # so the form asks again, with the options
    offered = slots["course_candidates"]
    assert offered["text"] == "btec business"
    assert len(offered["options"]) >= 2

    ask = make_tracker("profile_form", slots=slots)
    await ActionAskCurrentCourse().run(dispatcher, ask, DOMAIN)
    [message] = dispatcher.messages
    assert message["message_key"] == "course_did_you_mean"
    buttons = message["buttons"]
    assert len(buttons) == len(offered["options"]) + 1
    first = json.loads(buttons[0]["payload"].removeprefix("/inform_course"))
    assert first == {
        "course": offered["options"][0]["title"],
        "institution": offered["options"][0]["institution"],
    }
    assert buttons[-1]["title"] == "None of these"
    assert buttons[-1]["payload"] == '/inform_course{"course": "btec business"}'


async def test_picking_a_button_confirms_that_course() -> None:
    first = await validate({"current_course": "btec business"}, "btec business")
    option = first["course_candidates"]["options"][1]
    slots = await validate(
        {"current_course": option["title"], "institution": option["institution"]},
        f"/inform_course{json.dumps({'course': option['title']})}",
        entities=[
            entity("course", option["title"]),
            entity("institution", option["institution"]),
        ],
        slots=first,
    )
    assert slots["current_course_id"] == option["course_id"]
    assert slots["course_candidates"] is None


async def test_none_of_these_goes_on_with_level_and_subject(
    dispatcher: CollectingDispatcher,
) -> None:
    first = await validate({"current_course": "btec business"}, "btec business")
    slots = await validate(
        {"current_course": "btec business"},
        '/inform_course{"course": "btec business"}',
        entities=[entity("course", "btec business")],
        slots=first,
        dispatcher=dispatcher,
    )
    assert slots["current_course"] == "btec business"
    assert slots["current_course_id"] is None
    assert keys(dispatcher) == ["course_unknown"]


async def test_an_unknown_course_asks_for_level_and_subject(
    dispatcher: CollectingDispatcher,
) -> None:
    typed = "btec in underwater basket weaving"
    slots = await validate({"current_course": typed}, typed, dispatcher=dispatcher)
    assert slots["current_course"] == typed
    assert slots["current_course_id"] is None
    # left empty, so the form asks for them next
    assert slots["current_level"] is None
    assert slots["current_subject"] is None
    assert keys(dispatcher) == ["course_unknown"]

    asked = CollectingDispatcher()
    await ActionAskCurrentLevel().run(asked, make_tracker("profile_form", slots=slots), DOMAIN)
    assert keys(asked) == ["ask_current_level"]
    assert [b["title"] for b in asked.messages[0]["buttons"]] == ["Level 2", "Level 3", "Level 4"]


async def test_an_unknown_course_keeps_a_level_given_with_it() -> None:
    typed = "btec level 3 in underwater basket weaving"
    slots = await validate({"current_course": typed}, typed)
    assert slots["current_course_id"] is None
    assert slots["current_level"] == 3.0
    assert slots["current_subject"] is None


@pytest.mark.parametrize(
    ("answer", "level", "key"),
    [
        ("level 3", 3.0, None),
        ("L2", 2.0, None),
        ("three", 3.0, None),
        ("dunno", None, "level_not_understood"),
    ],
)
async def test_level_answers(
    answer: str, level: Optional[float], key: Optional[str], dispatcher: CollectingDispatcher
) -> None:
    slots = await validate(
        {"current_level": answer},
        answer,
        slots={"requested_slot": "current_level", "current_course": "game art"},
        dispatcher=dispatcher,
    )
    assert slots["current_level"] == level
    assert keys(dispatcher) == ([key] if key else [])


@pytest.mark.parametrize(
    ("answer", "subject"),
    [
        ("it's engineering", "Engineering"),  # the catalogue's name for it
        ("art and design", "Creative and Digital Media"),
        ("not sure", "game art"),  # the course's own words
        ("underwater basket weaving", "underwater basket weaving"),  # the learner's words
    ],
)
async def test_subject_answers(answer: str, subject: str) -> None:
    slots = await validate(
        {"current_subject": answer},
        answer,
        slots={"requested_slot": "current_subject", "current_course": "game art"},
    )
    assert slots["current_subject"] == subject


@pytest.mark.parametrize(
    ("text", "intent", "entities", "requested", "interests"),
    [
        ("I like fixing cars", "inform_interest", [], "interests", "fixing cars"),
        ("I want to be a midwife", "inform_interest", [entity("interest", "midwife")], None,
         "midwife"),
        ("not sure", "deny", [], "interests", ""),
        ("doing engineering but I love robots", "inform_course", [entity("interest", "robots")],
         None, "robots"),
    ],
)  # fmt: skip
async def test_interests_are_free_text(
    text: str,
    intent: str,
    entities: List[Dict[str, Any]],
    requested: Optional[str],
    interests: str,
) -> None:
    value = entities[-1]["value"] if entities else text
    slots = await validate(
        {"interests": value},
        text,
        intent=intent,
        entities=entities,
        slots={"requested_slot": requested},
    )
    assert slots["interests"] == interests


async def test_a_course_validated_earlier_is_not_looked_up_again() -> None:
    tracker = make_tracker(
        "profile_known",
        text="what can I do next?",
        intent="ask_next",
        slots={},
    )
    # the form re-validates prefilled slots when it is activated again
    tracker.events = [
        *tracker.events,
        {"event": "action", "name": "learner_profile_form"},
        {"event": "slot", "name": "current_course",
         "value": "Pearson BTEC Level 3 National Extended Diploma in Engineering"},
    ]  # fmt: skip
    tracker.active_loop = {"name": "learner_profile_form"}
    dispatcher = CollectingDispatcher()
    events = await ValidateLearnerProfileForm().run(dispatcher, tracker, FORM_DOMAIN)
    assert dispatcher.messages == []
    assert "current_course_id" not in slot_events(events)


async def test_the_catalogue_being_down_still_lets_the_learner_go_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, dispatcher: CollectingDispatcher
) -> None:
    from actions import db

    monkeypatch.setenv("CATALOGUE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    db.reset_engine()
    slots = await validate(
        {"current_course": "ext dip engineering"}, "ext dip engineering", dispatcher=dispatcher
    )
    assert slots["current_course_id"] is None
    assert keys(dispatcher) == ["catalogue_unavailable", "course_unknown"]


async def test_start_over_clears_the_profile_and_stops_the_form(
    actions_db: Engine, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(
        "profile_form",
        text="start again",
        intent="restart",
        slots={"current_course": "x", "interests": "robots", "town": "York"},
    )
    events = await ActionRestartProfile().run(dispatcher, tracker, DOMAIN)
    slots = slot_events(events)
    for slot in ("current_course", "current_course_id", "interests", "town", "suggested_routes"):
        assert slots[slot] is None
    assert {"event": "active_loop", "name": None} in [
        {"event": e["event"], "name": e.get("name")} for e in events if e["event"] == "active_loop"
    ]
    assert keys(dispatcher) == ["profile_restarted"]
    assert "start again" in texts(dispatcher)


def resolved(value: str, course_id: str, title: str, score: float) -> Dict[str, Any]:
    """A course entity as the catalogue entity extractor reports it."""
    info = {
        "course_id": course_id,
        "title": title,
        "institution": "Northgate College",
        "level": 3,
        "subject": "Automotive",
        "score": score,
        "source": "catalogue",
    }
    return entity("course", value, additional_info=info)


LIGHT_VEHICLE = "City & Guilds Level 3 Diploma in Light Vehicle Maintenance and Repair Principles"


async def test_the_extractors_resolution_is_used_when_the_lookup_finds_nothing() -> None:
    slots = await validate(
        {"current_course": "grease monkey course"},
        "I'm on the grease monkey course",
        entities=[resolved("grease monkey course", "ngc-auto-l3", LIGHT_VEHICLE, 0.9)],
    )
    assert slots["current_course_id"] == "ngc-auto-l3"
    assert slots["current_subject"] == "Automotive"


async def test_an_ambiguous_course_is_asked_about_whatever_the_extractor_chose() -> None:
    slots = await validate(
        {"current_course": "motor vehicle"},
        "L3 motor vehicle",
        entities=[
            entity("level", "L3"),
            resolved("motor vehicle", "ngc-auto-l3", LIGHT_VEHICLE, 0.95),
        ],
    )
    assert slots["current_course"] is None
    options = slots["course_candidates"]["options"]
    assert "ngc-auto-l3" in [o["course_id"] for o in options]
    assert all(o["level"] == 3 for o in options)  # the level given narrows the choice


@pytest.mark.parametrize(
    ("text", "course_id", "key"),
    [
        ("what's the weather like", None, "utter_out_of_scope"),  # not a course: ask again
        ("hnc engineering", "ngc-eng-hnc", "course_found"),  # a course, whatever the NLU said
    ],
)
async def test_an_out_of_scope_answer_is_a_course_only_if_the_catalogue_knows_it(
    text: str, course_id: Optional[str], key: str, dispatcher: CollectingDispatcher
) -> None:
    slots = await validate({"current_course": text}, text, intent="out_of_scope",
                           slots={"requested_slot": "current_course"},
                           dispatcher=dispatcher)  # fmt: skip
    assert slots.get("current_course_id") == course_id
    if course_id is None:
        assert slots["current_course"] is None
    assert keys(dispatcher) == [key]
