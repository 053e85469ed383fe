"""Creating enquiries with unique, human-friendly references ("PW-7K3M9Q").

The caller owns the session and commits:

    with Session(engine, future=True) as s:
        enquiry = create_enquiry(s, learner_name="Sam", email="sam@example.com", consent=True)
        s.commit()
"""

from __future__ import annotations

import json
import secrets
from typing import Any, Callable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from enquiries.models import Enquiry

REFERENCE_PREFIX = "PW-"
#: no 0/O, 1/I/L or U/V, so a reference read out over the phone is not misheard
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
REFERENCE_LENGTH = 6
#: how many fresh references to try before giving up
MAX_ATTEMPTS = 20
#: fields stored as JSON text; they may be given as Python objects
JSON_FIELDS = ("profile", "routes", "transcript", "interest_route")


def new_reference(choice: Callable[[str], str] = secrets.choice) -> str:
    """A random reference such as "PW-7K3M9Q" (not checked for uniqueness)."""
    return REFERENCE_PREFIX + "".join(choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def reference_taken(session: Session, reference: str) -> bool:
    """True if an enquiry already has ``reference``."""
    found = session.execute(select(Enquiry.id).where(Enquiry.reference == reference)).first()
    return found is not None


def unused_reference(
    session: Session, choice: Callable[[str], str] = secrets.choice
) -> str:
    """A reference no stored enquiry has.

    The unique constraint on ``enquiry.reference`` remains the final guard against
    two processes picking the same one between this check and their commits.

    Raises:
        RuntimeError: if ``MAX_ATTEMPTS`` references in a row were taken.

    """
    for _ in range(MAX_ATTEMPTS):
        reference = new_reference(choice)
        if not reference_taken(session, reference):
            return reference
    raise RuntimeError("could not find an unused enquiry reference")


def create_enquiry(
    session: Session, reference: Optional[str] = None, **fields: Any
) -> Enquiry:
    """Add an enquiry with a unique reference and flush it; the caller commits.

    Args:
        session: an open session; the caller owns the transaction.
        reference: a reference to use; by default a new unused one.
        **fields: ``Enquiry`` columns (``learner_name`` is required). ``profile``,
            ``routes``, ``transcript`` and ``interest_route`` may be dicts or lists; they
            are stored as JSON. ``kind`` is ``handover`` (the default) or
            ``route_interest``.

    Raises:
        TypeError: for a field ``Enquiry`` does not have.

    """
    for key in JSON_FIELDS:
        if fields.get(key) is not None and not isinstance(fields[key], str):
            fields[key] = json.dumps(fields[key], ensure_ascii=False, sort_keys=True)
    enquiry = Enquiry(reference=reference or unused_reference(session), **fields)
    session.add(enquiry)
    session.flush()
    return enquiry
