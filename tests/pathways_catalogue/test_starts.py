"""Starting points for a learner with no course yet, on the demo network."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pathways_catalogue.payloads import Step
from pathways_catalogue.routes import Constraints
from pathways_catalogue.starts import courses_of_kind, starting_points


def titles(routes: list) -> list:
    return [route.steps[0].title for route in routes]


def test_courses_matching_the_interest_entry_levels_first(demo_session: Session) -> None:
    routes = starting_points(demo_session, ["chef"], network="vale_and_wolds")
    assert routes, "the demo network has cookery courses"
    levels = [route.steps[0].level for route in routes]
    assert levels == sorted(levels)
    assert all("chef" in t.lower() or "cookery" in t.lower() for t in titles(routes))
    # each start carries its onward route, which climbs
    first = routes[0].steps
    assert len(first) > 1 and first[1].level >= first[0].level


def test_one_interest_that_matches_nothing_does_not_dilute_another(demo_session: Session) -> None:
    alone = starting_points(demo_session, ["animal care"], network="vale_and_wolds")
    mixed = starting_points(demo_session, ["zzyzx", "animal care"], network="vale_and_wolds")
    assert titles(alone) and titles(mixed) == titles(alone)


def test_the_learners_filters_and_level_apply(demo_session: Session) -> None:
    only = Constraints(modes=frozenset({"part-time"}))
    part_time = starting_points(demo_session, ["nursing"], only, "vale_and_wolds")
    assert part_time and all("part-time" in r.steps[0].modes for r in part_time)
    higher = starting_points(demo_session, ["nursing"], network="vale_and_wolds", min_level=4)
    assert higher and all(r.steps[0].level >= 4 for r in higher)


def test_words_that_name_no_course_give_nothing(demo_session: Session) -> None:
    assert starting_points(demo_session, ["zzyzx quux"], network="vale_and_wolds") == []
    assert starting_points(demo_session, [], network="vale_and_wolds") == []


def is_hnc(step: Step) -> bool:
    return step.qualification == "HNC"


def test_the_course_of_a_kind_nearest_the_words(demo_session: Session) -> None:
    routes = courses_of_kind(demo_session, ["i work in computing"], is_hnc,
                             network="vale_and_wolds")  # fmt: skip
    assert titles(routes) == ["HNC in Computing"]
    surveying = courses_of_kind(demo_session, ["building", "quantity surveying"], is_hnc,
                                network="vale_and_wolds", min_level=4)  # fmt: skip
    assert titles(surveying) == ["HNC in Quantity Surveying"]
    # the learner's filters apply; the course carries its onward route
    evenings = Constraints(modes=frozenset({"evening"}))
    found = courses_of_kind(demo_session, ["surveying", "construction"], is_hnc, evenings,
                            "vale_and_wolds")  # fmt: skip
    assert titles(found) == ["HNC in Quantity Surveying"]
    assert "evening" in found[0].steps[0].modes


def test_no_course_of_the_kind_shares_a_word(demo_session: Session) -> None:
    assert courses_of_kind(demo_session, ["zzyzx"], is_hnc, network="vale_and_wolds") == []
    assert courses_of_kind(demo_session, [], is_hnc, network="vale_and_wolds") == []
