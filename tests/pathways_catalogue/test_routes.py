"""Route search: examples on the mini network, and invariants on random networks."""

from __future__ import annotations

from typing import Dict, List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from pathways_catalogue.contract import AGREEMENT_KINDS, NO_AGREEMENT
from pathways_catalogue.db import make_engine
from pathways_catalogue.importers.folder import read_network
from pathways_catalogue.importers.records import (
    ContactRecord,
    CourseRecord,
    InstitutionRecord,
    NetworkRecord,
    ProgressionRecord,
)
from pathways_catalogue.loader import write_network
from pathways_catalogue.models import Base, Course
from pathways_catalogue.queries import CatalogueError
from pathways_catalogue.routes import Constraints, Start, find_routes
from pathways_catalogue.service import import_record
from tests.conftest import TEST_DATA

MINI = TEST_DATA / "networks" / "mini"


@pytest.fixture
def mini(engine: Engine) -> Engine:
    import_record(engine, read_network(MINI))
    return engine


def ids(route) -> List[str]:  # type: ignore[no-untyped-def]
    return [s.course_id for s in route.steps]


def test_agreements_are_followed_and_ranked_by_interest(mini: Engine) -> None:
    with Session(mini, future=True) as s:
        routes = find_routes(s, Start(course="e-eng-l3"), interests="robots")
    assert [ids(r) for r in routes] == [
        ["m-eng-fd", "w-eng-beng"],
        ["m-eng-hnc", "w-eng-beng"],
    ]
    best = routes[0]
    assert best.steps[0].kind == "guaranteed-place"
    assert best.steps[0].conditions == "Merit overall"
    assert best.contact is not None and best.contact.email == "ann@example.ac.uk"
    assert "robotics" in best.why and "guaranteed place" in best.why
    assert routes[0].score >= routes[1].score


def test_no_agreement_falls_back_to_the_level_ladder(mini: Engine) -> None:
    with Session(mini, future=True) as s:
        routes = find_routes(s, Start(course="e-car-l3"), interests="electric vehicles")
    assert [ids(r) for r in routes] == [["w-car-bsc"]]
    step = routes[0].steps[0]
    assert step.kind == NO_AGREEMENT and not step.formal
    assert "no formal agreement" in routes[0].why
    # the only contact at the university covers every subject
    assert routes[0].contact is not None and routes[0].contact.phone == "01632 960001"


def test_level_and_subject_start_when_course_not_in_network(mini: Engine) -> None:
    with Session(mini, future=True) as s:
        routes = find_routes(s, Start(level=3, subject="enginering"), interests="robotics")
    first_steps = {r.steps[0].course_id for r in routes}
    assert first_steps <= {"m-eng-hnc", "m-eng-fd", "w-eng-beng"}
    assert routes[0].steps[0].course_id == "m-eng-fd"
    assert all(s.level > 3 for r in routes for s in r.steps)


def test_mode_constraint_applies_to_every_step(mini: Engine) -> None:
    with Session(mini, future=True) as s:
        routes = find_routes(
            s, Start(course="e-eng-l3"), constraints=Constraints(modes=frozenset({"part-time"}))
        )
    assert routes, "the HNC is part-time"
    for route in routes:
        assert all("part-time" in step.modes for step in route.steps)
    assert ids(routes[0]) == ["m-eng-hnc", "w-eng-beng"]


def test_a_course_whose_duration_names_evenings_is_found_for_evening_study(
    mini: Engine,
) -> None:
    evenings = Constraints(modes=frozenset({"evening"}))
    with Session(mini, future=True) as s:
        assert not find_routes(s, Start(course="e-eng-l3"), constraints=evenings)
        s.execute(update(Course).where(Course.code == "m-eng-hnc")
                  .values(modes="part-time", duration="2 years, two evenings a week"))  # fmt: skip
        s.commit()
        routes = find_routes(s, Start(course="e-eng-l3"), constraints=evenings)
    assert [ids(r)[0] for r in routes] == ["m-eng-hnc"]
    assert routes[0].steps[0].modes == ("part-time",)  # shown as the catalogue lists them


def test_town_and_distance(mini: Engine) -> None:
    with Session(mini, future=True) as s:
        near_york = find_routes(
            s,
            Start(course="e-eng-l3"),
            constraints=Constraints(town="york", max_distance_km=10),
        )
        assert {s.institution for r in near_york for s in r.steps} == {"Mid Test University Centre"}
        with pytest.raises(CatalogueError, match="unknown town 'Atlantis'"):
            find_routes(s, Start(course="e-eng-l3"), constraints=Constraints(town="Atlantis"))


