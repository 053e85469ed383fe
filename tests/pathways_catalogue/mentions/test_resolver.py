"""MessageResolver: what a message names, resolved against a catalogue.

A parametrised table over the mini and second test networks, whose names the NLU
data never mentions; DIET's spans are given as the Rasa server would send them.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.mentions import RESOLVER_NAME, MessageResolver
from pathways_catalogue.mentions.keys import EXTRACTOR
from pathways_catalogue.mentions.rules import mode_of, rule_patterns
from pathways_catalogue.resolve import Gazetteer
from pathways_catalogue.service import import_folder
from tests.conftest import SECOND_NETWORK, TEST_DATA


@pytest.fixture(scope="module")
def both_networks(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A gazetteer of a database with the mini and second test networks."""
    from pathways_catalogue.db import make_engine
    from tests.conftest import migrate

    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('mentions') / 'c.db'}")
    migrate(engine)
    import_folder(engine, TEST_DATA / "networks" / "mini")
    import_folder(engine, SECOND_NETWORK)
    with Session(engine, future=True) as session:
        gazetteer = Gazetteer.from_session(session)
    engine.dispose()
    return gazetteer


@pytest.fixture(scope="module")
def resolver(both_networks: Gazetteer) -> MessageResolver:
    return MessageResolver(both_networks)


def _message(text: str, intent: Optional[str] = None, others: Any = ()) -> Dict[str, Any]:
    return {"text": text, "intent": {"name": intent, "confidence": 1.0},
            "entities": [dict(e) for e in others]}  # fmt: skip


def _diet(text: str, value: str, entity: str) -> Dict[str, Any]:
    start = text.index(value)
    return {
        "entity": entity,
        "start": start,
        "end": start + len(value),
        "value": value,
        "extractor": "DIETClassifier",
    }


def _brief(entities: List[Dict[str, Any]]) -> List[Tuple[str, str, Optional[str]]]:
    """(type, value, resolved id or name) of each entity the resolver made."""
    out = []
    for e in entities:
        info = e.get("additional_info") or {}
        key = next(
            (info[k] for k in ("course_id", "institution_id", "town", "subject", "keyword")
             if info.get(k)),
            None,
        )  # fmt: skip
        ours = e[EXTRACTOR] == RESOLVER_NAME
        out.append((e["entity"], e["value"], key if ours else e[EXTRACTOR]))
    return out


CASES: List[Tuple[str, Optional[str], List[Dict[str, Any]], List[Tuple[str, str, Any]]]] = [
    (
        "im doing the ext dip in enginering at east test college",
        "inform_course",
        [],
        [
            ("course", "ext dip in enginering", "e-eng-l3"),
            ("institution", "east test college", "eastcol"),
        ],
    ),
    (
        "L2 electrical instalation at lynn wash",
        "inform_course",
        [],
        [
            ("level", "L2", None),
            ("course", "electrical instalation", "lwc-elec-l2"),
            ("institution", "lynn wash", "lynn-wash"),
        ],
    ),
    (
        "got a merit in my hnc engineering",
        None,
        [],
        [("grade", "merit", None), ("course", "hnc engineering", "m-eng-hnc")],
    ),
    (
        "i did city & guilds level 2 agriculture in boston",
        "inform_course",
        [],
        [
            ("course", "city & guilds level 2 agriculture", "whc-agr-l2"),
            ("town", "boston", "Boston"),
        ],
    ),
    (
        "part-time only, near Selby",
        "inform_constraint",
        [],
        [("mode", "part-time", None), ("town", "Selby", "Selby")],
    ),
    ("I like robots", "inform_interest", [], [("interest", "robots", "robotics")]),
    (
        "i'd like to be a harbour master",
        "inform_interest",
        [],
        [("interest", "harbour master", "harbour master")],
    ),
    ("whats the weather like", "out_of_scope", [], []),
    # a span DIET tagged is resolved, and DIET's entity is replaced
    (
        "i'm doing port operations",
        "inform_course",
        [_diet("i'm doing port operations", "port operations", "course")],
        [("course", "port operations", "lwc-mar-l3")],
    ),
    # an ordinal found by rule replaces DIET's; what no rule knows stays as DIET tagged it
    (
        "tell me about the second one",
        "ask_details",
        [_diet("tell me about the second one", "second", "ordinal")],
        [("ordinal", "second", None)],
    ),
    (
        "what's the middle one like",
        "ask_details",
        [_diet("what's the middle one like", "middle", "ordinal")],
        [("ordinal", "middle", "DIETClassifier")],
    ),
    # a subject word right before "course" names a course, whatever the intent
    ("is there a logistics course i could do", "nlu_fallback", [],
     [("course", "logistics", "lwc-log-fda")]),
    # ... also when DIET took it for an interest
    ("is there a logistics course i could do", "nlu_fallback",
     [_diet("is there a logistics course i could do", "logistics", "interest")],
     [("course", "logistics", "lwc-log-fda")]),
    # "first" is no ordinal outside questions about listed options
    ("it's my first year on the course", "inform_course", [], []),
    # a study mode DIET ran into a course keeps the course ("part time X course")
    (
        "is there a part time logistics course near boston",
        "nlu_fallback",
        [_diet("is there a part time logistics course near boston", "part time logistics",
               "mode")],
        [("mode", "part time", None), ("course", "logistics", "lwc-log-fda"),
         ("town", "boston", "Boston")],
    ),
    # a DIET "institution" that is no name is dropped
    (
        "who can i talk to about applying",
        "ask_contact",
        [_diet("who can i talk to about applying", "applying", "institution")],
        [],
    ),
]


