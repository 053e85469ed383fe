"""Finding enquiries by contact or age, and deleting them with what refers to them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries.models import Adviser, AuditEntry, Enquiry, EnquiryNote
from enquiries.retention import delete_enquiries, inactive_before, matching
from enquiries.store import create_enquiry

OLD = dt.datetime(2025, 1, 1)


def _add(s: Session, **fields: object) -> int:
    fields.setdefault("learner_name", "Sam")
    return int(create_enquiry(s, **fields).id)


def test_matching_by_email_any_case_and_phone_any_spacing(engine: Engine) -> None:
    with Session(engine, future=True) as s:
        a = _add(s, email="Sam.Patel@Example.com", sender_id="s1")
        b = _add(s, phone="07700 900123", sender_id="s2")
        _add(s, email="someone@example.com", phone="07700 900999", sender_id="s3")
        assert [e.id for e in matching(s, email="sam.patel@example.com")] == [a]
        for spelling in ("+44 7700 900123", "07700900123", "447700900123", "07700-900-123"):
            assert [e.id for e in matching(s, phone=spelling)] == [b]
        assert [e.id for e in matching(s, sender_ids=["s1", "s2"])] == [a, b]
        assert matching(s) == []


def test_enquiries_idle_since_the_cutoff_are_old_open_or_closed(engine: Engine) -> None:
    cutoff = dt.datetime(2025, 7, 1)
    with Session(engine, future=True) as s:
        old_closed = _add(s, status="closed", created_at=OLD)
        old_open = _add(s, status="new", created_at=OLD)  # never closed: still goes
        _add(s, status="closed")  # recent: kept
        noted = _add(s, status="new", created_at=OLD)
        adviser = Adviser(email="a@x.example", name="A", institution_id="x", password_hash="-")
        s.add(adviser)
        s.flush()
        s.add(EnquiryNote(enquiry_id=noted, adviser_id=adviser.id, body="rang",
                          created_at=dt.datetime(2025, 8, 1)))  # fmt: skip
        audited = _add(s, status="closed", created_at=OLD)
        s.add(AuditEntry(enquiry_id=audited, action="status", at=dt.datetime(2025, 8, 1)))
        s.flush()
        assert [e.id for e in inactive_before(s, cutoff)] == [old_closed, old_open]
        too_old = [e.id for e in inactive_before(s, cutoff, created_before=dt.datetime(2025, 2, 1))]
        assert too_old == [old_closed, old_open, noted, audited]


def test_deleting_an_enquiry_deletes_the_rows_that_refer_to_it(engine: Engine) -> None:
    with engine.begin() as connection:  # tables a later migration may add
        connection.execute(text(
            "CREATE TABLE enquiry_extra (id INTEGER PRIMARY KEY, "
            "enquiry_id INTEGER NOT NULL REFERENCES enquiry(id), body TEXT)"
        ))  # fmt: skip
        connection.execute(text(
            "CREATE TABLE extra_log (id INTEGER PRIMARY KEY, "
            "extra_id INTEGER NOT NULL REFERENCES enquiry_extra(id), what TEXT)"
        ))  # fmt: skip
    with Session(engine, future=True) as s:
        gone, kept = _add(s), _add(s)
        s.execute(text(
            "INSERT INTO enquiry_extra (id, enquiry_id, body) VALUES "
            f"(1, {gone}, 'rang back'), (2, {gone}, 'sent info'), (3, {kept}, 'x')"
        ))  # fmt: skip
        s.execute(text("INSERT INTO extra_log (extra_id, what) VALUES (1, 'seen'), (3, 'seen')"))
        s.commit()
        assert delete_enquiries(s, [gone]) == {"enquiry": 1, "enquiry_extra": 2, "extra_log": 1}
        s.commit()
        assert list(s.execute(select(Enquiry.id)).scalars()) == [kept]
        assert s.execute(text("SELECT count(*) FROM enquiry_extra")).scalar() == 1
        assert s.execute(text("SELECT count(*) FROM extra_log")).scalar() == 1
