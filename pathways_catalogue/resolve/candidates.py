"""What the gazetteer answers: course candidates and recognised names."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Dict, Optional


@dataclass(frozen=True)
class CourseCandidate:
    """A course the learner may mean, best first in :meth:`Gazetteer.resolve_course`.

    ``source`` is "catalogue" for a course of the network (``course_id`` set), or
    "gazetteer" for a qualification known only by its level and subject (an Ofqual
    title, or the learner's own words), so the dialogue can carry on with those.
    """

    course_id: Optional[str]
    title: str
    institution: Optional[str]
    level: Optional[int]
    subject: Optional[str]
    score: float
    source: str
    institution_id: Optional[str] = None
    network: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The resolution of a ``course`` entity (``additional_info``)."""
        return asdict(self)


@dataclass(frozen=True)
class InstitutionMatch:
    """An institution recognised in text."""

    institution_id: str
    name: str
    score: float
    network: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The resolution of an ``institution`` entity."""
        return asdict(self)


@dataclass(frozen=True)
class NameMatch:
    """A town, subject or interest recognised in text: the catalogue's name for it."""

    name: str
    score: float
