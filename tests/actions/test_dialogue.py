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


async def test_a_named_course_is_answered_before_any_profile(chat: Chat) -> None:
    reply = await chat.say("who do I contact about the HNC in Mechanical Engineering at Northgate?",
                           "ask_contact")  # fmt: skip
    assert "HNC in Mechanical Engineering" in reply and "@" in reply
    assert not chat.slots.get("current_course_id"), "asking about a course is not being on it"


async def test_follow_ups_on_the_routes_shown(chat: Chat) -> None:
    await chat.say("ext dip engineering at northgate, I like robots", "inform_course")
    details = await chat.say("tell me more about the second one", "ask_details")
    assert details.startswith("Option 2")
    after = await chat.say("and after that?", "ask_after")
    assert after.startswith("After ")
    assert "only showed you 3" in await chat.say("who do I contact about option 7", "ask_contact")


async def test_and_for_asks_the_same_question_about_another_course(chat: Chat) -> None:
    await chat.say("ext dip engineering at northgate", "inform_course")
    first = await chat.say("what do I need for the HNC?", "ask_requirements")
    assert first.startswith("To get onto HNC")
    second = await chat.say("and for the foundation degree?", "inform_course")
    assert second.startswith("To get onto Fd"), second


async def test_a_course_at_several_colleges_narrowed_by_college_then_level(chat: Chat) -> None:
    reply = await chat.say("health and social care", "inform_course")
    assert chat.slots.get("pending") in ("choose", "interests", "level"), reply
    if chat.slots.get("pending") == "choose":
        await chat.say("northgate", "inform_course")
        await chat.say("level 3", "inform_course")
        assert chat.slots.get("current_course_id", "").startswith("ngc-hsc")


async def test_asking_for_a_person_starts_the_hand_over(chat: Chat) -> None:
    await chat.say("ext dip engineering at northgate", "inform_course")
    await chat.say("can a real person get in touch with me instead", "ask_contact")
    assert ("followup", "handover_form") in [(e["event"], e.get("name")) for e in chat.last_events]


async def test_an_adviser_offered_after_two_misses_is_taken_with_yes(chat: Chat) -> None:
    await chat.say("blah blah", "nlu_fallback")
    await chat.say("wibble", "nlu_fallback")
    assert chat.slots.get("pending") == "adviser"
    await chat.say("yes", "affirm")
    assert ("followup", "handover_form") in [(e["event"], e.get("name")) for e in chat.last_events]


async def test_a_town_in_passing_is_not_a_filter_but_near_it_is(chat: Chat) -> None:
    await chat.say("I'm doing the ext dip in engineering at northgate college in York",
                   "inform_course")  # fmt: skip
    assert not chat.slots.get("town")
    await chat.say("anything near Selby?", "inform_constraint")
    assert chat.slots.get("town") == "Selby"


async def test_a_level_given_after_the_course_moves_to_that_level(chat: Chat) -> None:
    await chat.say("engineering at northgate", "inform_course")
    level = chat.slots.get("current_level")
    other = 2 if level == 3 else 3
    await chat.say(f"level {other}", "inform_course")
    assert chat.slots.get("current_level") == other


async def test_are_you_a_bot_with_interests_reads_the_interests(chat: Chat) -> None:
    await chat.say("ext dip engineering at northgate", "inform_course")
    reply = await chat.say("robots, like the robot arms in car factories", "bot_challenge")
    assert "Here are" in reply
    assert await chat.say("are you a bot?", "bot_challenge") == ""  # the domain response
    assert chat.keys == ["utter_iamabot"]


async def test_the_course_question_names_the_catalogue_served(chat: Chat) -> None:
    reply = await chat.say("hello", "greet")
    assert "What course are you doing" in reply
    reply = await chat.say("I like robots", "inform_interest")
    assert "at Northgate College" in reply or "at " in reply


@pytest.mark.parametrize(
    ("text", "restart"),
    [("start again", True), ("reset please", True), ("/restart", True),
     ("do i have to start the hnd from year 1", False), ("restart", True)],
)  # fmt: skip
def test_only_words_that_ask_to_start_over_restart(text: str, restart: bool) -> None:
    from actions.restart import asks_to_start_over

    assert asks_to_start_over(text) is restart


