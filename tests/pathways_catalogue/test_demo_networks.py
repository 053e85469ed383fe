"""The shipped demo network and the second test network: valid, fictional, distinct.

Their CSV files are the source (no generator): they are validated exactly like any
network, and checked for the promises their READMEs make.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pathways_catalogue.cli import main
from pathways_catalogue.contract import NO_AGREEMENT
from pathways_catalogue.importers.folder import read_network
from pathways_catalogue.importers.records import NetworkRecord
from pathways_catalogue.queries import stats
from pathways_catalogue.routes import Constraints, Start, find_routes
from pathways_catalogue.settings import DEMO_NETWORK
from tests.conftest import SECOND_NETWORK

SHIPPED = pytest.mark.parametrize(
    "folder", [DEMO_NETWORK, SECOND_NETWORK], ids=["vale_and_wolds", "fenland_coast"]
)
#: example.ac.uk / example.org hosts and Ofcom's drama ranges reach nobody
FICTIONAL_HOST = re.compile(r"(?:[a-z0-9-]+\.)*example\.(?:ac\.uk|org)")
FICTIONAL_PHONE = re.compile(r"01632 960\d{3}|07700 900\d{3}")


@SHIPPED
def test_validates_like_any_network(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(folder)])
    captured = capsys.readouterr()
    assert code == 0, captured.err  # the problems, each with its file, line and column
    assert "OK:" in captured.out and not captured.err


@SHIPPED
def test_nothing_reaches_a_real_person_or_site(folder: Path) -> None:
    text = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(folder.iterdir())
        if path.suffix in (".csv", ".yml")
    )
    emails = re.findall(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", text)
    urls = re.findall(r"(?:https?://|www\.)[^\s,\"]+", text)
    phones = re.findall(r"(?<!\d)(?:\+44 ?|0)\d{2,4} ?\d{3,4} ?\d{3,4}(?!\d)", text)
    hosts = {e.split("@")[1] for e in emails}
    hosts |= {re.sub(r"^https?://", "", u).split("/")[0] for u in urls}
    assert emails and urls and phones
    assert [h for h in hosts if not FICTIONAL_HOST.fullmatch(h)] == []
    assert [p for p in phones if not FICTIONAL_PHONE.fullmatch(p)] == []


def test_the_test_network_shares_no_names_with_the_demo() -> None:
    demo, test = read_network(DEMO_NETWORK), read_network(SECOND_NETWORK)

    def names(record: NetworkRecord) -> set[str]:
        return {" ".join(n.lower().split()) for c in record.courses for n in [c.title, *c.aliases]}

    assert not names(demo) & names(test)
    assert not {c.code for c in demo.courses} & {c.code for c in test.courses}
    for attribute in ("name", "town"):
        assert not {getattr(i, attribute) for i in demo.institutions} & {
            getattr(i, attribute) for i in test.institutions
        }
    assert not {c.subject for c in demo.courses} & {c.subject for c in test.courses}


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
