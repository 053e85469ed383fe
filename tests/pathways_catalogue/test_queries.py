"""Catalogue queries on the mini network."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.importers.folder import read_network
from pathways_catalogue.queries import (
    CatalogueError,
    get_course,
    haversine_km,
    institution_names,
    pick_contact,
    resolve_subject,
    search_courses,
    stats,
    subjects,
    town_location,
)
from pathways_catalogue.service import bootstrap, gazetteer_size, import_record, network_count
from tests.conftest import TEST_DATA


@pytest.fixture
def session(engine: Engine):  # type: ignore[no-untyped-def]
    import_record(engine, read_network(TEST_DATA / "networks" / "mini"))
    with Session(engine, future=True) as s:
        yield s


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ext dip engineering", "e-eng-l3"),
        ("hnc enginering", "m-eng-hnc"),
        ("car mechanics", "e-car-l3"),
        ("Automotive Engineering", "w-car-bsc"),
    ],
)
def test_search_courses_by_title_alias_and_typo(session: Session, text: str, expected: str) -> None:
    hits = search_courses(session, text)
    assert hits[0].course.code == expected


def test_get_course_and_network_scoping(session: Session) -> None:
    course = get_course(session, "m-eng-fd", network="mini")
    assert course.title == "FdEng Mechatronics and Robotics"
    assert course.institution.name == "Mid Test University Centre"
    assert course.modes == "full-time"
    with pytest.raises(CatalogueError, match="no network 'other'"):
        get_course(session, "m-eng-fd", network="other")


def test_subjects_and_resolution(session: Session) -> None:
    assert subjects(session) == ["Automotive", "Engineering"]
    assert resolve_subject(session, "engineering") == "engineering"
    assert resolve_subject(session, "automotive engineering") in {"automotive", "engineering"}
    assert resolve_subject(session, "hairdressing") is None


def test_town_location_and_distance(session: Session) -> None:
    name, point = town_location(session, "selbY")
    assert name == "Selby"
    _york, york = town_location(session, "York")
    assert 15 < haversine_km(point, york) < 30  # Selby is about 20 km from York


def test_pick_contact_prefers_subject_specialists(session: Session) -> None:
    course = get_course(session, "m-eng-fd")
    contacts = course.institution.contacts
    assert pick_contact(contacts, "Engineering").name == "Ann Example"  # type: ignore[union-attr]
    assert pick_contact(contacts, "Automotive") is None


def test_stats(session: Session) -> None:
    data = stats(session)
    assert data["networks"] == [
        {"slug": "mini", "name": "Mini Test Network (fictional)", "institutions": 3,
         "courses": 6, "progressions": 4, "contacts": 2}
    ]  # fmt: skip


def test_bootstrap_imports_only_into_an_empty_database(engine: Engine) -> None:
    assert network_count(engine) == 0
    titles = [TEST_DATA / "ofqual" / "all_qualification_titles.json"]
    assert bootstrap(engine, TEST_DATA / "networks" / "mini", titles) == "mini"
    size = gazetteer_size(engine)
    assert size > 0
    assert bootstrap(engine, TEST_DATA / "networks" / "mini", titles) is None
    assert network_count(engine) == 1
    assert gazetteer_size(engine) == size


def test_institution_contact_general_or_for_the_subject(demo_session: Session) -> None:
    from pathways_catalogue.queries import institution_contact

    found = institution_contact(demo_session, "northgate college", "vale_and_wolds")
    assert found is not None and found[1].email == "admissions@northgate.example.ac.uk"
    found = institution_contact(demo_session, "Northgate College", "vale_and_wolds", "Engineering")
    assert found is not None and found[1].name == "Tom Hargreaves"
    assert institution_contact(demo_session, "Nowhere College", "vale_and_wolds") is None


def test_institution_names_by_catalogue_id(session: Session) -> None:
    names = institution_names(session)
    assert names["eastcol"] == "East Test College"
    assert names["uniw"] == "University of Westshire (test)"
    assert institution_names(session, ["midcen", "nowhere", ""]) == {
        "midcen": "Mid Test University Centre"
    }
    assert institution_names(session, []) == {}