async def test_a_filter_that_leaves_no_route_is_dropped_with_a_word(chat: Chat) -> None:
    await chat.say("ext dip engineering at northgate", "inform_course")
    reply = await chat.say("distance learning only please", "inform_constraint")
    assert "so here are all of them" in reply, reply
    assert not chat.slots.get("study_mode")


async def test_a_career_changer_with_no_course_sees_where_to_start(chat: Chat) -> None:
    reply = await chat.say("I've worked in an office for 20 years and I want to become a chef",
                           "inform_interest")  # fmt: skip
    assert chat.keys[0] == "starts_intro", reply
    assert "Commis Chef Apprenticeship (Level 2)" in reply
    assert "What course" not in reply
    # the courses shown are the ones the questions are about
    needs = await chat.say("what do i need for the apprenticeship one", "ask_requirements")
    assert needs.startswith("To get onto Commis Chef Apprenticeship (Level 2)"), needs
    who = await chat.say("who do i talk to", "ask_contact")
    assert "Wolds Training Partnership" in who and "@" in who


async def test_how_a_course_is_taught_is_a_question_about_it_not_a_filter(chat: Chat) -> None:
    await chat.say("I'm on the BTEC Level 3 Extended Diploma in Engineering at Northgate",
                   "inform_course")  # fmt: skip
    reply = await chat.say("can i do the hnc part time?", "inform_constraint")
    assert chat.keys[0] == "route_details", reply
    first = reply.splitlines()[1] if reply.startswith("Option") else reply.splitlines()[0]
    assert "HNC" in first and "part-time" in first, reply


async def test_a_course_the_college_does_not_list_gets_the_colleges_own_contact(
    chat: Chat,
) -> None:
    await chat.say("I want to do a level 3 in floristry at Northgate College", "inform_course")
    reply = await chat.say("who do i ask at northgate about it then", "ask_contact")
    assert chat.keys[0] == "institution_contact", reply
    assert "admissions@northgate.example.ac.uk" in reply


async def test_a_kind_of_course_asked_about_with_no_course_yet_is_the_one_in_their_field(
    chat: Chat,
) -> None:
    await chat.say("I work in IT support and I'm really into computing", "inform_interest")
    reply = await chat.say("can i do the hnc around work", "ask_details")
    assert "profile_needed" not in chat.keys and "What course" not in reply, reply
    assert chat.keys[0] == "route_details", reply
    first = reply.splitlines()[1]  # (the label, then the course asked about)
    assert "HNC in Computing" in first and "part-time" in first, reply
    needs = await chat.say("what would i need to get on it, i havent got a level 3",
                           "ask_requirements")  # fmt: skip
    assert needs.startswith("To get onto HNC in Computing"), needs
    assert chat.slots.get("current_level") is None


async def test_a_question_about_the_kind_of_course_they_are_on_is_about_their_course(
    chat: Chat,
) -> None:
    await chat.say("I've applied to do the Access to HE Diploma (Nursing and Midwifery) at "
                   "Ryedale and want to be a nurse after", "inform_course")  # fmt: skip
    assert chat.slots["current_course_id"] == "ral-hsc-access-nm"
    reply = await chat.say("can i do the access part time", "ask_details")
    assert chat.keys[0] == "route_details", reply
    first = reply.splitlines()[1]  # (the label, then the course asked about)
    assert "Access to HE Diploma (Nursing and Midwifery) at Ryedale" in first, reply
    assert "2 years part-time" in first, reply


async def test_who_helps_find_an_employer_is_about_an_apprenticeship(chat: Chat) -> None:
    await chat.say("I'm on the BTEC Level 3 Extended Diploma in Engineering at Northgate",
                   "inform_course")  # fmt: skip
    reply = await chat.say("who would help me find an employer", "ask_contact")
    assert chat.keys[0] == "route_contact", reply
    assert "Apprenticeship" in reply.split(", contact")[0], reply