def test_max_level_and_kinds(mini: Engine) -> None:
    with Session(mini, future=True) as s:
        capped = find_routes(s, Start(course="e-eng-l3"), constraints=Constraints(max_level=5))
        assert all(step.level <= 5 for r in capped for step in r.steps)
        places = find_routes(
            s,
            Start(course="e-eng-l3"),
            constraints=Constraints(kinds=frozenset({"guaranteed-place"})),
        )
    assert [ids(r) for r in places] == [["m-eng-fd", "w-eng-beng"]]


def test_unknown_course_and_empty_start(mini: Engine) -> None:
    with Session(mini, future=True) as s:
        with pytest.raises(CatalogueError, match="no course with id 'nope'"):
            find_routes(s, Start(course="nope"))
        with pytest.raises(CatalogueError, match="give a course id"):
            find_routes(s, Start())


def test_json_shape_is_stable(mini: Engine) -> None:
    with Session(mini, future=True) as s:
        route = find_routes(s, Start(course="e-eng-l3"), interests="robots")[0].to_dict()
    assert set(route) == {"steps", "contact", "score", "why"}
    assert set(route["steps"][0]) >= {
        "course_id",
        "title",
        "institution",
        "level",
        "kind",
        "conditions",
    }
    assert set(route["contact"]) == {"name", "role", "institution", "email", "phone"}


# -- invariants on random networks -------------------------------------------------

SUBJECTS = ["Engineering", "Computing", "Health"]


@st.composite
def networks(draw: st.DrawFn) -> NetworkRecord:
    """Random valid networks: agreements never drop a level and form no cycle."""
    n = draw(st.integers(min_value=2, max_value=14))
    levels = sorted(draw(st.lists(st.integers(2, 7), min_size=n, max_size=n)))
    courses = [
        CourseRecord(
            code=f"c{i}",
            institution=f"i{i % 3}",
            title=f"Course {i}",
            qualification="Q",
            level=levels[i],
            subject=draw(st.sampled_from(SUBJECTS)),
            modes=draw(
                st.lists(st.sampled_from(["full-time", "part-time"]), min_size=1, unique=True)
            ),
            keywords=draw(st.lists(st.sampled_from(["robots", "coding", "care"]), max_size=2)),
        )
        for i in range(n)
    ]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]),
            unique=True,
            max_size=3 * n,
        )
    )
    kinds = sorted(AGREEMENT_KINDS)
    progressions = [
        ProgressionRecord(f"c{a}", f"c{b}", draw(st.sampled_from(kinds)), "cond") for a, b in pairs
    ]
    institutions = [
        InstitutionRecord(f"i{k}", f"Inst {k}", "college", town="York",
                          latitude=53.96 + k / 100, longitude=-1.08)
        for k in range(3)
    ]  # fmt: skip
    contacts = [ContactRecord("k0", "i0", "Pat", email="pat@example.ac.uk")]
    return NetworkRecord("rand", "Random", institutions=institutions, courses=courses,
                         progressions=progressions, contacts=contacts)  # fmt: skip


def memory_engine() -> Engine:
    engine = make_engine("sqlite://", poolclass=StaticPool,
                         connect_args={"check_same_thread": False})  # fmt: skip
    Base.metadata.create_all(engine)
    return engine


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    record=networks(),
    data=st.data(),
)
def test_route_invariants(record: NetworkRecord, data: st.DataObject) -> None:
    engine = memory_engine()
    with Session(engine, future=True) as s, s.begin():
        write_network(s, record)
    levels = {c.code: c.level for c in record.courses}
    subjects = {c.code: c.subject for c in record.courses}
    agreements: Dict[Tuple[str, str], str] = {
        (p.from_course, p.to_course): p.kind for p in record.progressions
    }
    origin = data.draw(st.sampled_from([c.code for c in record.courses]))
    modes = data.draw(st.sets(st.sampled_from(["full-time", "part-time"]), max_size=1))
    interests = data.draw(st.sampled_from(["", "robots", "coding and care"]))
    with Session(engine, future=True) as s:
        routes = find_routes(
            s, Start(course=origin), interests=interests,
            constraints=Constraints(modes=frozenset(modes)), limit=50,
        )  # fmt: skip
    scores = [r.score for r in routes]
    assert scores == sorted(scores, reverse=True)
    for route in routes:
        path = [origin] + [s.course_id for s in route.steps]
        assert 1 <= len(route.steps) <= 3
        assert len(set(path)) == len(path), f"cycle in {path}"
        for before, step in zip(path, route.steps, strict=False):
            assert step.level >= levels[before], f"level drop in {path}"
            assert step.level >= levels[origin]
            if step.kind == NO_AGREEMENT:
                assert (before, step.course_id) not in agreements or modes
                assert subjects[step.course_id] == subjects[before]
                assert step.level > levels[before]
            else:
                assert agreements[(before, step.course_id)] == step.kind
            if modes:
                assert modes & set(step.modes)
    engine.dispose()
