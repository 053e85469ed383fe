"""Matching what a learner calls their course against the catalogue.

Uses the catalogue's :class:`~pathways_catalogue.resolve.Gazetteer` (course titles,
aliases, short forms and regulated qualifications), kept per database and network
until the catalogue changes. Callers pass an open session; nothing here opens one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from pathways_catalogue.fingerprint import catalogue_fingerprint
from pathways_catalogue.resolve import Gazetteer

#: a catalogue match at least this good (0..1), and clearly ahead, is taken as it is
CONFIDENT = 0.85
#: a catalogue match at least this good is offered as "did you mean ...?"
NEAR = 0.6
#: how far ahead the best match must be to be taken without asking
MARGIN = 0.06
#: how many "did you mean" options to offer
MAX_CHOICES = 3


@dataclass(frozen=True)
class Candidate:
    """A course a learner's words may mean (same fields as ``resolve.CourseCandidate``)."""

    course_id: Optional[str]
    title: str
    institution: Optional[str]
    level: Optional[int]
    subject: Optional[str]
    score: float
    source: str = "catalogue"

    @classmethod
    def of(cls, found: Any) -> Candidate:
        """Copy any object or dict with the candidate fields."""
        get = found.get if isinstance(found, dict) else lambda k, d=None: getattr(found, k, d)
        level = get("level")
        return cls(
            course_id=get("course_id"),
            title=str(get("title") or ""),
            institution=get("institution"),
            level=int(level) if level is not None else None,
            subject=get("subject"),
            score=float(get("score") or 0.0),
            source=str(get("source") or "catalogue"),
        )

    def as_dict(self) -> Dict[str, Any]:
        """A JSON-friendly copy (kept in the ``course_candidates`` slot)."""
        return {
            "course_id": self.course_id,
            "title": self.title,
            "institution": self.institution,
            "level": self.level,
            "subject": self.subject,
            "score": round(self.score, 3),
            "source": self.source,
        }


@dataclass(frozen=True)
class CourseMatch:
    """The outcome of matching: found, a known qualification, a choice, or unknown."""

    outcome: str  # "found" | "qualification" | "choose" | "unknown"
    candidates: List[Candidate] = field(default_factory=list)

    @property
    def best(self) -> Optional[Candidate]:
        """The best candidate, if any."""
        return self.candidates[0] if self.candidates else None


_GAZETTEERS: OrderedDict[Tuple[str, Optional[str], str], Gazetteer] = OrderedDict()
_GAZETTEERS_LOCK = threading.Lock()
#: how many gazetteers (databases x networks) to keep
_GAZETTEERS_KEPT = 4


def gazetteer(session: Session, network: Optional[str] = None) -> Gazetteer:
    """The gazetteer of the session's database, rebuilt when the catalogue changes."""
    key = (str(session.get_bind().url), network, catalogue_fingerprint(session))
    with _GAZETTEERS_LOCK:
        found = _GAZETTEERS.get(key)
        if found is not None:
            _GAZETTEERS.move_to_end(key)
            return found
    built = Gazetteer.from_session(session, network=network)
    with _GAZETTEERS_LOCK:
        _GAZETTEERS[key] = built
        while len(_GAZETTEERS) > _GAZETTEERS_KEPT:
            _GAZETTEERS.popitem(last=False)
    return built


def _same_institution(wanted: Optional[str], actual: Optional[str]) -> bool:
    if not wanted:
        return True
    if not actual:
        return False
    return fuzz.partial_ratio(wanted.lower(), actual.lower()) >= 80


def candidates(
    session: Session,
    text: str,
    institution: Optional[str] = None,
    network: Optional[str] = None,
) -> List[Candidate]:
    """Courses and qualifications ``text`` may mean, best first."""
    found = gazetteer(session, network).resolve_course(text, institution=institution)
    return sorted(
        (Candidate.of(c) for c in found), key=lambda c: (-c.score, c.title, c.institution or "")
    )


def decide(
    found: Sequence[Candidate],
    level: Optional[int] = None,
    institution: Optional[str] = None,
) -> CourseMatch:
    """Turn ranked candidates into an outcome.

    A level or institution the learner gave narrows the catalogue candidates when
    some of them fit it.
    """
    catalogue = [c for c in found if c.source == "catalogue" and c.course_id]
    if level is not None and any(c.level == level for c in catalogue):
        catalogue = [c for c in catalogue if c.level == level]
    if institution and any(_same_institution(institution, c.institution) for c in catalogue):
        catalogue = [c for c in catalogue if _same_institution(institution, c.institution)]
    qualifications = [c for c in found if c.source != "catalogue" and c.level is not None]
    if catalogue and catalogue[0].score >= CONFIDENT:
        top = catalogue[0]
        rivals = [
            c
            for c in catalogue[1:]
            if top.score - c.score < MARGIN and c.course_id != top.course_id
        ]
        if not rivals:
            return CourseMatch("found", [top])
        return CourseMatch("choose", [top, *rivals][:MAX_CHOICES])
    near = [c for c in catalogue if c.score >= NEAR]
    best_near = near[0].score if near else 0.0
    if qualifications and qualifications[0].score >= CONFIDENT and best_near < 0.75:
        return CourseMatch("qualification", [qualifications[0]])
    if near:
        return CourseMatch("choose", near[:MAX_CHOICES])
    return CourseMatch("unknown")


def match_course(
    session: Session,
    text: str,
    level: Optional[int] = None,
    institution: Optional[str] = None,
    network: Optional[str] = None,
) -> CourseMatch:
    """Match a learner's course against the catalogue (see :func:`decide`).

    ``level`` defaults to the level the text names or implies ("L3", "ext dip").
    """
    if not text.strip():
        return CourseMatch("unknown")
    if level is None:
        level = gazetteer(session, network).parse_level(text)
    return decide(candidates(session, text, institution, network), level, institution)


#: a subject match at least this good replaces the learner's words
SUBJECT_MATCH = 0.8


def catalogue_subject(session: Session, text: str, network: Optional[str] = None) -> Optional[str]:
    """The catalogue subject the learner's words mean ("art and design" -> "Creative ...")."""
    if not text.strip():
        return None
    found = gazetteer(session, network).resolve_subject(text)
    return found.name if found is not None and found.score >= SUBJECT_MATCH else None


def level_of(session: Session, text: str, network: Optional[str] = None) -> Optional[int]:
    """The level a course description names or implies, if any."""
    return gazetteer(session, network).parse_level(text) if text.strip() else None


def from_extractor(entity: Dict[str, Any]) -> Optional[Candidate]:
    """The resolution the catalogue entity extractor attached to a ``course`` entity."""
    info = entity.get("additional_info")
    if not isinstance(info, dict) or not info.get("title"):
        return None
    return Candidate.of(info)