async def test_it_is_the_course_in_focus_whatever_else_the_message_names(chat: Chat) -> None:
    await chat.say("I'm on the BTEC Level 3 Extended Diploma in Engineering at Northgate",
                   "inform_course")  # fmt: skip
    first = await chat.say("tell me more about the first one", "ask_details")
    title = first.splitlines()[1].split(" at ")[0].lstrip("1) ")
    reply = await chat.say("can i do it part time, i work in a nursery", "ask_details")
    assert chat.keys[0] == "route_details", reply
    assert title in reply.splitlines()[1] and "Nursery" not in reply, reply


async def test_a_level_named_with_work_in_one_field_is_a_level_in_that_field(chat: Chat) -> None:
    reply = await chat.say("I have worked as a nursery nurse for more than six years, i have "
                           "my level 3. what could i do next", "ask_next")  # fmt: skip
    assert chat.slots["current_level"] == 3
    assert chat.slots["current_subject"], reply
    assert "what subject" not in reply.lower() and "Here" in reply, reply


async def test_a_kind_of_course_asked_for_with_no_course_yet_shows_courses_of_that_kind(
    chat: Chat,
) -> None:
    reply = await chat.say("I can't afford to give up work and attend an access course in the "
                           "day. is there any access course i can do part time", "inform_course")
    assert chat.keys[0] == "starts_intro", reply
    assert "profile_needed" not in chat.keys and chat.slots.get("current_course_id") is None
    assert "Access to HE Diploma" in reply.splitlines()[1], reply


async def test_what_a_learner_with_no_course_likes_is_an_interest_not_a_course_name(
    chat: Chat,
) -> None:
    await chat.say("my son wants to do an apprenticeship instead of college, what is there",
                   "ask_next")  # fmt: skip
    reply = await chat.say("he likes building things, he's been helping his uncle on site",
                           "inform_course")  # fmt: skip
    assert "course_unknown" not in chat.keys and chat.keys[0] == "starts_intro", reply
    assert chat.slots.get("current_course") is None
    assert "building" in chat.slots["interests"], chat.slots


async def test_a_field_with_no_course_or_level_shows_courses_in_that_field(chat: Chat) -> None:
    reply = await chat.say("being a member of the general IT staff isn't what I planned. is "
                           "there something i can do alongside work", "nlu_fallback")  # fmt: skip
    assert chat.keys[0] == "starts_intro", reply
    assert chat.slots.get("current_level") is None and "What level" not in reply
    assert "Computing" in reply.splitlines()[0] or "IT" in reply.splitlines()[0], reply


async def test_a_kind_a_learner_with_no_course_asks_about_is_where_they_start(chat: Chat) -> None:
    await chat.say("I work in IT support and I'm really into computing", "inform_interest")
    reply = await chat.say("what after the hnc", "ask_after")
    assert "kind_not_reachable" not in chat.keys and "routes_intro" in chat.keys, reply
    assert "None of the routes" not in reply


async def test_filters_no_route_fits_show_courses_in_their_field_that_do(chat: Chat) -> None:
    await chat.say("I'm on the BTEC Level 3 Extended Diploma in Business at Ouse Valley",
                   "inform_course")  # fmt: skip
    reply = await chat.say("is there anything i could do in the evenings", "inform_constraint")
    assert "routes_in_field_with_filters" in chat.keys, reply
    first = reply.splitlines()[2]
    assert first.startswith("1. AAT Level 3 Diploma in Accounting"), reply
    assert chat.slots["study_mode"] == "evening"  # the filter is kept: what is shown fits it


async def test_the_x_one_says_which_course_of_a_kind_a_learner_with_no_course_means(
    chat: Chat,
) -> None:
    reply = await chat.say("I had my interview for an access course yesterday at Ryedale, the "
                           "science one. what are the entry requirements", "ask_requirements")
    assert chat.keys[0] == "route_requirements", reply
    assert reply.startswith("To get onto Access to HE Diploma (Science) at Ryedale"), reply


async def test_an_awarding_body_names_the_one_course_of_it_at_the_college(chat: Chat) -> None:
    reply = await chat.say("doing my aat lvl 3 at northgate tues n thurs nights, where can it "
                           "take me")  # fmt: skip
    assert chat.slots.get("current_course_id") == "ngc-bus-aat-l3", reply


