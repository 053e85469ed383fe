"""Starting points for a learner with no course yet, on the demo network."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pathways_catalogue.routes import Constraints
from pathways_catalogue.starts import starting_points


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
