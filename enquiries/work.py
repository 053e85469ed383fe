"""Working enquiries: the queue, who may see what, and changes recorded in the audit trail.

Every function takes a ``Session``; the caller owns the transaction. An adviser sees
the enquiries of their institution; a coordinator sees every enquiry.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql import Select

from enquiries.advisers import COORDINATOR, colleagues
from enquiries.models import (
    HANDOVER,
    ROUTE_INTEREST,
    Adviser,
    AuditEntry,
    Enquiry,
    EnquiryNote,
    utcnow,
)

NEW, IN_PROGRESS, CONTACTED, CLOSED = "new", "in_progress", "contacted", "closed"
#: the statuses an enquiry moves through, in order
STATUSES = (NEW, IN_PROGRESS, CONTACTED, CLOSED)
STATUS_LABELS = {
    NEW: "New",
    IN_PROGRESS: "In progress",
    CONTACTED: "Contacted",
    CLOSED: "Closed",
}
#: what each kind of enquiry is called in the console
KIND_LABELS = {
    HANDOVER: "Adviser request",
    ROUTE_INTEREST: "Route interest",
}
#: the longest note an adviser may write
MAX_NOTE_LENGTH = 5000
#: how many enquiries one queue page lists (the queue is paged, never cut short)
QUEUE_PAGE_SIZE = 100


class WorkError(ValueError):
    """A change to an enquiry that is not allowed (unknown status, adviser...)."""


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows.

    ``status`` None shows the open enquiries (all but closed); ``"all"`` shows every one.
    ``kind`` (one of :data:`KIND_LABELS`) keeps that kind only; None, every kind.
    ``min_age_days`` keeps those waiting at least that long. ``oldest_first`` sorts
    by waiting time, longest first.
    """

    institution: Optional[str] = None
    subject: str = ""
    status: Optional[str] = None
    kind: Optional[str] = None
    min_age_days: Optional[int] = None
    oldest_first: bool = True


def may_see(adviser: Adviser, enquiry: Enquiry) -> bool:
    """True if ``adviser`` may open ``enquiry``."""
    if adviser.role == COORDINATOR:
        return True
    return bool(adviser.institution_id) and enquiry.institution_id == adviser.institution_id


def loads(text: Optional[str], default: Any) -> Any:
    """Parse a JSON column, falling back to ``default`` for bad or missing JSON."""
    try:
        value = json.loads(text or "")
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


def subject_of(enquiry: Enquiry) -> str:
    """The subject the enquiry is about: the learner's, else the first route's."""
    profile = loads(enquiry.profile, {})
    subject = profile.get("new_subject") or profile.get("subject")
    if subject:
        return str(subject)
    for route in loads(enquiry.routes, []):
        steps = route.get("steps") if isinstance(route, dict) else None
        if steps and isinstance(steps[0], dict) and steps[0].get("subject"):
            return str(steps[0]["subject"])
    return ""


def _queue_query(adviser: Adviser, wanted: QueueFilter, now: Optional[dt.datetime]) -> Select:
    """The enquiries ``adviser`` may see that match ``wanted`` (all but the subject)."""
    query = select(Enquiry)
    if adviser.role != COORDINATOR:
        query = query.where(Enquiry.institution_id == adviser.institution_id)
    elif wanted.institution:
        query = query.where(Enquiry.institution_id == wanted.institution)
    if wanted.status is None:
        query = query.where(Enquiry.status != CLOSED)
    elif wanted.status != "all":
        query = query.where(Enquiry.status == wanted.status)
    if wanted.kind:
        query = query.where(Enquiry.kind == wanted.kind)
    if wanted.min_age_days:
        cutoff = (now or utcnow()) - dt.timedelta(days=wanted.min_age_days)
        query = query.where(Enquiry.created_at <= cutoff)
    return query


def _ordered(query: Select, wanted: QueueFilter) -> Select:
    order = Enquiry.created_at.asc() if wanted.oldest_first else Enquiry.created_at.desc()
    return query.options(joinedload(Enquiry.assigned_adviser)).order_by(order, Enquiry.id)


