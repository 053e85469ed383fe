"""The insights tables, with their own metadata (migrated by ``insights/migrations``).

``insights_weekly`` is the only table kept for good: one count per ISO week (its
Monday), institution, subject, level, measure and item (an interest, a reason; ``""``
when the measure has none). ``insights_conversation`` holds the contribution of each
conversation still going on, keyed by the tracker store's number of its first event
(no sender id), so a conversation that goes on after a run is counted once;
rows are deleted when the conversation has been quiet for two days.
``insights_progress`` is the high-water mark: the last tracker event read.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Date, Float, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base: Any = declarative_base()

#: the longest institution, subject, measure and item kept
NAME_LENGTH = 200


class Weekly(Base):
    """One aggregate count (see the module docstring)."""

    __tablename__ = "insights_weekly"

    week_start = Column(Date, primary_key=True)
    institution = Column(String(NAME_LENGTH), primary_key=True, default="")
    subject = Column(String(NAME_LENGTH), primary_key=True, default="")
    #: the learner's current level (0: not known)
    level = Column(Integer, primary_key=True, default=0)
    measure = Column(String(40), primary_key=True)
    item = Column(String(NAME_LENGTH), primary_key=True, default="")
    count = Column(Integer, nullable=False, default=0)

    def __repr__(self) -> str:
        return (
            f"<Weekly {self.week_start} {self.institution!r} {self.subject!r} L{self.level} "
            f"{self.measure} {self.item!r}={self.count}>"
        )


class OpenConversation(Base):
    """What a conversation still going on has added to the aggregates."""

    __tablename__ = "insights_conversation"

    #: the tracker store's id of the conversation's first event
    first_event_id = Column(Integer, primary_key=True, autoincrement=False)
    #: the time of its latest event (seconds since the epoch)
    last_seen = Column(Float, nullable=False, index=True)
    #: JSON: {"key": [week, institution, subject, level], "counts": [[measure, item, n]]}
    contribution = Column(Text, nullable=False, default="{}")

    def __repr__(self) -> str:
        return f"<OpenConversation {self.first_event_id}>"


class Progress(Base):
    """How far the job has read a source (``tracker``: the last event id)."""

    __tablename__ = "insights_progress"

    source = Column(String(40), primary_key=True)
    last_event_id = Column(Integer, nullable=False, default=0)
    #: when the job last finished (seconds since the epoch)
    refreshed_at = Column(Float)

    def __repr__(self) -> str:
        return f"<Progress {self.source} {self.last_event_id}>"