@pytest.mark.parametrize("text, intent, others, expected", CASES)
def test_resolve(
    resolver: MessageResolver,
    text: str,
    intent: Optional[str],
    others: List[Dict[str, Any]],
    expected: List[Tuple[str, str, Any]],
) -> None:
    message = resolver.resolve(_message(text, intent, others))
    assert _brief(message["entities"]) == expected


def test_course_resolution_carries_the_contract_keys(resolver: MessageResolver) -> None:
    text = "hnc digital technologies at witham haven"
    message = resolver.resolve(_message(text, "inform_course"))
    course = next(e for e in message["entities"] if e["entity"] == "course")
    info = course["additional_info"]
    assert {"course_id", "title", "institution", "level", "subject", "score", "source"} <= set(
        info
    )
    assert (info["course_id"], info["level"], info["source"]) == ("whc-dig-hnc", 4, "catalogue")
    assert info["institution"] == "Witham Haven College"
    assert isinstance(info["alternatives"], list)


@pytest.mark.parametrize(
    "text, value, index",
    [("option 3 please", "3", 2), ("the last one", "last", -1), ("more on the 2nd", "2nd", 1)],
)
def test_ordinals_carry_an_index(
    resolver: MessageResolver, text: str, value: str, index: int
) -> None:
    [ordinal] = resolver.resolve(_message(text, "ask_details"))["entities"]
    assert (ordinal["value"], ordinal["additional_info"]) == (value, {"index": index})


def test_a_network_gazetteer_knows_only_its_courses(engine: Engine) -> None:
    import_folder(engine, TEST_DATA / "networks" / "mini")
    import_folder(engine, SECOND_NETWORK)
    with Session(engine, future=True) as session:
        resolver = MessageResolver(Gazetteer.from_session(session, network="mini"))
    message = resolver.resolve(_message("electrical installation at lynn wash", "inform_course"))
    assert [e["entity"] for e in message["entities"]] == []


def test_an_empty_catalogue_still_finds_levels_and_modes() -> None:
    message = MessageResolver(Gazetteer()).resolve(_message("it's a level 3 course, part time"))
    assert _brief(message["entities"]) == [("level", "level 3", None), ("mode", "part time", None)]


def test_a_button_payload_is_kept_as_it_is(resolver: MessageResolver) -> None:
    payload = {"text": '/inform_course{"course_id": "e-eng-l3"}', "intent": {"name": "x"},
               "entities": [{"entity": "course_id", "value": "e-eng-l3"}]}  # fmt: skip
    assert resolver.resolve(payload) == payload


def test_entities_resolved_before_are_resolved_again(resolver: MessageResolver) -> None:
    text = "im doing the ext dip in enginering at east test college"
    stale = {"entity": "course", "value": "x", "start": 0, "end": 2, "extractor": RESOLVER_NAME,
             "additional_info": {"course_id": "gone"}}  # fmt: skip
    message = resolver.resolve(_message(text, "inform_course", [stale]))
    assert "gone" not in str(message["entities"])