async def test_a_town_the_network_does_not_know_still_gets_an_answer(chat: Chat) -> None:
    await chat.say("i left uni after 3 months, is there a beauty therapy course i could do",
                   "inform_interest")  # fmt: skip
    reply = await chat.say('/inform_constraint{"town": "Pickering"}')
    assert chat.keys[0] == "town_unknown", reply
    assert "starts_intro" in chat.keys and "Beauty" in reply, reply


async def test_a_town_only_a_campus_is_in_is_a_known_town(chat: Chat) -> None:
    # Castle Cliff College is in Scarborough; its land-based courses are taught in Malton
    reply = await chat.say("i want to do animal care near malton", "inform_interest")
    assert "town_unknown" not in chat.keys, reply
    assert chat.slots.get("town") == "Malton", reply


async def test_a_subject_named_in_a_longer_answer_answers_the_subject_question(
    chat: Chat,
) -> None:
    await chat.say("im on a level 2 in floristry")
    assert chat.slots.get("pending") == "subject"
    reply = await chat.say("maybe business then, i want to run my own shop one day",
                           "nlu_fallback")  # fmt: skip
    assert chat.slots.get("current_subject") == "Business", reply
    assert "routes_intro" in chat.keys, reply


async def test_the_kind_of_their_course_said_again_is_a_yes_to_it(chat: Chat) -> None:
    await chat.say("im on the ext dip in engineering at northgate")
    reply = await chat.say("its the btec extended diploma, northgate college")
    assert chat.keys[0] == "routes_intro", reply


async def test_an_occupation_taken_up_after_naming_it_changes_the_field(chat: Chat) -> None:
    await chat.say("doing aat level 3 at northgate in the evenings")
    reply = await chat.say("honestly im utterly miserable in the office. my nan was a nurse and "
                           "i think thats what i want to do", "change_interest")  # fmt: skip
    assert "new_field" in chat.keys, reply
    assert chat.slots.get("new_subject") == "Health and Social Care", reply


async def test_a_goodbye_says_goodbye_but_one_that_says_more_is_read(chat: Chat) -> None:
    await chat.say("ok bye", "goodbye")
    assert chat.keys == ["utter_goodbye"]
    await chat.say("im doing the supporting teaching and learning level 3 at ryedale")
    reply = await chat.say("and to become a teacher later", "goodbye")
    assert "Bye" not in reply, reply
    assert "teach" in (chat.slots.get("interests") or ""), reply
    assert "routes_intro" in chat.keys, reply  # (the same interest again: the routes)
    await chat.say("and to become a teacher later", "goodbye")
    assert "utter_goodbye" not in chat.keys and "routes_intro" in chat.keys


async def test_the_same_question_about_the_route_at_the_uni(chat: Chat) -> None:
    await chat.say("im on the btec health and social care at northgate")
    await chat.say("tell me more about the first one", "ask_details")  # (Don Valley UC)
    reply = await chat.say("and if i went to the uni instead", "change_interest")
    assert chat.keys[0] == "route_details", reply
    assert "Nursing (Adult) at Vale of York University" in reply, reply


async def test_the_kind_of_their_own_course_named_again_is_no_interest(chat: Chat) -> None:
    reply = await chat.say("I got into programming. I just did the first year of my college "
                           "course, the HNC in computing at northgate. what are my options "
                           "after the hnc")  # fmt: skip
    assert chat.slots.get("current_course_id"), reply
    assert "hnc" not in (chat.slots.get("interests") or "").lower(), reply


async def test_a_gcse_named_as_a_condition_is_no_course_asked_about(chat: Chat) -> None:
    reply = await chat.say("after completing my level 2 early years practitioner diploma at "
                           "nidderdale, the guidelines now require that students have maths and "
                           "English GCSE at grade C to study for a Level 3 early years "
                           "apprenticeship. is that true")  # fmt: skip
    assert "kind_not_reachable" not in chat.keys, reply
    assert "route_requirements" in chat.keys, reply
    assert "Early Years Educator Apprenticeship (Level 3)" in reply, reply


async def test_a_known_qualification_in_no_field_of_the_network_asks_its_field(
    chat: Chat,
) -> None:
    reply = await chat.say("im on level 2 floristry")
    assert "your subject" not in reply, reply
    assert chat.slots.get("pending") == "subject", reply