def queue(
    session: Session,
    adviser: Adviser,
    wanted: QueueFilter,
    now: Optional[dt.datetime] = None,
) -> List[Enquiry]:
    """Every enquiry ``adviser`` may see that matches ``wanted``, sorted by waiting time."""
    found = list(session.execute(_ordered(_queue_query(adviser, wanted, now), wanted)).scalars())
    needle = wanted.subject.strip().lower()
    if needle:
        found = [e for e in found if needle in subject_of(e).lower()]
    return found


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue: its enquiries, and where it is among all that match."""

    enquiries: List[Enquiry]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages the matching enquiries fill (at least 1)."""
        return max(1, -(-self.total // self.per_page))


def queue_page(
    session: Session,
    adviser: Adviser,
    wanted: QueueFilter,
    page: int = 1,
    per_page: Optional[int] = None,
    now: Optional[dt.datetime] = None,
) -> QueuePage:
    """Page ``page`` (from 1; past the end: the last) of :func:`queue`.

    ``per_page`` defaults to :data:`QUEUE_PAGE_SIZE`.
    """
    per_page = per_page or QUEUE_PAGE_SIZE
    if wanted.subject.strip():  # the subject is read from JSON: filter in Python
        everything = queue(session, adviser, wanted, now)
        total = len(everything)
        page = min(max(1, page), max(1, -(-total // per_page)))
        start = (page - 1) * per_page
        return QueuePage(everything[start:start + per_page], total, page, per_page)
    query = _queue_query(adviser, wanted, now)
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    page = min(max(1, page), max(1, -(-total // per_page)))
    paged = _ordered(query, wanted).limit(per_page).offset((page - 1) * per_page)
    return QueuePage(list(session.execute(paged).scalars()), total, page, per_page)


def institutions_seen(session: Session) -> List[str]:
    """The institution ids enquiries have, sorted (for a coordinator's filter)."""
    query = select(Enquiry.institution_id).where(Enquiry.institution_id.is_not(None)).distinct()
    return sorted(str(i) for i in session.execute(query).scalars() if i)


def get_enquiry(session: Session, reference: str) -> Optional[Enquiry]:
    """The enquiry with ``reference``, with its notes, audit trail and assignee."""
    query = (
        select(Enquiry)
        .options(
            joinedload(Enquiry.assigned_adviser),
            joinedload(Enquiry.notes).joinedload(EnquiryNote.adviser),
            joinedload(Enquiry.audit).joinedload(AuditEntry.adviser),
        )
        .where(Enquiry.reference == reference)
    )
    return session.execute(query).unique().scalars().first()


def _record(
    session: Session, enquiry: Enquiry, by: Adviser, action: str, old: str, new: str
) -> AuditEntry:
    entry = AuditEntry(
        enquiry_id=enquiry.id, adviser_id=by.id, action=action, old_value=old, new_value=new
    )
    session.add(entry)
    return entry


def set_status(session: Session, enquiry: Enquiry, status: str, by: Adviser) -> bool:
    """Change the status and record it; False if it already had that status.

    Raises:
        WorkError: for a status not in ``STATUSES``.

    """
    if status not in STATUSES:
        raise WorkError(f"unknown status {status!r}")
    old = str(enquiry.status)
    if old == status:
        return False
    enquiry.status = status
    _record(session, enquiry, by, "status", old, status)
    session.flush()
    return True


def assign(session: Session, enquiry: Enquiry, adviser_id: int, by: Adviser) -> bool:
    """Assign the enquiry to an active adviser of its institution (or a coordinator).

    Returns False if it was already theirs.

    Raises:
        WorkError: if that adviser cannot take it.

    """
    allowed = {a.id: a for a in colleagues(session, enquiry.institution_id)}
    to = allowed.get(adviser_id)
    if to is None:
        raise WorkError("that adviser cannot take this enquiry")
    previous = enquiry.assigned_adviser
    if previous is not None and previous.id == to.id:
        return False
    enquiry.assigned_adviser_id = to.id
    enquiry.assigned_adviser = to
    _record(session, enquiry, by, "assigned", previous.name if previous else "", to.name)
    session.flush()
    return True


def add_note(session: Session, enquiry: Enquiry, body: str, by: Adviser) -> EnquiryNote:
    """Add a note and record it in the audit trail.

    Raises:
        WorkError: for an empty note or one longer than ``MAX_NOTE_LENGTH``.

    """
    body = body.strip()
    if not body or len(body) > MAX_NOTE_LENGTH:
        raise WorkError(f"a note has 1 to {MAX_NOTE_LENGTH} characters")
    note = EnquiryNote(enquiry_id=enquiry.id, adviser_id=by.id, body=body)
    session.add(note)
    session.flush()
    _record(session, enquiry, by, "note", "", body if len(body) <= 200 else body[:199] + "…")
    session.flush()
    return note


def count_by_status(session: Session) -> Dict[str, int]:
    """How many enquiries have each status (every status listed, zeros included)."""
    counts = {status: 0 for status in STATUSES}
    query = select(Enquiry.status, func.count()).group_by(Enquiry.status)
    for status, count in session.execute(query):
        counts[str(status)] = int(count)
    return counts
