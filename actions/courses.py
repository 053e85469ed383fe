"""Which course a learner is on: deciding between the catalogue's candidates.

Each message is resolved against the live catalogue by :func:`message_resolver`
(built once per catalogue version); a course mention carries its candidates, and
:func:`decide` turns them into an outcome (found, a known qualification, a choice, or
unknown). Text no entity covers (a typed answer) is resolved with the same resolver.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from pathways_catalogue.fingerprint import catalogue_version
from pathways_catalogue.mentions import MessageResolver
from pathways_catalogue.queries import CatalogueError, get_course
from pathways_catalogue.resolve import Gazetteer
from pathways_catalogue.text import terms

#: a catalogue match at least this good (0..1), and clearly ahead, is taken as it is
CONFIDENT = 0.85
#: a catalogue match at least this good is offered as "did you mean ...?"
NEAR = 0.6
#: how far ahead the best match must be to be taken without asking
MARGIN = 0.06
#: a qualification outside the network at least this good gives its level and subject
QUALIFICATION_FIT = 0.75
#: how many "did you mean" options to offer
MAX_CHOICES = 3


@dataclass(frozen=True)
class Candidate:
    """A course a learner's words may mean (the fields of ``resolve.CourseCandidate``)."""

    course_id: Optional[str]
    title: str
    institution: Optional[str]
    level: Optional[int]
    subject: Optional[str]
    score: float
    source: str = "catalogue"
    institution_id: Optional[str] = None
    #: the kinds of qualification the learner's words named ("hnc", "btec")
    families: Tuple[str, ...] = ()

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
            institution_id=get("institution_id"),
            families=tuple(get("families") or ()),
        )

    @property
    def in_catalogue(self) -> bool:
        """Whether this is a course of the network (not only a kind of qualification)."""
        return self.source == "catalogue" and bool(self.course_id)

    def as_option(self) -> Dict[str, Any]:
        """A JSON-friendly copy (kept in the ``course_candidates`` slot)."""
        return {
            "course_id": self.course_id,
            "title": self.title,
            "institution": self.institution,
            "level": self.level,
            "subject": self.subject,
        }


class Outcome(str, Enum):
    """What the words naming a course came to."""

    #: one catalogue course (``assumed`` when taken without asking)
    FOUND = "found"
    #: a known qualification outside the network (its level and subject)
    QUALIFICATION = "qualification"
    #: several close catalogue courses: the learner picks
    CHOOSE = "choose"
    #: nothing close enough
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class CourseMatch:
    """The outcome of resolving a course name, with the candidates behind it."""

    outcome: Outcome
    candidates: List[Candidate] = field(default_factory=list)
    #: taken without asking: a near miss that was the only fit at the college named, or
    #: the best of close fits there (the other candidates follow the best)
    assumed: bool = False

    @property
    def best(self) -> Optional[Candidate]:
        """The best candidate, if any."""
        return self.candidates[0] if self.candidates else None


def same_institution(wanted: Optional[str], candidate: Candidate) -> bool:
    """Whether ``candidate`` is at the institution the learner named (name or id)."""
    if not wanted:
        return True
    if wanted == candidate.institution_id:
        return True
    if not candidate.institution:
        return False
    return fuzz.partial_ratio(wanted.lower(), candidate.institution.lower()) >= 80


def decide(
    found: Sequence[Candidate], level: Optional[int] = None, institution: Optional[str] = None
) -> CourseMatch:
    """Turn ranked candidates into an outcome.

    A level or institution the learner gave narrows the catalogue candidates when some
    of them fit it. At a named college, a near miss that is the only course there at
    its level and in its subject is taken (``assumed``).
    """
    ranked = sorted(found, key=lambda c: -c.score)
    catalogue = [c for c in ranked if c.in_catalogue]
    if level is not None and any(c.level == level for c in catalogue):
        catalogue = [c for c in catalogue if c.level == level]
    at_college = [c for c in catalogue if institution and same_institution(institution, c)]
    if at_college:
        catalogue = at_college
    qualifications = [c for c in ranked if not c.in_catalogue and c.level is not None
                      and level in (None, c.level)]  # fmt: skip ("on level 3": no Level 1 Award)
    if catalogue and catalogue[0].score >= CONFIDENT:
        top = catalogue[0]
        rivals = [c for c in catalogue[1:]
                  if top.score - c.score < MARGIN and c.course_id != top.course_id]  # fmt: skip
        if not rivals:
            return CourseMatch(Outcome.FOUND, [top])
        if at_college and all(c.level == top.level and c.subject == top.subject for c in rivals):
            # two courses at the college named, in one subject and level (a BTEC and a
            # T Level): take the better fit and say so, with the others as a correction
            return CourseMatch(Outcome.FOUND, [top, *rivals][:MAX_CHOICES], assumed=True)
        return CourseMatch(Outcome.CHOOSE, [top, *rivals][:MAX_CHOICES])
    if at_college and catalogue[0].score >= NEAR:
        top = catalogue[0]
        fits = {c.course_id for c in catalogue
                if c.level == top.level and c.subject == top.subject}  # fmt: skip
        if len(fits) == 1:
            return CourseMatch(Outcome.FOUND, [top], assumed=True)
    near = [c for c in catalogue if c.score >= NEAR]
    best_near = near[0].score if near else 0.0
    if qualifications and qualifications[0].score >= QUALIFICATION_FIT and best_near < 0.75:
        return CourseMatch(Outcome.QUALIFICATION, [qualifications[0]])
    if near:
        return CourseMatch(Outcome.CHOOSE, near[:MAX_CHOICES])
    return CourseMatch(Outcome.UNKNOWN)