@pytest.mark.parametrize(
    "text, mode",
    [("part-time", "part-time"), ("evening classes", "evening"), ("online", "distance"),
     ("day release", "block-release"), ("apprenticeship", "work-based")],
)  # fmt: skip
def test_mode_of(text: str, mode: str) -> None:
    assert mode_of(text) == mode


def test_rule_patterns_compile_on_a_blank_pipeline() -> None:
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    for label, patterns in rule_patterns().items():
        matcher.add(label, patterns)
    doc = nlp("L3, got DMM, want evenings or level two")
    found = [(nlp.vocab.strings[m], doc[s:e].text) for m, s, e in matcher(doc)]
    assert ("level", "L3") in found and ("grade", "DMM") in found
    assert ("mode", "evenings") in found and ("level", "level two") in found


@pytest.mark.parametrize(
    "text, span",
    [
        # "years" is an everyday word, but "early years" names the course together
        ("i have a level 3 early years from nidderdale", "a level 3 early years"),
        # a mode ends the course's words ("part time" is no part of its name)
        ("starting the cache level 3 early years part time at nidderdale next week",
         "cache level 3 early years"),
    ],
)  # fmt: skip
def test_two_words_that_name_a_course_together(demo_engine: Engine, text: str, span: str) -> None:
    with Session(demo_engine, future=True) as session:
        resolver = MessageResolver(Gazetteer.from_session(session, network="vale_and_wolds"))
    found = _brief(resolver.resolve(_message(text, "inform_course"))["entities"])
    assert ("course", span, "ndc-ey-l3") in found


@pytest.mark.parametrize(
    "text, expected",
    [
        # words about studying itself name no course after "apprenticeship"
        ("hows the apprentiship work, who do i ring", []),
        ("tell me about the college work", []),
        # but a course named with such a word still is one
        ("I want to do the hnc in digital technologies",
         [("course", "hnc in digital technologies")]),
    ],
)  # fmt: skip
def test_studying_words_and_numbers(
    demo_engine: Engine, text: str, expected: List[Tuple[str, str]]
) -> None:
    with Session(demo_engine, future=True) as session:
        resolver = MessageResolver(Gazetteer.from_session(session, network="fenland_coast"))
    found = [(kind, value) for kind, value, _ in
             _brief(resolver.resolve(_message(text, "inform_course"))["entities"])
             if kind == "course"]  # fmt: skip
    assert found == expected


@pytest.mark.parametrize(
    "text, named",
    [
        # "IT" in capitals is the subject, even as the only word of the field named
        ("I work in IT", True),
        ("being a member of the general IT staff isn't what I planned", True),
        # "it" is a pronoun
        ("what can i do after it", False),
        ("I want to do it part time", False),
    ],
)
def test_an_acronym_in_capitals_is_a_name_and_the_pronoun_is_not(
    demo_engine: Engine, text: str, named: bool
) -> None:
    with Session(demo_engine, future=True) as session:
        resolver = MessageResolver(Gazetteer.from_session(session, network="vale_and_wolds"))
    values = [value for kind, value, _ in _brief(resolver.resolve(_message(text))["entities"])
              if kind in ("course", "subject", "interest")]  # fmt: skip
    assert (values == ["IT"]) is named, values


def test_a_second_level_joined_by_and_is_a_level_too(demo_engine: Engine) -> None:
    with Session(demo_engine, future=True) as session:
        resolver = MessageResolver(Gazetteer.from_session(session, network="vale_and_wolds"))
    found = _brief(resolver.resolve(_message("i did level 2 and 3 at college"))["entities"])
    assert [(kind, value) for kind, value, _ in found if kind == "level"] == [
        ("level", "level 2"), ("level", "3")]


def test_a_word_of_time_ends_a_course_name(demo_engine: Engine) -> None:
    with Session(demo_engine, future=True) as session:
        resolver = MessageResolver(Gazetteer.from_session(session, network="vale_and_wolds"))
    text = "I had my interview for an access course yesterday at Ryedale"
    found = _brief(resolver.resolve(_message(text))["entities"])
    assert ("course", "access course") in [(kind, value) for kind, value, _ in found], found

