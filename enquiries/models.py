"""ORM model of a learner's enquiry, with the enquiries' own metadata.

The enquiry tables share the database with the catalogue but not its metadata:
they are migrated by ``enquiries/migrations`` (see :mod:`enquiries.db`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()


#: the kinds of enquiry: a learner asked for an adviser, or said "I'm interested" on a route
HANDOVER, ROUTE_INTEREST = "handover", "route_interest"


def utcnow() -> dt.datetime:
    """Return the current UTC time without tzinfo (stored as UTC)."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Enquiry(Base):
    """A learner's request to speak to an adviser, with what the assistant knew."""

    __tablename__ = "enquiry"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    status = Column(String(20), nullable=False, default="new", index=True)
    network_slug = Column(String(100), nullable=False, default="")
    sender_id = Column(String(200), nullable=False, default="")
    channel = Column(String(50), nullable=False, default="")
    learner_name = Column(String(200), nullable=False)
    email = Column(String(300), nullable=False, default="")
    phone = Column(String(50), nullable=False, default="")
    consent = Column(Boolean, nullable=False, default=False)
    consent_text = Column(Text, nullable=False, default="")
    #: JSON: the learner profile (course, level, subject, interests, constraints)
    profile = Column(Text, nullable=False, default="{}")
    #: JSON: the routes the assistant suggested
    routes = Column(Text, nullable=False, default="[]")
    #: JSON: the conversation transcript, a list of {"who", "text"}
    transcript = Column(Text, nullable=False, default="[]")
    message = Column(Text, nullable=False, default="")
    #: catalogue id of the institution the enquiry is for (the suggested route's first
    #: step), or None when the assistant did not know one: coordinators see those
    institution_id = Column(String(100), index=True)
    #: :data:`HANDOVER` (asked for an adviser) or :data:`ROUTE_INTEREST` ("I'm interested"
    #: on a route card: the enquiry goes to the institution of the route's next course)
    kind = Column(String(20), nullable=False, default=HANDOVER, server_default=HANDOVER,
                  index=True)  # fmt: skip
    #: JSON: the route the learner is interested in (a ``RouteDict`` with its position),
    #: for a route interest; None otherwise
    interest_route = Column(Text)
    #: the adviser working on it, if anyone
    assigned_adviser_id = Column(
        Integer, ForeignKey("adviser.id", name="fk_enquiry_assigned_adviser"), index=True
    )

    assigned_adviser = relationship("Adviser")
    notes = relationship(
        "EnquiryNote", back_populates="enquiry", order_by="EnquiryNote.id", cascade="all"
    )
    audit = relationship(
        "AuditEntry", back_populates="enquiry", order_by="AuditEntry.id", cascade="all"
    )

    def __repr__(self) -> str:
        return f"Enquiry(reference={self.reference!r}, status={self.status!r})"


class Adviser(Base):
    """A person who works enquiries in the adviser console.

    An ``adviser`` sees the enquiries of their institution; a ``coordinator`` sees
    those of the whole network.
    """

    __tablename__ = "adviser"

    id = Column(Integer, primary_key=True)
    email = Column(String(300), nullable=False, unique=True)
    name = Column(String(200), nullable=False)
    #: "adviser" or "coordinator"
    role = Column(String(20), nullable=False, default="adviser")
    #: catalogue id of the adviser's institution ("" for a coordinator of no one place)
    institution_id = Column(String(100), nullable=False, default="", index=True)
    #: an argon2 hash; never the password
    password_hash = Column(String(200), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    last_login_at = Column(DateTime)

    def __repr__(self) -> str:
        return f"Adviser(id={self.id!r}, role={self.role!r})"


class EnquiryNote(Base):
    """An adviser's note on an enquiry."""

    __tablename__ = "enquiry_note"

    id = Column(Integer, primary_key=True)
    enquiry_id = Column(
        Integer, ForeignKey("enquiry.id", ondelete="CASCADE"), nullable=False, index=True
    )
    adviser_id = Column(Integer, ForeignKey("adviser.id"), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    body = Column(Text, nullable=False)

    enquiry = relationship("Enquiry", back_populates="notes")
    adviser = relationship("Adviser")

    def __repr__(self) -> str:
        return f"EnquiryNote(id={self.id!r}, enquiry_id={self.enquiry_id!r})"


class AuditEntry(Base):
    """One change: who, when, what, old value and new value.

    A change to an enquiry has its ``enquiry_id``; a console account event (a login,
    a logout, a password change or reset, an account disabled) has none and names
    the account it concerns in ``subject_adviser_id``; a catalogue event (a publish,
    a roll-back) has neither (:mod:`enquiries.audit`).
    """

    __tablename__ = "enquiry_audit"

    id = Column(Integer, primary_key=True)
    enquiry_id = Column(Integer, ForeignKey("enquiry.id", ondelete="CASCADE"), index=True)
    #: who did it; None for changes made by the system (or the command line)
    adviser_id = Column(Integer, ForeignKey("adviser.id"))
    #: the console account an account event concerns
    subject_adviser_id = Column(
        Integer, ForeignKey("adviser.id", name="fk_enquiry_audit_subject_adviser"), index=True
    )
    at = Column(DateTime, nullable=False, default=utcnow)
    #: "status", "assigned", "note"; for accounts "login", "login_failed", "logout",
    #: "password_changed", "password_reset", "disabled"; for the catalogue (no enquiry,
    #: no subject) "catalogue_published", "catalogue_rolled_back"
    action = Column(String(40), nullable=False)
    old_value = Column(Text, nullable=False, default="")
    new_value = Column(Text, nullable=False, default="")

    enquiry = relationship("Enquiry", back_populates="audit")
    adviser = relationship("Adviser", foreign_keys=[adviser_id])
    subject = relationship("Adviser", foreign_keys=[subject_adviser_id])

    def __repr__(self) -> str:
        return f"AuditEntry(action={self.action!r}, at={self.at!r})"


class ConsoleSession(Base):
    """A console login (or a visitor's login form), held on the server.

    The browser's cookie carries only a random token; this row is found by the
    token's keyed hash (:mod:`enquiries.logins`), so the table alone does not give
    anyone a session. Deleting the row ends the session wherever the cookie was
    copied to.
    """

    __tablename__ = "console_session"

    #: HMAC-SHA256 of the cookie's token under the web front's secret key (hex)
    id = Column(String(64), primary_key=True)
    #: None before login (the session then only holds the login form's CSRF token)
    adviser_id = Column(
        Integer, ForeignKey("adviser.id", ondelete="CASCADE"), index=True
    )
    csrf_token = Column(String(100), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False, index=True)

    adviser = relationship("Adviser")

    def __repr__(self) -> str:
        return f"ConsoleSession(adviser_id={self.adviser_id!r}, expires_at={self.expires_at!r})"
