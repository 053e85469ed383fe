"""ORM model of a learner's enquiry, with the enquiries' own metadata.

The enquiry tables share the database with the catalogue but not its metadata:
they are migrated by ``enquiries/migrations`` (see :mod:`enquiries.db`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base: Any = declarative_base()


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

    def __repr__(self) -> str:
        return f"Enquiry(reference={self.reference!r}, status={self.status!r})"
