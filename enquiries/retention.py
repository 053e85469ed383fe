"""Finding and deleting enquiries for retention and erasure (UK GDPR).

Retention counts from an enquiry's last activity (:func:`inactive_before`), open or
closed, with a maximum age from its creation.

The caller owns the session and commits. :func:`delete_enquiries` also deletes the
rows of any table that refers to ``enquiry.id`` by a foreign key (notes, audit
entries, ...), found by inspecting the database, so tables added by later migrations
are covered without changing this module; rows referring to those rows are deleted
first, to any depth.
"""

from __future__ import annotations

import datetime as dt
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy import MetaData, Table, and_, func, inspect, or_, select
from sqlalchemy.orm import Session

from enquiries.models import AuditEntry, Enquiry, EnquiryNote
from storage import contacts


def inactive_before(
    session: Session, cutoff: dt.datetime, created_before: Optional[dt.datetime] = None
) -> List[Enquiry]:
    """Enquiries, open or closed, with no activity since ``cutoff`` (naive UTC).

    Activity is the enquiry's creation, a note or an audit entry (a status change, an
    assignment). With ``created_before``, enquiries created before it go too, however
    recently they were worked (the maximum age).
    """
    notes = select(EnquiryNote.id).where(
        EnquiryNote.enquiry_id == Enquiry.id, EnquiryNote.created_at >= cutoff
    )
    audit = select(AuditEntry.id).where(
        AuditEntry.enquiry_id == Enquiry.id, AuditEntry.at >= cutoff
    )
    idle = and_(Enquiry.created_at < cutoff, ~notes.exists(), ~audit.exists())
    condition = or_(idle, Enquiry.created_at < created_before) if created_before else idle
    query = select(Enquiry).where(condition).order_by(Enquiry.id)
    return list(session.execute(query).scalars())


def matching(
    session: Session,
    email: Optional[str] = None,
    phone: Optional[str] = None,
    sender_ids: Sequence[str] = (),
) -> List[Enquiry]:
    """Enquiries with this email (any case), phone number (any spelling) or sender id.

    Phone numbers are compared in their E.164 form (:mod:`storage.contacts`), so
    "07700 900 123" finds an enquiry stored with "+44 7700 900123".
    """
    conditions = []
    if email:
        conditions.append(func.lower(Enquiry.email) == email.strip().lower())
    if sender_ids:
        conditions.append(Enquiry.sender_id.in_(list(sender_ids)))
    found: List[Enquiry] = []
    if conditions:
        found = list(session.execute(select(Enquiry).where(or_(*conditions))).scalars())
    wanted = contacts.normalise_phone(phone) if phone else None
    if wanted:
        known = {e.id for e in found}
        rows = session.execute(select(Enquiry).where(Enquiry.phone != "")).scalars()
        found.extend(
            e for e in rows if e.id not in known and contacts.normalise_phone(e.phone) == wanted
        )
    return sorted(found, key=lambda e: e.id)


def _referring(session: Session, table: str) -> List[Tuple[str, List[str], List[str]]]:
    """(table, its columns, the referred columns) for each foreign key to ``table``."""
    inspector = inspect(session.connection())
    found = []
    for name in inspector.get_table_names():
        for key in inspector.get_foreign_keys(name):
            if key.get("referred_table") == table:
                found.append((name, key["constrained_columns"], key["referred_columns"]))
    return found


def _delete_rows(
    session: Session, table: str, column: str, values: Set[object], counts: Dict[str, int],
    depth: int = 0,
) -> None:  # fmt: skip
    """Delete the rows of ``table`` whose ``column`` is in ``values``, dependants first."""
    if not values or depth > 5:
        return
    metadata = MetaData()
    target = Table(table, metadata, autoload_with=session.connection())
    for child, columns, referred in _referring(session, table):
        if len(columns) != 1 or len(referred) != 1 or child == table:
            continue
        keys = {
            row[0]
            for row in session.execute(
                select(target.c[referred[0]]).where(target.c[column].in_(list(values)))
            )
        }
        _delete_rows(session, child, columns[0], keys, counts, depth + 1)
    result = session.execute(target.delete().where(target.c[column].in_(list(values))))
    if result.rowcount:
        counts[table] = counts.get(table, 0) + int(result.rowcount)


def delete_enquiries(session: Session, enquiry_ids: Iterable[int]) -> Dict[str, int]:
    """Delete these enquiries and every row that refers to them; counts per table.

    Tables with nothing deleted are left out of the counts.

    The caller commits (or, for a dry run, rolls back).
    """
    counts: Dict[str, int] = {}
    _delete_rows(session, Enquiry.__tablename__, "id", set(enquiry_ids), counts)
    return counts
