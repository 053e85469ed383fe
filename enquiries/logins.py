"""Console sessions held on the server, and console account events in the audit trail.

The caller owns the session (SQLAlchemy's) and commits. A console session is found
by the keyed hash of its cookie's token (the web front computes it), never by the
token itself. :func:`end_sessions_of` is what makes logging out everywhere,
disabling an account and changing a password take effect at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from enquiries.audit import CATALOGUE_EVENTS
from enquiries.models import Adviser, AuditEntry, ConsoleSession, utcnow

#: account events recorded in the audit trail
LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGOUT = "logout"
PASSWORD_CHANGED = "password_changed"
PASSWORD_RESET = "password_reset"
DISABLED = "disabled"


def start_session(
    session: Session, key: str, adviser_id: Optional[int], csrf_token: str,
    lifetime: dt.timedelta, now: Optional[dt.datetime] = None,
) -> ConsoleSession:  # fmt: skip
    """Store a new console session under ``key`` (the hash of its token) and flush."""
    now = now or utcnow()
    row = ConsoleSession(
        id=key, adviser_id=adviser_id, csrf_token=csrf_token, created_at=now,
        expires_at=now + lifetime,
    )  # fmt: skip
    session.add(row)
    session.flush()
    return row


def live_session(
    session: Session, key: str, now: Optional[dt.datetime] = None
) -> Optional[ConsoleSession]:
    """The unexpired session stored under ``key``; None if there is none.

    A session whose adviser has been disabled is not live either.
    """
    row = session.get(ConsoleSession, key)
    if row is None or row.expires_at <= (now or utcnow()):
        return None
    if row.adviser_id is not None and not (row.adviser and row.adviser.active):
        return None
    return row


def update_session(
    session: Session, key: str, adviser_id: Optional[int], csrf_token: str
) -> None:
    """Change what a stored session holds (it keeps its expiry)."""
    row = session.get(ConsoleSession, key)
    if row is not None:
        row.adviser_id, row.csrf_token = adviser_id, csrf_token


def end_session(session: Session, key: str) -> None:
    """Delete one stored session (its cookie no longer works anywhere)."""
    session.execute(delete(ConsoleSession).where(ConsoleSession.id == key))


def end_sessions_of(session: Session, adviser_id: int) -> int:
    """Delete every session of an adviser; return how many there were."""
    result = session.execute(
        delete(ConsoleSession).where(ConsoleSession.adviser_id == adviser_id)
    )
    return int(result.rowcount or 0)


def prune_sessions(session: Session, now: Optional[dt.datetime] = None) -> int:
    """Delete expired sessions; return how many."""
    result = session.execute(
        delete(ConsoleSession).where(ConsoleSession.expires_at <= (now or utcnow()))
    )
    return int(result.rowcount or 0)


def sessions_of(session: Session, adviser_id: int) -> int:
    """How many live sessions an adviser has."""
    rows = session.execute(
        select(ConsoleSession.id).where(
            ConsoleSession.adviser_id == adviser_id, ConsoleSession.expires_at > utcnow()
        )
    ).all()
    return len(rows)


def record(
    session: Session, action: str, subject: Adviser, actor: Optional[Adviser] = None,
    detail: str = "",
) -> AuditEntry:  # fmt: skip
    """Add an account event to the audit trail (``actor`` None: the system or the CLI)."""
    entry = AuditEntry(
        enquiry_id=None, adviser_id=actor.id if actor is not None else None,
        subject_adviser_id=subject.id, action=action, old_value="", new_value=detail,
    )  # fmt: skip
    session.add(entry)
    session.flush()
    return entry


def set_password(
    session: Session, adviser: Adviser, password_hash: str, actor: Optional[Adviser] = None
) -> int:
    """Give ``adviser`` a new password hash and end all their sessions; audited.

    ``actor`` is the adviser themselves (a change), a coordinator (a reset), or None
    (the command line, a reset). Returns how many sessions ended.
    """
    adviser.password_hash = password_hash
    ended = end_sessions_of(session, int(adviser.id))
    changed_by_self = actor is not None and actor.id == adviser.id
    record(session, PASSWORD_CHANGED if changed_by_self else PASSWORD_RESET, adviser, actor,
           f"{ended} session(s) ended")  # fmt: skip
    return ended


def account_events(session: Session, limit: int = 50) -> list[AuditEntry]:
    """The latest console account events, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.enquiry_id.is_(None), AuditEntry.action.not_in(CATALOGUE_EVENTS))
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(session.execute(query).scalars())
