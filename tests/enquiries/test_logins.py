"""Console sessions and account events: stored, found while live, ended, audited."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries import logins
from enquiries.advisers import add_adviser, disable_adviser
from enquiries.models import AuditEntry, ConsoleSession

HOUR = dt.timedelta(hours=1)


def _adviser(s: Session, email: str = "ada@x.example") -> int:
    return int(add_adviser(s, email, "Ada", "adviser", "northgate", "-").id)


def test_a_session_is_live_until_it_expires_or_ends(engine: Engine) -> None:
    with Session(engine, future=True) as s, s.begin():
        ada = _adviser(s)
        now = dt.datetime(2026, 12, 7, 9, 0)
        logins.start_session(s, "k1", ada, "csrf", HOUR, now=now)
        logins.start_session(s, "k2", None, "form", HOUR, now=now)  # a visitor
        assert logins.live_session(s, "k1", now=now + HOUR / 2) is not None
        assert logins.live_session(s, "k1", now=now + 2 * HOUR) is None  # expired
        assert logins.live_session(s, "nope", now=now) is None
        logins.update_session(s, "k2", ada, "new")
        assert s.get(ConsoleSession, "k2").csrf_token == "new"
        logins.end_session(s, "k2")
        assert s.get(ConsoleSession, "k2") is None
        assert logins.prune_sessions(s, now=now + 2 * HOUR) == 1


def test_disabling_or_a_new_password_ends_every_session_and_is_audited(engine: Engine) -> None:
    with Session(engine, future=True) as s, s.begin():
        ada, bob = _adviser(s), _adviser(s, "bob@x.example")
        for key, who in (("a1", ada), ("a2", ada), ("b1", bob)):
            logins.start_session(s, key, who, "csrf", HOUR)
        adviser = s.get(ConsoleSession, "a1").adviser
        assert logins.set_password(s, adviser, "new hash", actor=adviser) == 2
        assert adviser.password_hash == "new hash"
        assert logins.live_session(s, "a1") is None and logins.live_session(s, "b1")
        logins.start_session(s, "b2", bob, "csrf", HOUR)
        disable_adviser(s, "bob@x.example")
        assert logins.sessions_of(s, bob) == 0
        events = s.execute(select(AuditEntry.action, AuditEntry.subject_adviser_id,
                                  AuditEntry.new_value)).all()  # fmt: skip
        assert events == [("password_changed", ada, "2 session(s) ended"),
                          ("disabled", bob, "2 session(s) ended")]  # fmt: skip
        assert [e.action for e in logins.account_events(s)] == ["disabled", "password_changed"]


def test_a_disabled_advisers_session_is_not_live_even_if_its_row_remains(engine: Engine) -> None:
    with Session(engine, future=True) as s, s.begin():
        ada = _adviser(s)
        row = logins.start_session(s, "k", ada, "csrf", HOUR)
        row.adviser.active = False
        assert logins.live_session(s, "k") is None
