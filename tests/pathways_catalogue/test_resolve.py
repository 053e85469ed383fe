"""Catalogue-grounded recognition (pathways_catalogue.resolve), without spaCy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Optional

import pytest
from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.models import Qualification
from pathways_catalogue.resolve import Gazetteer
from pathways_catalogue.service import import_folder
from tests.conftest import SECOND_NETWORK, TEST_DATA

MINI = TEST_DATA / "networks" / "mini"
#: a few Ofqual-style titles the networks under test do not teach
OFQUAL_ROWS = [
    ("NCFE Level 2 Diploma in Floristry", 2, "Diploma", "Floristry", "NCFE"),
    ("City & Guilds Level 3 NVQ Diploma in Plastering", 3, "NVQ", "Plastering", "City & Guilds"),
    ("Pearson BTEC Level 3 National Extended Diploma in Music", 3, "BTEC", "Music", "Pearson"),
]


@pytest.fixture
def gazetteer(engine: Engine) -> Iterator[Gazetteer]:
    """The mini and second test networks (never in the NLU training data), and Ofqual rows."""
    import_folder(engine, MINI)
    import_folder(engine, SECOND_NETWORK)
    with Session(engine, future=True) as session, session.begin():
        session.execute(
            insert(Qualification),
            [
                dict(title=t, level=lv, qualification_type=k, subject=s, awarding_body=b)
                for t, lv, k, s, b in OFQUAL_ROWS
            ],
        )
    with Session(engine, future=True) as session:
        yield Gazetteer.from_session(session)


@pytest.mark.parametrize(
    "text, level",
    [
        ("L3", 3),
        ("level three", 3),
        ("lvl 2", 2),
        ("Level-4", 4),
        ("ext dip in engineering", 3),
        ("extended diploma", 3),
        ("HNC electrical", 4),
        ("hnd", 5),
        ("foundation degree", 5),
        ("fdsc", 5),
        ("bsc hons", 6),
        ("a degree", 6),
        ("T Level", 3),
        ("t-level digital", 3),
        ("access to HE nursing", 3),
        ("GCSEs", 2),
        ("nvq2 welding", 2),
        ("btec first", 2),
        ("level 2 hnd", 2),
        ("just some words", None),
    ],
)
def test_parse_level(text: str, level: Optional[int]) -> None:
    # levels need no catalogue: an empty gazetteer reads them
    assert Gazetteer().parse_level(text) == level


@pytest.mark.parametrize(
    "text, course_id",
    [
        # the second network: names, abbreviations, typos, lower case
        ("electrical instalation level 3", "lwc-elec-l3"),
        ("Sparky apprenticeship", "csc-elec-app-l3"),
        ("hnc building services eng", "lwc-elec-hnc"),
        ("ocr ext dip IT", "whc-dig-l3"),
        ("level 3 port ops", "lwc-mar-l3"),
        ("fd logistics and supply chain", "lwc-log-fda"),
        ("lorry driver apprentiship", "csc-log-app-lgv"),
        ("bsc nursing at lindum", "lu-care-nursing"),
        # the mini network
        ("ext dip in enginering", "e-eng-l3"),
        ("moter vehical level 3", "e-car-l3"),
        ("hnc engineering at mid test university centre", "m-eng-hnc"),
        ("foundation degree robotics", "m-eng-fd"),
        ("beng top up engineering", "w-eng-beng"),
    ],
)
def test_resolve_course_finds_the_course(gazetteer: Gazetteer, text: str, course_id: str) -> None:
    candidates = gazetteer.resolve_course(text)
    assert candidates[0].course_id == course_id
    assert candidates[0].source == "catalogue"
    assert 0 < candidates[0].score <= 1


@pytest.mark.parametrize("text", ["beng top up", "the foundation degree", "fdeng"])
def test_a_kind_of_qualification_alone_names_no_course(gazetteer: Gazetteer, text: str) -> None:
    """Only the learner's routes can tell which one they mean ("who do I ask about the FdEng?")."""
    candidates = gazetteer.resolve_course(text)
    assert candidates and candidates[0].course_id is None
    assert candidates[0].source == "gazetteer" and candidates[0].level is not None


def test_resolve_course_prefers_the_named_institution(gazetteer: Gazetteer) -> None:
    anywhere = gazetteer.resolve_course("hnc engineering")
    at_uni = gazetteer.resolve_course("mechanical engineering", institution="westshire")
    assert anywhere[0].course_id == "m-eng-hnc"
    assert at_uni[0].course_id == "w-eng-beng"
    assert at_uni[0].institution_id == "uniw"


