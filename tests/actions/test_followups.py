"""Picking a shown route from the learner's words (actions/followups.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from actions.followups import route_by_mode, route_named


def route(title: str, modes: List[str], duration: str = "") -> Dict[str, Any]:
    step = {"title": title, "institution": "A College", "town": "Town", "qualification": "",
            "modes": modes, "duration": duration}  # fmt: skip
    return {"steps": [step], "contact": None, "score": 1.0, "why": ""}


SHOWN = [
    route("Access to HE Diploma (Nursing)", ["full-time", "part-time"]),
    route("Access to HE Diploma (Health)", ["part-time", "evening", "distance"]),
    route("Access to HE Diploma (Science)", ["full-time"]),
]


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("where is the evening one", 1),
        ("how long is the online course", 1),
        ("tell me about the full time one", None),  # two are full-time: not one
        ("what about the science one", None),  # not a mode (named_route's job)
        ("where is it", None),
    ],
)
def test_route_by_mode_picks_the_one_route_studied_that_way(
    text: str, index: Optional[int]
) -> None:
    assert route_by_mode(SHOWN, text) == index  # type: ignore[arg-type]


def test_the_uni_is_the_one_route_that_starts_at_a_university() -> None:
    def route(institution: str) -> Dict[str, Any]:
        return {"steps": [{"institution": institution, "title": "X", "modes": []}]}

    routes = [route("Hamwic University Centre"), route("Wykeham University"), route("Kingsmere")]
    assert route_named(routes, "and if i went to the uni instead") == 1
    assert route_named(routes, "what about university") is None  # (no "the")
    assert route_named(routes * 2, "and if i went to the uni instead") is None


def test_a_course_named_for_sure_is_not_another_sharing_a_word() -> None:
    from actions.courses import Candidate
    from actions.followups import find_named
    from actions.reading import CourseMention

    def step(course_id: str, title: str) -> Dict[str, Any]:
        return {"course_id": course_id, "title": title, "qualification": "", "level": 3,
                "institution": "A College", "town": "Town", "modes": []}  # fmt: skip

    routes = [{"steps": [step("tet-cdp", "Chef de Partie - Level 3 Apprenticeship")]}]
    commis = Candidate("ok-chef-2", "Highfield Level 2 Diploma for Commis Chefs", "Okement",
                       2, "Hospitality", 1.0)  # fmt: skip
    assert find_named(routes, CourseMention("commis chef", 0, "", commis), exact=True) is None
    # the same course at another college is still the one on the route
    there = Candidate("x-cdp", "Chef de Partie - Level 3 Apprenticeship", "B", 3, "H", 1.0)
    assert find_named(routes, CourseMention("chef de partie", 0, "", there), exact=True) == (0, 0)
