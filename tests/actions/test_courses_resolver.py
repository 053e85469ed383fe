"""The course resolver is built once per catalogue version, before learners need it."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, List

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions import courses
from actions.server import warm_up
from pathways_catalogue.resolve import Gazetteer
from tests.conftest import DEMO_SLUG


def test_learners_arriving_together_wait_for_one_build(
    actions_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: List[int] = []
    real = Gazetteer.from_session

    def counting(session: Session, **kwargs: Any) -> Gazetteer:
        built.append(1)
        return real(session, **kwargs)

    monkeypatch.setattr(courses, "_RESOLVERS", type(courses._RESOLVERS)())
    monkeypatch.setattr(Gazetteer, "from_session", staticmethod(counting))
    found: List[Gazetteer] = []

    def learner() -> None:
        with Session(actions_db, future=True) as session:
            found.append(courses.resolver(session, DEMO_SLUG))

    threads = [threading.Thread(target=learner) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and len(found) == 6
    assert all(resolver is found[0] for resolver in found)


def test_the_action_server_builds_it_before_taking_calls(
    actions_db: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(courses, "_RESOLVERS", type(courses._RESOLVERS)())
    warm_up({"PATHWAYS_CACHE_DIR": str(tmp_path)})
    assert len(courses._RESOLVERS) == 1
    # its Ofqual index too, stored for the next start
    assert len(list(tmp_path.glob("ofqual-index-*.json"))) == 1
    with Session(actions_db, future=True) as session:
        ready = next(iter(courses._RESOLVERS.values()))
        assert ready.gazetteer._index.has_ofqual
        assert courses.message_resolver(session, DEMO_SLUG) is ready
        match = courses.match_text(session, "hnc engineering", network=DEMO_SLUG)
        assert match.outcome is not courses.Outcome.UNKNOWN


@pytest.mark.parametrize(
    "words, subject, expected",
    [
        # the one engineering course at Ouse Valley at level 3 the words name
        ("I can do most electrical jobs", "Engineering", "ovc-eng-l3-ee"),
        ("mechanical fitting and machining", "Engineering", "ovc-eng-l3-mech"),
        # words every title shares, or none, name no course
        ("a level 3 extended diploma", "Engineering", None),
        ("I love my job", None, None),
        # another field's words do not reach into this one
        ("electrical", "Business", None),
    ],
)
def test_the_course_at_a_college_the_words_name(
    actions_db: Engine, words: str, subject: str, expected: str
) -> None:
    with Session(actions_db, future=True) as session:
        found = courses.closest_at_college(session, DEMO_SLUG, "Ouse Valley College", 3, words,
                                           subject)  # fmt: skip
    assert (found.course_id if found else None) == expected


def test_a_qualification_at_another_level_than_the_one_said_is_not_taken() -> None:
    # "the ual one at Kingsmere, and I am already on Level 3": no Level 1 Award
    award = courses.Candidate(None, "Level 1 Award in Creative and Digital Media", None, 1,
                              "Creative Media", 0.9, "gazetteer")  # fmt: skip
    ual = courses.Candidate("kgc-cdm-l3", "UAL Level 3 Extended Diploma in Creative Media",
                            "Kingsmere College", 3, "Creative Media", 0.7)  # fmt: skip
    found = courses.decide([award, ual], 3, "Kingsmere College")
    assert found.outcome is not courses.Outcome.QUALIFICATION
    assert courses.decide([award, ual], None, None).outcome is courses.Outcome.QUALIFICATION
