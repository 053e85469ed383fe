"""Catalogue events in the audit trail: who published or rolled back a network, and when.

The catalogue knows nothing of console accounts, so the web front records these in
the same transaction as the publish itself (:mod:`pathways_catalogue.publishing`).
The caller owns the session and commits.
"""

from __future__ import annotations

from typing import List

from sqlalchemy import select
from sqlalchemy.orm import Session

from enquiries.models import AuditEntry

#: a network published from the console
CATALOGUE_PUBLISHED = "catalogue_published"
#: an earlier version of a network published again
CATALOGUE_ROLLED_BACK = "catalogue_rolled_back"
CATALOGUE_EVENTS = (CATALOGUE_PUBLISHED, CATALOGUE_ROLLED_BACK)


def record_catalogue(session: Session, action: str, actor_id: int, detail: str) -> AuditEntry:
    """Add a catalogue event by the console account ``actor_id``."""
    if action not in CATALOGUE_EVENTS:
        raise ValueError(f"not a catalogue event: {action!r}")
    entry = AuditEntry(
        enquiry_id=None, adviser_id=actor_id, subject_adviser_id=None, action=action,
        old_value="", new_value=detail,
    )  # fmt: skip
    session.add(entry)
    session.flush()
    return entry


def catalogue_events(session: Session, limit: int = 50) -> List[AuditEntry]:
    """The latest catalogue events, newest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.action.in_(CATALOGUE_EVENTS))
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(session.execute(query).scalars())
