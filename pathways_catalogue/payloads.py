"""What a route is: the typed payloads route search returns and the assistant sends on.

:class:`Route`, :class:`Step` and :class:`RouteContact` are what
:func:`pathways_catalogue.routes.find_routes` returns; their ``to_dict()`` forms
(:class:`RouteDict`, :class:`StepDict`, :class:`ContactDict`) are the stable JSON shape
documented in docs/catalogue.md, which the actions store and send to channels, and which a
web front reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Tuple, TypedDict

from pathways_catalogue.contract import NO_AGREEMENT


class StepDict(TypedDict):
    """The stable JSON form of a route step (documented in docs/catalogue.md)."""

    course_id: str
    title: str
    qualification: str
    institution: str
    institution_id: str
    level: int
    subject: str
    town: str
    modes: List[str]
    kind: str
    conditions: str
    entry_requirements: str
    url: str
    #: how long the course takes, as the catalogue says ("2 years", "36 weeks"); may be ""
    duration: str


class ContactDict(TypedDict):
    """The stable JSON form of a route's contact."""

    name: str
    role: str
    institution: str
    email: str
    phone: str


class RouteDict(TypedDict):
    """The stable JSON form of a route: what the assistant stores, shows and sends."""

    steps: List[StepDict]
    contact: Optional[ContactDict]
    score: float
    why: str


@dataclass(frozen=True)
class Step:
    """One course on a route, and how the learner gets onto it."""

    course_id: str
    title: str
    qualification: str
    institution: str
    institution_code: str
    level: int
    subject: str
    town: str
    modes: Tuple[str, ...]
    kind: str
    conditions: str
    entry_requirements: str
    url: str
    db_id: int = field(repr=False, compare=False)
    institution_db_id: int = field(repr=False, compare=False)
    #: how long the course takes ("2 years"); "" when the catalogue does not say
    duration: str = ""

    @property
    def formal(self) -> bool:
        """True if an agreement backs this step."""
        return self.kind != NO_AGREEMENT

    def to_dict(self) -> StepDict:
        """The stable JSON form of a step (documented in docs/catalogue.md)."""
        return {
            "course_id": self.course_id,
            "title": self.title,
            "qualification": self.qualification,
            "institution": self.institution,
            "institution_id": self.institution_code,
            "level": self.level,
            "subject": self.subject,
            "town": self.town,
            "modes": list(self.modes),
            "kind": self.kind,
            "conditions": self.conditions,
            "entry_requirements": self.entry_requirements,
            "url": self.url,
            "duration": self.duration,
        }


@dataclass(frozen=True)
class RouteContact:
    """Who to contact about a route."""

    name: str
    role: str
    institution: str
    email: str
    phone: str

    def to_dict(self) -> ContactDict:
        """The stable JSON form of a contact."""
        return {
            "name": self.name,
            "role": self.role,
            "institution": self.institution,
            "email": self.email,
            "phone": self.phone,
        }


@dataclass
class Route:
    """A ranked route with its explanation."""

    steps: List[Step]
    score: float
    why: str
    matched: List[str] = field(default_factory=list)
    contact: Optional[RouteContact] = None

    def to_dict(self) -> RouteDict:
        """The stable JSON form of a route (documented in docs/catalogue.md)."""
        return {
            "steps": [s.to_dict() for s in self.steps],
            "contact": self.contact.to_dict() if self.contact else None,
            "score": self.score,
            "why": self.why,
        }
