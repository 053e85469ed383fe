"""What the console shows and does, as plain data: each function takes a ``Session``.

Handlers run these in a worker thread (:func:`web.state.run_db`) and turn
:class:`NotAllowed` into 403 and :class:`NotFound` into 404.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from sqlalchemy.orm import Session

from enquiries import work
from enquiries.advisers import COORDINATOR, colleagues
from enquiries.models import ROUTE_INTEREST, Adviser, Enquiry, utcnow
from pathways_catalogue.queries import institution_names


class NotAllowed(Exception):
    """The adviser may not see or change this enquiry."""


class NotFound(LookupError):
    """No enquiry has this reference."""


@dataclass(frozen=True)
class Me:
    """The logged-in adviser, as the handlers and templates see them."""

    id: int
    email: str
    name: str
    role: str
    institution_id: str

    @property
    def coordinator(self) -> bool:
        """True for a coordinator (sees the whole network)."""
        return self.role == COORDINATOR


def me_from(adviser: Adviser) -> Me:
    """The view of an adviser row."""
    return Me(
        id=int(adviser.id),
        email=str(adviser.email),
        name=str(adviser.name),
        role=str(adviser.role),
        institution_id=str(adviser.institution_id or ""),
    )


def active_adviser(session: Session, adviser_id: int) -> Optional[Me]:
    """The active adviser with this id, or None (disabled advisers lose their session)."""
    adviser = session.get(Adviser, adviser_id)
    if adviser is None or not adviser.active:
        return None
    return me_from(adviser)


def waiting_days(created_at: dt.datetime, now: dt.datetime) -> int:
    """Whole days an enquiry has waited."""
    return max(0, (now - created_at).days)


def waiting_text(created_at: dt.datetime, now: dt.datetime) -> str:
    """How long an enquiry has waited, in words ("3 days", "5 hours", "12 minutes")."""
    seconds = max(0, int((now - created_at).total_seconds()))
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'}"
    return "just now"


def row(
    enquiry: Enquiry, now: dt.datetime, names: Optional[Dict[str, str]] = None
) -> Dict[str, Any]:
    """One queue row (also one CSV line); ``names``: institution names by catalogue id."""
    assignee = enquiry.assigned_adviser
    code = enquiry.institution_id or ""
    kind = enquiry.kind or ""
    return {
        "reference": enquiry.reference,
        "created_at": enquiry.created_at,
        "waiting": waiting_text(enquiry.created_at, now),
        "waiting_days": waiting_days(enquiry.created_at, now),
        "status": enquiry.status,
        "status_label": work.STATUS_LABELS.get(enquiry.status, enquiry.status),
        "kind": kind,
        "kind_label": work.KIND_LABELS.get(kind, kind),
        "route_interest": kind == ROUTE_INTEREST,
        "institution_id": code,
        # the name people know it by; the id when the catalogue does not know it
        "institution": (names or {}).get(code, code),
        "subject": work.subject_of(enquiry),
        "learner_name": enquiry.learner_name,
        "email": enquiry.email,
        "phone": enquiry.phone,
        "assigned_to": assignee.name if assignee is not None else "",
    }


def names_for(session: Session, enquiries: List[Enquiry]) -> Dict[str, str]:
    """The names of the enquiries' institutions, by catalogue id."""
    return institution_names(session, [str(e.institution_id) for e in enquiries
                                       if e.institution_id])  # fmt: skip


def queue_rows(
    session: Session, me: Me, wanted: work.QueueFilter, page: int = 1
) -> Dict[str, Any]:
    """One page of the queue's data.

    Its rows, the total, the page and the number of pages, and, for coordinators, the
    institutions to filter by.
    """
    adviser = session.get(Adviser, me.id)
    now = utcnow()
    found = work.queue_page(session, adviser, wanted, page, now=now)
    seen = work.institutions_seen(session) if me.coordinator else []
    names = institution_names(session, [*seen, *(str(e.institution_id)
                                                 for e in found.enquiries if e.institution_id)])
    # (id, name) for the coordinator's filter, sorted by name
    institutions = sorted(((code, names.get(code, code)) for code in seen),
                          key=lambda pair: (pair[1].lower(), pair[0]))  # fmt: skip
    return {"rows": [row(e, now, names) for e in found.enquiries], "total": found.total,
            "page": found.page, "pages": found.pages, "institutions": institutions}  # fmt: skip


def _visible(session: Session, me: Me, reference: str) -> Enquiry:
    enquiry = work.get_enquiry(session, reference)
    if enquiry is None:
        raise NotFound(reference)
    if not work.may_see(session.get(Adviser, me.id), enquiry):
        raise NotAllowed(reference)
    return enquiry


def detail(session: Session, me: Me, reference: str) -> Dict[str, Any]:
    """Everything the detail page shows about one enquiry."""
    enquiry = _visible(session, me, reference)
    now = utcnow()
    profile = work.loads(enquiry.profile, {})
    chosen = work.loads(enquiry.interest_route, {}) if enquiry.interest_route else {}
    return {
        **row(enquiry, now, names_for(session, [enquiry])),
        "interest_route": chosen if chosen.get("steps") else None,
        "assigned_id": enquiry.assigned_adviser_id,
        "consent": bool(enquiry.consent),
        "consent_text": enquiry.consent_text,
        "channel": enquiry.channel,
        "message": enquiry.message,
        "profile": [(k, v) for k, v in sorted(profile.items()) if v not in (None, "", [], ())],
        "routes": [r for r in work.loads(enquiry.routes, []) if isinstance(r, dict)],
        "transcript": [t for t in work.loads(enquiry.transcript, []) if isinstance(t, dict)],
        "notes": [
            {"by": n.adviser.name, "at": n.created_at, "body": n.body} for n in enquiry.notes
        ],
        "audit": [
            {
                "by": a.adviser.name if a.adviser is not None else "system",
                "at": a.at,
                "action": a.action,
                "old": a.old_value,
                "new": a.new_value,
            }
            for a in enquiry.audit
        ],
        "colleagues": [
            {"id": a.id, "name": a.name} for a in colleagues(session, enquiry.institution_id)
        ],
    }


def change_status(session: Session, me: Me, reference: str, status: str) -> bool:
    """Set the status (raises ``work.WorkError`` for an unknown one)."""
    enquiry = _visible(session, me, reference)
    return work.set_status(session, enquiry, status, session.get(Adviser, me.id))


def assign_to(session: Session, me: Me, reference: str, adviser_id: int) -> bool:
    """Assign the enquiry (raises ``work.WorkError`` for someone who cannot take it)."""
    enquiry = _visible(session, me, reference)
    return work.assign(session, enquiry, adviser_id, session.get(Adviser, me.id))


def note(session: Session, me: Me, reference: str, body: str) -> None:
    """Add a note (raises ``work.WorkError`` for an empty or too long one)."""
    enquiry = _visible(session, me, reference)
    work.add_note(session, enquiry, body, session.get(Adviser, me.id))


def export_rows(session: Session, me: Me, wanted: work.QueueFilter) -> List[Dict[str, Any]]:
    """Every row of the filtered queue (all pages), for the CSV export."""
    now = utcnow()
    found = work.queue(session, session.get(Adviser, me.id), wanted, now)
    names = names_for(session, found)
    return [row(e, now, names) for e in found]