def test_resolve_course_outside_the_network_uses_the_ofqual_gazetteer(
    gazetteer: Gazetteer,
) -> None:
    best = gazetteer.resolve_course("level 2 floristy")[0]
    assert best.source == "gazetteer"
    assert best.course_id is None
    assert best.level == 2
    assert best.subject == "Floristry"


def test_resolve_course_falls_back_to_level_and_subject(gazetteer: Gazetteer) -> None:
    # Access to HE diplomas are not Ofqual titles, and this network has none
    best = gazetteer.resolve_course("access to he logistics")[0]
    assert (best.source, best.level, best.subject) == ("gazetteer", 3, "Logistics")


def test_resolve_course_knows_nothing_of_chat(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve_course("hello, how are you?") == []


@pytest.mark.parametrize(
    "text, institution_id",
    [
        ("Lynn Wash College", "lynn-wash"),
        ("lynn wash", "lynn-wash"),
        ("witham havn", "witham-haven"),
        ("i'm at lindum uni", "lindum-university"),
        ("East Test College", "eastcol"),
    ],
)
def test_resolve_institution(gazetteer: Gazetteer, text: str, institution_id: str) -> None:
    found = gazetteer.resolve_institution(text)
    assert found is not None and found.institution_id == institution_id


def test_resolve_institution_whole_needs_only_the_name(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve_institution("at lynn wash", whole=True) is None
    assert gazetteer.resolve_institution("lynn wash", whole=True) is not None


@pytest.mark.parametrize(
    "text, town",
    [("kings lynn", "King's Lynn"), ("Skegnes", "Skegness"), ("near boston", "Boston")],
)
def test_resolve_town(gazetteer: Gazetteer, text: str, town: str) -> None:
    found = gazetteer.resolve_town(text)
    assert found is not None and found.name == town


@pytest.mark.parametrize(
    "text, subject",
    [
        ("logistics", "Logistics"),
        ("farming", "Agriculture"),
        ("sparky", "Electrical Installation"),
        ("enginering", "Engineering"),
        ("cars", "Automotive"),
    ],
)
def test_resolve_subject(gazetteer: Gazetteer, text: str, subject: str) -> None:
    found = gazetteer.resolve_subject(text)
    assert found is not None and found.name == subject


def test_match_interests(gazetteer: Gazetteer) -> None:
    found = dict(gazetteer.match_interests("i like tractors and want to be a harbour master"))
    assert {"tractors", "harbour master"} <= set(found)
    robots = gazetteer.resolve_interest("robots")
    assert robots is not None and robots.name == "robotics"


def test_round_trip_through_json(gazetteer: Gazetteer) -> None:
    copy = Gazetteer.from_dict(json.loads(json.dumps(gazetteer.to_dict())))
    for text in ("ext dip in enginering", "level 2 floristry", "sparky apprenticeship"):
        assert copy.resolve_course(text) == gazetteer.resolve_course(text)
    assert copy.phrases() == gazetteer.phrases()


def test_from_dict_refuses_another_format() -> None:
    with pytest.raises(ValueError):
        Gazetteer.from_dict({"version": 999})


def test_network_filter(engine: Engine) -> None:
    import_folder(engine, MINI)
    import_folder(engine, SECOND_NETWORK)
    with Session(engine, future=True) as session:
        mini = Gazetteer.from_session(session, network="mini", include_qualifications=False)
    assert {c["network"] for c in mini.courses} == {"mini"}
    assert mini.resolve_institution("lynn wash") is None


def test_an_empty_gazetteer_still_answers() -> None:
    empty = Gazetteer()
    assert empty.resolve_course("btec engineering") == []
    assert empty.resolve_institution("northgate") is None
    assert empty.parse_level("ext dip") == 3


def test_importing_resolve_does_not_import_spacy() -> None:
    code = "import sys, pathways_catalogue.resolve; sys.exit('spacy' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


@pytest.mark.parametrize(
    "word, field",
    [("Electrotechnical", True), ("childcare", True), ("Technology", False), ("Level", False)],
)
def test_a_word_names_a_field_when_a_group_of_subject_names_has_it(word: str, field: bool) -> None:
    assert Gazetteer().names_field(word) is field


def test_an_apprenticeship_is_never_an_ofqual_title() -> None:
    # the register holds no apprenticeships: "a top apprenticeship" is no "Award in
    # Fashion - Shirts and Tops", though "the tops award" is
    title = "Level 1 Award In Fashion - Shirts and Tops"
    gazetteer = Gazetteer(qualifications=[[title, 1, "Award", "Manufacturing Technologies"]])
    assert title not in [c.title for c in gazetteer.resolve_course("top apprenticeship")]
    assert title in [c.title for c in gazetteer.resolve_course("shirts and tops award")]
