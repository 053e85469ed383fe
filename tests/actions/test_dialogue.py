"""Whole conversations through action_respond on the real demo catalogue.

Each learner message goes through the real catalogue component (see ``Chat``), with
the intent a trained model would give it, often a misleading one: the reply must not
depend on it. The issue's own examples are here, word for word.
"""

from __future__ import annotations

import pytest

from tests.actions.conftest import Chat

pytestmark = pytest.mark.usefixtures("actions_db")


async def test_a_course_and_an_aspiration_in_one_message_give_routes_at_once(chat: Chat) -> None:
    reply = await chat.say(
        "I'm on the Pearson BTEC Level 3 National Extended Diploma in Engineering at "
        "Northgate College and I'm really into mechanical design - what could I do next?",
        "ask_next",
    )
    assert "Pearson BTEC Level 3 National Extended Diploma in Engineering" in reply
    assert "couldn't find" not in reply
    assert "Here are" in reply
    assert chat.slots["current_course_id"] == "ngc-eng-l3-ed"
    assert "What course" not in await chat.say("who would I speak to about the first one?",
                                               "ask_contact")  # fmt: skip


async def test_level_college_and_subject_pin_down_one_course(chat: Chat) -> None:
    reply = await chat.say("im on L3 engineering at northgate, what higher stuff can i do?",
                           "ask_next")  # fmt: skip
    assert "Did you mean" not in reply
    assert chat.slots["current_course_id"] in ("ngc-eng-l3-ed", "ngc-eng-tl-mir")
    assert "Here are" in reply


async def test_questions_about_named_courses_before_any_routes(chat: Chat) -> None:
    await chat.say("I'm on the BTEC Level 3 Extended Diploma in Engineering at Northgate and "
                   "I want to study mechanical engineering next", "inform_course")  # fmt: skip
    contact = await chat.say("Who do I contact about the HNC?", "ask_contact")
    assert "contact" in contact and "@" in contact, contact
    assert "HNC" in contact
    needs = await chat.say("What do I need to get onto the BEng?", "ask_requirements")
    assert "BEng" in needs and "To get onto" in needs, needs


async def test_a_change_of_field_starts_a_search_in_the_new_field(chat: Chat) -> None:
    await chat.say("im doing the btec business at ouse valley", "inform_course")
    first = await chat.say("marketing", "inform_interest")
    assert "Business" in first or "business" in first
    reply = await chat.say("actually forget that, I want to be a nurse", "change_interest")
    assert "Nothing in our catalogue matches" not in reply
    assert "Nursing" in reply, reply
    assert chat.slots["new_subject"]


async def test_interest_words_are_found_in_a_clause(chat: Chat) -> None:
    await chat.say("level 2 engineering at northgate", "inform_course")
    reply = await chat.say("I want to keep working with machines, maybe welding", "inform_interest")
    assert "Here are" in reply
    assert chat.slots["interests"] == "machining; welding"


@pytest.mark.parametrize("text", ["🙂🙂🙂", "lol", "x" * 1500])
async def test_bad_input_gets_a_polite_reply_and_leaves_the_profile(chat: Chat, text: str) -> None:
    await chat.say("ext dip engineering at northgate", "inform_course")
    before = dict(chat.slots)
    reply = await chat.say(text, "nlu_fallback")
    assert reply
    assert chat.slots["current_course_id"] == before["current_course_id"]
    assert chat.slots.get("interests") == before.get("interests")
