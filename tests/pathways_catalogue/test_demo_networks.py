"""The shipped demo network and the second test network import and answer routes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pathways_catalogue.contract import NO_AGREEMENT
from pathways_catalogue.importers.folder import read_network
from pathways_catalogue.queries import stats
from pathways_catalogue.routes import Constraints, Start, find_routes
from pathways_catalogue.settings import DEMO_NETWORK
from tests.conftest import SECOND_NETWORK


def test_demo_network_meets_the_brief() -> None:
    record = read_network(DEMO_NETWORK)
    assert "fictional" in record.description.lower()
    assert len(record.institutions) >= 6
    assert len(record.courses) >= 120
    assert {c.level for c in record.courses} >= {2, 3, 4, 5, 6}
    assert len({c.subject for c in record.courses}) >= 10
    assert len(record.progressions) >= 80
    assert len(record.contacts) >= 15
    levels = {c.code: c.level for c in record.courses}
    targets = {p.to_course for p in record.progressions}
    two_hop = [p for p in record.progressions if p.from_course in targets]
    assert two_hop, "the demo must have chains of agreements"
    assert all(levels[p.to_course] >= levels[p.from_course] for p in record.progressions)


def test_both_networks_load_side_by_side(demo_session: Session) -> None:
    slugs = {n["slug"] for n in stats(demo_session)["networks"]}  # type: ignore[index]
    assert slugs == {"vale_and_wolds", "fenland_coast"}


def test_demo_engineering_routes_are_two_hop_chains(demo_session: Session) -> None:
    routes = find_routes(
        demo_session, Start(course="ngc-eng-l3-ed"), interests="robotics", network="vale_and_wolds"
    )
    assert routes
    assert any(len(r.steps) >= 2 and all(s.formal for s in r.steps) for r in routes)
    assert all(r.contact is not None for r in routes)
    assert "robotics" in routes[0].why.lower() or "mechatronics" in routes[0].why.lower()


def test_hair_and_beauty_has_only_informal_routes(demo_session: Session) -> None:
    routes = find_routes(demo_session, Start(course="ndc-hb-l3-hair"), network="vale_and_wolds")
    assert routes
    assert all(step.kind == NO_AGREEMENT for r in routes for step in r.steps)


def test_second_network_answers_routes(demo_session: Session) -> None:
    record = read_network(SECOND_NETWORK)
    origin = next(p.from_course for p in record.progressions)
    routes = find_routes(demo_session, Start(course=origin), network="fenland_coast")
    assert routes and routes[0].steps[0].formal
    part_time = find_routes(
        demo_session,
        Start(course=origin),
        constraints=Constraints(modes=frozenset({"part-time"})),
        network="fenland_coast",
    )
    assert all("part-time" in s.modes for r in part_time for s in r.steps)