# -- resolving text the NLU did not tag ------------------------------------

_RESOLVERS: OrderedDict[Tuple[str, Optional[str], str], MessageResolver] = OrderedDict()
_LOCK = threading.Lock()
#: held while a resolver is built, so learners arriving together wait for one build
#: instead of each building their own (seconds on a large catalogue)
_BUILDING = threading.Lock()
#: how many resolvers (databases x networks) to keep
_KEPT = 4


def _cached(key: Tuple[str, Optional[str], str]) -> Optional[MessageResolver]:
    with _LOCK:
        found = _RESOLVERS.get(key)
        if found is not None:
            _RESOLVERS.move_to_end(key)
        return found


def message_resolver(session: Session, network: Optional[str] = None) -> MessageResolver:
    """The resolver of the session's catalogue, built once per catalogue version.

    Every message is resolved with it (:meth:`MessageResolver.resolve`). The action
    server builds it before it takes calls (:func:`warm_up`); a new catalogue version
    (an import, a publish) is built by the first turn that meets it, while the others
    wait: the import is understood at the next message, with no retraining.
    """
    key = (str(session.get_bind().url), network, catalogue_version(session))
    found = _cached(key)
    if found is not None:
        return found
    with _BUILDING:
        found = _cached(key)  # built while this turn waited
        if found is not None:
            return found
        built = MessageResolver(Gazetteer.from_session(session, network=network))
        built.finder  # noqa: B018 - the spaCy matchers, built now rather than mid-turn
        with _LOCK:
            _RESOLVERS[key] = built
            while len(_RESOLVERS) > _KEPT:
                _RESOLVERS.popitem(last=False)
    return built


def resolver(session: Session, network: Optional[str] = None) -> Gazetteer:
    """The gazetteer of the session's catalogue (see :func:`message_resolver`)."""
    return message_resolver(session, network).gazetteer


def warm_up(
    session: Session, network: Optional[str] = None, cache: Optional[Path] = None
) -> MessageResolver:
    """Build the resolver of the served catalogue now, before any learner needs it.

    With ``cache`` (a folder) its Ofqual index is built too, or read from there when it
    was stored before (:mod:`pathways_catalogue.resolve.ofqual_cache`); without, the
    first message that needs the index builds it.
    """
    built = message_resolver(session, network)
    if cache is not None:
        built.gazetteer.warm_up(cache)
    return built


def match_text(
    session: Session,
    text: str,
    level: Optional[int] = None,
    institution: Optional[str] = None,
    network: Optional[str] = None,
) -> CourseMatch:
    """Resolve a course typed as text (no entity carried a resolution) and decide."""
    if not text.strip():
        return CourseMatch(Outcome.UNKNOWN)
    found = resolver(session, network).resolve_course(text, institution=institution)
    level = level if level is not None else general().parse_level(text)
    return decide([Candidate.of(c) for c in found], level, institution)


def catalogue_subject(session: Session, text: str, network: Optional[str] = None) -> Optional[str]:
    """The catalogue subject the learner's words mean ("art and design" -> "Creative ...")."""
    if not text.strip():
        return None
    found = resolver(session, network).resolve_subject(text)
    return found.name if found is not None and found.score >= 0.8 else None


def by_id(session: Session, course_id: str, network: Optional[str] = None) -> Optional[Candidate]:
    """The catalogue course ``course_id`` as a candidate (a "did you mean" button)."""
    try:
        course = get_course(session, course_id, network)
    except CatalogueError:
        return None
    return Candidate(
        course_id=course.code, title=course.title, institution=course.institution.name,
        level=course.level, subject=course.subject, score=1.0,
        institution_id=course.institution.code,
    )  # fmt: skip


@lru_cache(maxsize=1)
def general() -> Gazetteer:
    """A resolver with no catalogue: general qualification words and levels only."""
    return Gazetteer()


def families_of(text: str) -> Tuple[str, ...]:
    """The kinds of qualification a title names ("HNC in ..." -> hnc), with wider families."""
    return tuple(sorted(general().qualification_families(text)))


def implied_level(text: str) -> Optional[int]:
    """The level a text names or implies ("L3", "HND" -> 5), without a catalogue."""
    return general().parse_level(text)


#: title words every kind of course shares, which tell none of a college's courses apart
_GENERIC_TITLE_TERMS = frozenset(terms(
    "level diploma extended certificate national award technical advanced course courses "
    "college qualification study studying"
))


def closest_at_college(
    session: Session,
    network: Optional[str],
    institution: str,
    level: int,
    words: str,
    subject: Optional[str] = None,
    every_word: bool = False,
) -> Optional[Candidate]:
    """The one course at ``institution`` and ``level`` the learner's words name best.

    Each course's title, aliases and keywords are compared with ``words`` ("my aat",
    "the electrical one"), leaving out what every title shares ("level", "diploma");
    None unless one course shares more words than any other (``every_word``: all of
    them). ``subject`` narrows the courses to one field first.
    """
    wanted = set(terms(words)) - _GENERIC_TITLE_TERMS
    best: List[Tuple[int, Dict[str, Any]]] = []
    for course in resolver(session, network).courses:
        if course["level"] != level or course.get("institution") != institution:
            continue
        if subject and course.get("subject") != subject:
            continue
        names = " ".join([course["title"], *course["aliases"], *course.get("keywords", [])])
        shared = len(wanted & set(terms(names)))
        best.append((shared, course))
    best.sort(key=lambda pair: -pair[0])
    if every_word:
        best = [pair for pair in best if pair[0] == len(wanted)]
    if not best or best[0][0] == 0 or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return by_id(session, str(best[0][1]["course_id"]), network)
