"""Advisers who work enquiries: adding, listing, disabling. The caller owns the session.

Passwords never come here: the caller hashes them (the web front uses argon2) and
passes the hash.
"""

from __future__ import annotations

from typing import List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from enquiries import logins
from enquiries.models import Adviser
from storage import contacts

ADVISER = "adviser"
COORDINATOR = "coordinator"
ROLES = (ADVISER, COORDINATOR)


class AdviserError(ValueError):
    """An adviser cannot be added or changed as asked."""


def normalise_email(email: str) -> str:
    """The form an email address is stored and looked up in (trimmed, lower case)."""
    return email.strip().lower()


def find_adviser(session: Session, email: str) -> Optional[Adviser]:
    """The adviser with ``email`` (any case), active or not, or None."""
    query = select(Adviser).where(Adviser.email == normalise_email(email))
    return session.execute(query).scalars().first()


def add_adviser(
    session: Session,
    email: str,
    name: str,
    role: str,
    institution_id: str,
    password_hash: str,
) -> Adviser:
    """Add an active adviser and flush; the caller commits.

    Raises:
        AdviserError: for an unknown role, a missing institution for an adviser, a
            blank name or email, or an email already in use.

    """
    email = normalise_email(email)
    if role not in ROLES:
        raise AdviserError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    if contacts.normalise_email(email) is None or not name.strip():
        raise AdviserError("an adviser needs an email address and a name")
    if role == ADVISER and not institution_id.strip():
        raise AdviserError("an adviser belongs to an institution: give its catalogue id")
    if find_adviser(session, email) is not None:
        raise AdviserError(f"an adviser with email {email!r} already exists")
    adviser = Adviser(
        email=email,
        name=name.strip(),
        role=role,
        institution_id=institution_id.strip(),
        password_hash=password_hash,
        active=True,
    )
    session.add(adviser)
    session.flush()
    return adviser


def list_advisers(session: Session) -> List[Adviser]:
    """Every adviser, by institution then email."""
    query = select(Adviser).order_by(Adviser.institution_id, Adviser.email)
    return list(session.execute(query).scalars())


def disable_adviser(session: Session, email: str, actor: Optional[Adviser] = None) -> Adviser:
    """Mark the adviser with ``email`` inactive and end their sessions; audited.

    They can no longer log in, and a console open anywhere (or a copied cookie) stops
    working at once.

    Raises:
        AdviserError: if there is no such adviser.

    """
    adviser = find_adviser(session, email)
    if adviser is None:
        raise AdviserError(f"no adviser with email {normalise_email(email)!r}")
    adviser.active = False
    ended = logins.end_sessions_of(session, int(adviser.id))
    logins.record(session, logins.DISABLED, adviser, actor, f"{ended} session(s) ended")
    session.flush()
    return adviser


def colleagues(session: Session, institution_id: Optional[str]) -> List[Adviser]:
    """Active advisers an enquiry of ``institution_id`` can be assigned to.

    Those of the institution, and the coordinators (who work the whole network).
    """
    query = select(Adviser).where(Adviser.active.is_(True)).order_by(Adviser.name)
    found = session.execute(query).scalars()
    return [
        a
        for a in found
        if a.role == COORDINATOR or (institution_id and a.institution_id == institution_id)
    ]
