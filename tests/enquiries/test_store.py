from __future__ import annotations

import json
from itertools import cycle
from typing import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries.models import HANDOVER, ROUTE_INTEREST, Enquiry
from enquiries.store import (
    REFERENCE_ALPHABET,
    create_enquiry,
    new_reference,
    unused_reference,
)
from tests.conftest import is_reference


def test_references_are_short_and_unambiguous() -> None:
    for _ in range(200):
        reference = new_reference()
        assert is_reference(reference)
        assert len(reference) == 9
    assert not set("01OIL") & set(REFERENCE_ALPHABET)
    assert not is_reference("PW-O0O0O0")


def fixed(letters: str) -> Iterator[str]:
    return cycle(letters)


def test_a_taken_reference_is_not_reused(engine: Engine) -> None:
    with Session(engine, future=True) as s:
        create_enquiry(s, reference="PW-AAAAAA", learner_name="A")
        s.commit()
        letters = iter("A" * 6 + "B" * 6)
        assert unused_reference(s, choice=lambda _alphabet: next(letters)) == "PW-BBBBBB"


def test_create_enquiry_stores_json_and_leaves_the_commit_to_the_caller(engine: Engine) -> None:
    with Session(engine, future=True) as s:
        enquiry = create_enquiry(
            s,
            learner_name="Sam",
            email="sam@example.com",
            consent=True,
            profile={"course_id": "x"},
            routes=[{"steps": []}],
            transcript=[{"who": "learner", "text": "hi"}],
        )
        assert is_reference(enquiry.reference)
        s.rollback()  # not committed: gone
    with Session(engine, future=True) as s:
        assert s.execute(select(Enquiry)).first() is None
        enquiry = create_enquiry(s, learner_name="Sam", profile={"course_id": "x"})
        s.commit()
        stored = s.execute(select(Enquiry)).scalar_one()
        assert json.loads(stored.profile) == {"course_id": "x"}
        assert stored.status == "new"


def test_unknown_fields_are_refused(engine: Engine) -> None:
    with Session(engine, future=True) as s, pytest.raises(TypeError):
        create_enquiry(s, learner_name="Sam", shoe_size=9)


def test_an_enquiry_is_a_hand_over_unless_marked_as_a_route_interest(engine: Engine) -> None:
    route = {"position": 2, "steps": [{"title": "FdSc Robotics", "institution_id": "wolds"}]}
    with Session(engine, future=True) as s:
        plain = create_enquiry(s, learner_name="Sam")
        interest = create_enquiry(s, learner_name="Ali", kind=ROUTE_INTEREST,
                                  interest_route=route, institution_id="wolds")  # fmt: skip
        s.commit()
        s.expire_all()
        assert (plain.kind, plain.interest_route) == (HANDOVER, None)
        assert interest.kind == ROUTE_INTEREST
        assert json.loads(interest.interest_route) == route
