"""Reading a message: every fact, whatever the intent; the role of each course named."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from actions.reading import MAX_MESSAGE_CHARS, aim_of, asks_from, course_role, read

EXTRACTOR = "pathways_catalogue"


def course(text: str, value: str, course_id: Optional[str], level: int, **info: Any) -> Dict:
    start = text.index(value)
    resolved = {"course_id": course_id, "title": info.pop("title", value), "level": level,
                "subject": info.pop("subject", "Engineering"), "score": info.pop("score", 0.95),
                "source": "catalogue" if course_id else "gazetteer", **info}  # fmt: skip
    return {"entity": "course", "value": value, "start": start, "end": start + len(value),
            "extractor": EXTRACTOR, "additional_info": resolved}  # fmt: skip


def message(text: str, intent: str, entities: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities}


def test_the_course_the_learner_is_on_is_current_and_the_other_a_target() -> None:
    text = ("I'm on the BTEC Level 3 Extended Diploma in Engineering at Northgate and I "
            "want to study mechanical engineering next")  # fmt: skip
    reading = read(message(text, "inform_course", [
        course(text, "BTEC Level 3 Extended Diploma in Engineering", "ngc-eng-l3-ed", 3),
        course(text, "mechanical engineering", "ngc-eng-hnc", 4),
    ]))  # fmt: skip
    assert reading.current is not None and reading.current.best is not None
    assert reading.current.best.course_id == "ngc-eng-l3-ed"
    assert [t.text for t in reading.targets] == ["mechanical engineering"]


def test_with_no_cue_the_lowest_level_is_the_current_course() -> None:
    text = "L3 engineering -> HNC mechanical?"
    reading = read(message(text, "ask_next", [
        course(text, "HNC mechanical", "ngc-eng-hnc", 4),
        course(text, "L3 engineering", "ngc-eng-l3-ed", 3),
    ]))  # fmt: skip
    assert reading.current is not None and reading.current.text == "L3 engineering"


@pytest.mark.parametrize(
    ("text", "span", "role"),
    [
        ("im doing plumbing at the moment", "plumbing", "current"),
        ("i want to do plumbing", "plumbing", "target"),
        ("who do i contact about the HNC", "HNC", "target"),
        ("what do I need to get onto the BEng", "BEng", "target"),
        ("I finished my HND last year", "HND", "current"),
        ("I'm on the BTEC and want to do the HNC", "HNC", "target"),
        ("I'm on the BTEC and want to do the HNC", "BTEC", "current"),
        ("the HNC next", "HNC", "target"),
        ("plumbing", "plumbing", ""),
        # a course the learner has not done is one they may aim for
        ("did level 2 and 3 but never did my 2391", "2391", "target"),
        ("who do i talk to about doing the 2391 round here", "2391", "target"),
        ("I'm doing my level 3 electrics", "level 3 electrics", "current"),
        # a course done after another, told as a story, is where the learner is now
        ("I began my maths GCSE. I then completed the Level 3 Diploma in Health", "Level 3",
         "current"),
        ("once I have completed the HNC I want a degree", "HNC", "target"),
        ("can i do the hnc around work", "hnc", "target"),
        ("is there a business course i could do part time", "business course", "target"),
        ("i have no degree, just A levels at C", "degree", "none"),
        ("can i get on the HNC without a level 3 diploma", "level 3 diploma", "none"),
        # a course named in a negated clause, with no other cue, is not theirs
        ("I cannot afford to give up work and attend a HE access course", "access course",
         "none"),
        ("I don't think a foundation degree is for me", "foundation degree", "none"),
        # the field they work in is one they could study in, not their course
        ("being a member of the general IT staff", "IT", "target"),
        # a course someone started is the one they are on; one a tutor says to think
        # about is not
        ("my son started the btec extended diploma in engineering", "btec", "current"),
        ("im on the access course and my tutor says i should think about adult nursing",
         "adult nursing", "target"),
        ("what would i need to get on the comp sci one", "comp sci", "target"),
        ("2 years on a nhs nursing course which i left due to ill health", "nursing", "none"),
        ("students like myself who missed the traditional 16-18 a-level years", "a-level",
         "none"),
        ("degree students without existing a-levels", "a-levels", "none"),
        ("Functional Skills as an alternative to the GCSE requirement", "GCSE", "none"),
        ("The course I had chosen is the btec level 3 sports coaching", "btec level 3",
         "current"),
    ],
)
def test_course_role(text: str, span: str, role: str) -> None:
    start = text.index(span)
    assert course_role(text, start, start + len(span)) == role


@pytest.mark.parametrize(
    ("intent", "text", "asks"),
    [
        ("ask_next", "who do I contact about the HNC?", "contact"),
        ("ask_next", "what do I need to get onto the BEng?", "requirements"),
        ("inform_course", "im on L3 engineering at northgate, what higher stuff can i do?",
         "routes"),
        ("change_interest", "I'm on business, what could I do next?", "routes"),
        ("inform_course", "I'm doing plumbing", None),
        ("ask_contact", "tell me who to talk to", "contact"),
        ("ask_details", "tell me more about the second one", "details"),
        ("inform_course", "and after the HND?", "after"),
        ("inform_course", "I would like the experience. who runs it", "contact"),
        ("ask_details", "would i be eligible for funding? who would know about that", "contact"),
        ("inform_course", "who can i actually ask", "contact"),
        ("inform_course", "the guidelines now require that students have maths GCSE to study "
         "for a Level 3 Childcare apprenticeship. is that true", "requirements"),
        ("change_interest", "I read up on job prospects. actually maybe graphic design "
         "instead, whats the route for that", "routes"),
    ],
)
def test_the_question_asked_comes_from_the_words_and_the_intent(
    intent: str, text: str, asks: Optional[str]
) -> None:
    assert asks_from(intent, text) == asks


def test_every_fact_is_read_whatever_the_intent() -> None:
    text = "part time near York please, I got a merit, level 3"
    entities = [
        {"entity": "town", "value": "York", "start": 15, "end": 19, "extractor": EXTRACTOR,
         "additional_info": {"town": "York", "score": 1.0}},
        {"entity": "grade", "value": "merit", "start": 35, "end": 40, "extractor": EXTRACTOR},
        {"entity": "level", "value": "level 3", "start": 42, "end": 49, "extractor": EXTRACTOR,
         "additional_info": {"level": 3}},
    ]  # fmt: skip
    reading = read(message(text, "ask_next", entities))
    assert reading.town == "York" and reading.grade == "merit" and reading.level == 3
    assert reading.modes == ("part-time",)
    assert reading.says_anything


def test_a_span_only_diet_found_is_never_a_course() -> None:
    text = "i want to manage a care home one day"
    entities = [{"entity": "course", "value": "day", "start": 33, "end": 36,
                 "extractor": "DIETClassifier"}]  # fmt: skip
    reading = read(message(text, "inform_interest", entities))
    assert reading.courses == ()
    assert reading.loose_words == ("day",)


def test_interests_carry_their_subjects() -> None:
    entities = [{"entity": "interest", "value": "nurse", "start": 17, "end": 22,
                 "extractor": EXTRACTOR,
                 "additional_info": {"keyword": "nursing", "score": 0.9,
                                     "subjects": ["Health and Social Care"]}}]  # fmt: skip
    reading = read(message("I want to be a nurse", "change_interest", entities))
    assert reading.interests[0].name == "nursing"
    assert reading.interests[0].subjects == ("Health and Social Care",)
    assert not reading.changes_mind, "the intent alone is no change of mind"
    assert read(message("actually I want to be a nurse", "inform_interest", [])).changes_mind


@pytest.mark.parametrize("text", ["🙂🙂🙂", "   ", "!!!"])
def test_no_words(text: str) -> None:
    reading = read(message(text, "nlu_fallback", []))
    assert not reading.has_words and not reading.says_anything


def test_a_message_too_long_is_not_read() -> None:
    text = "engineering " * (MAX_MESSAGE_CHARS // 10)
    reading = read(message(text, "inform_course", [course(text, "engineering", "x", 3)]))
    assert reading.too_long and not reading.courses


def test_a_button_payload_picks_a_course_by_id() -> None:
    entities = [{"entity": "course_id", "value": "ngc-eng-hnc", "start": 0, "end": 0}]
    reading = read(message('/inform_course{"course_id": "ngc-eng-hnc"}', "inform_course",
                           entities))  # fmt: skip
    assert reading.course_id == "ngc-eng-hnc" and reading.payload


def test_ordinals_are_read_from_the_words_too() -> None:
    assert read(message("tell me about the last one", "ask_details", [])).ordinal == -1
    assert read(message("in my second year", "inform_course", [])).ordinal is None


def level_entity(text: str, value: str, level: int, occurrence: int = 0) -> Dict[str, Any]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(value, start + 1)
    return {"entity": "level", "value": value, "start": start, "end": start + len(value),
            "extractor": EXTRACTOR, "additional_info": {"level": level}}  # fmt: skip


def test_the_level_of_the_course_is_the_one_beside_it() -> None:
    text = "why are salon owners so keen on level 3? im doing hair lvl 2 at revidge"
    reading = read(message(text, "inform_course", [
        level_entity(text, "level 3", 3),
        course(text, "hair", "rvc-hb-hair2", 2, subject="Hair and Beauty"),
        level_entity(text, "lvl 2", 2),
    ]))  # fmt: skip
    assert reading.level == 2


def test_with_no_level_beside_the_course_the_first_level_counts() -> None:
    text = "level 3 is what i want, i'm doing hairdressing at revidge college in darwen lvl 2"
    reading = read(message(text, "inform_course", [
        level_entity(text, "level 3", 3),
        course(text, "hairdressing", "rvc-hb-hair2", 2, subject="Hair and Beauty"),
        level_entity(text, "lvl 2", 2),
    ]))  # fmt: skip
    assert reading.level == 3


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("hi, need some advice", False),
        ("can i get some help please", False),
        ("can I talk to a real person?", True),
        ("i want an adviser to ring me", True),
        ("/request_human", True),
    ],
)
def test_a_request_for_help_is_for_a_person_only_when_the_words_name_one(
    text: str, person: bool
) -> None:
    reading = read(message(text, "request_human", []))
    assert reading.wants_person is person


@pytest.mark.parametrize(
    "text, level",
    [
        ("what would i need to get on it, i havent got a level 3 just the job", None),
        ("can i get on without a level 3?", None),
        ("I never did my level 3", None),
        ("i have got a level 3 in it", 3),
    ],
)
def test_a_level_the_learner_has_not_got_is_not_theirs(text: str, level: Optional[int]) -> None:
    start = text.index("level 3")
    entity = {"entity": "level", "value": "level 3", "start": start, "end": start + 7,
              "extractor": EXTRACTOR, "additional_info": {"level": 3}}  # fmt: skip
    assert read(message(text, "ask_requirements", [entity])).level == level


@pytest.mark.parametrize(
    ("text", "near"),
    [
        ("i want to stay local", True),
        ("is there anything at a local college", True),
        ("are there courses near me", True),
        # "my local college" is a college they have, not a wish to study nearby
        ("I want to do an Access to Nursing course at my local college", False),
        ("at my 2 local colleges the course is days not evenings", False),
        ("I already work for a local electrician", False),
    ],
)
def test_near_me_only_when_the_learner_wants_to_study_nearby(text: str, near: bool) -> None:
    assert read(message(text, "inform_constraint", [])).near_me is near


def test_typographic_quotes_read_as_plain_ones() -> None:
    text = "I\u2019m on the ICT technician apprenticeship with Taw Estuary"
    reading = read(message(text, "inform_course", [
        course(text, "ICT technician apprenticeship", "te-ict-3", 3)]))  # fmt: skip
    assert reading.current is not None and reading.current.text == "ICT technician apprenticeship"


@pytest.mark.parametrize(
    ("text", "aim"),
    [
        ("i want to be a physio one day", "physio"),
        ("he likes building things, he's been helping his uncle on site", "building things"),
        ("she loves animals", "animals"),
        # a way of studying is not a field
        ("I want to do an apprenticeship instead.", ""),
        ("I want to go to uni", ""),
    ],
)
def test_aim_of(text: str, aim: str) -> None:
    assert aim_of(text) == aim


@pytest.mark.parametrize(
    "text, question",
    [
        ("I read up on job prospects, whats the route for that", True),
        ("what can I do after", True),
        ("I did it. how long is it", True),
        ("I'm doing plumbing", False),
        ("somewhere near what i do now", False),
    ],
)
def test_a_question_may_start_after_a_statement(text: str, question: bool) -> None:
    message = {"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.5},
               "entities": []}  # fmt: skip
    assert read(message).is_question is question
