"""Where a network's progression routes are missing: a coordinator's report of its gaps.

Every query takes a ``Session`` and the network's slug (None: the only network
imported) and reads the catalogue only. The kinds of gap:

- **dead ends**: courses below level 6 with no progression agreement out of them;
- **subjects without a route**: subjects where no chain of agreements leads from a
  level 3 course to a course at level 6 or above in the same subject;
- **no top-up**: level 4 and 5 courses with no agreement to a course at level 6 or
  above;
- **no contact**: an institution teaches a subject but lists nobody for it (neither a
  contact for that subject nor one for all subjects);
- **no grade named**: agreements whose conditions name no grade or points
  (:func:`pathways_catalogue.vocabulary.names_grade`);
- **unreached**: courses above their subject's entry level that no agreement leads to.

A *subject* is the course's ``subject`` column of ``courses.csv`` (one name per
course, such as "Engineering"), compared without regard to case as the catalogue
stores it (``Course.subject_key``). Routes follow agreements only: the route search
of :mod:`pathways_catalogue.routes` fills missing links with "no formal agreement"
ladder steps, which would hide exactly the gaps this report is for.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pathways_catalogue.models import Contact, Course, Institution, Network, Progression
from pathways_catalogue.queries import CatalogueError, pick_contact
from pathways_catalogue.vocabulary import names_grade

#: the level of a bachelor's degree: the top of the routes this report looks for
DEGREE_LEVEL = 6
#: where a route to a degree starts (A level, BTEC National, T Level, Access to HE)
ROUTE_START_LEVEL = 3
#: the levels a top-up degree follows (HNC, HND, foundation degree)
TOP_UP_LEVELS: Tuple[int, ...] = (4, 5)

#: the gap kinds, in report order, with their headings
KINDS: Dict[str, str] = {
    "dead_ends": "Dead ends",
    "subjects_without_route": "Subjects with no route from level 3 to level 6",
    "without_top_up": "Level 4 and 5 courses with no top-up",
    "without_contact": "Institutions and subjects with no contact",
    "without_grade": "Agreements that name no grade or points",
    "unreached": "Courses no agreement reaches",
}
#: the columns of one gap as a CSV row
ROW_COLUMNS: Tuple[str, ...] = (
    "kind", "course_id", "title", "institution", "level", "subject", "detail",
)  # fmt: skip


@dataclass(frozen=True)
class CourseGap:
    """A course with a gap (dead end, no top-up, unreached)."""

    course_id: str
    title: str
    institution: str
    institution_id: str
    level: int
    subject: str
    detail: str = ""


@dataclass(frozen=True)
class SubjectGap:
    """A subject with no agreement-backed route from level 3 to level 6."""

    subject: str
    level3_courses: int
    degree_courses: int
    detail: str


@dataclass(frozen=True)
class ContactGap:
    """An institution that teaches a subject and lists nobody to contact about it."""

    institution: str
    institution_id: str
    subject: str
    courses: int


@dataclass(frozen=True)
class AgreementGap:
    """An agreement whose conditions name no grade or points."""

    from_course_id: str
    from_title: str
    institution: str
    institution_id: str
    level: int
    subject: str
    to_course_id: str
    to_title: str
    kind: str
    conditions: str


@dataclass(frozen=True)
class MapCourse:
    """A course as the network picture draws it."""

    course_id: str
    title: str
    institution: str
    level: int
    subject: str
    dead_end: bool


@dataclass(frozen=True)
class NetworkMap:
    """A network's courses and agreements (``(from id, to id)``), for drawing."""

    network: str
    name: str
    courses: Tuple[MapCourse, ...]
    agreements: Tuple[Tuple[str, str], ...]


@dataclass
class GapsReport:
    """Every kind of gap in one network."""

    network: str
    name: str
    dead_ends: List[CourseGap] = field(default_factory=list)
    subjects_without_route: List[SubjectGap] = field(default_factory=list)
    without_top_up: List[CourseGap] = field(default_factory=list)
    without_contact: List[ContactGap] = field(default_factory=list)
    without_grade: List[AgreementGap] = field(default_factory=list)
    unreached: List[CourseGap] = field(default_factory=list)

    def counts(self) -> Dict[str, int]:
        """How many gaps of each kind, in :data:`KINDS` order."""
        return {kind: len(getattr(self, kind)) for kind in KINDS}

    def to_dict(self) -> Dict[str, Any]:
        """The report as plain data: ``{"network": slug, "dead_ends": [...], ...}``."""
        out: Dict[str, Any] = {"network": self.network, "name": self.name}
        out["counts"] = self.counts()
        for kind in KINDS:
            out[kind] = [asdict(gap) for gap in getattr(self, kind)]
        return out

    def to_json(self, indent: Optional[int] = 2) -> str:
        """:meth:`to_dict` as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def rows(self) -> List[Dict[str, Any]]:
        """One row per gap with the columns of :data:`ROW_COLUMNS` (for a CSV export)."""
        out: List[Dict[str, Any]] = []
        for kind in ("dead_ends", "without_top_up", "unreached"):
            for c in getattr(self, kind):
                out.append(_row(kind, c.course_id, c.title, c.institution, c.level, c.subject,
                                c.detail))  # fmt: skip
        for s in self.subjects_without_route:
            out.append(_row("subjects_without_route", "", "", "", "", s.subject, s.detail))
        for g in self.without_contact:
            detail = f"{g.courses} course(s), nobody listed for this subject or all subjects"
            out.append(_row("without_contact", "", "", g.institution, "", g.subject, detail))
        for a in self.without_grade:
            detail = f"{a.kind} to {a.to_course_id} ({a.to_title}): {a.conditions or '(none)'}"
            out.append(_row("without_grade", a.from_course_id, a.from_title, a.institution,
                            a.level, a.subject, detail))  # fmt: skip
        order = list(KINDS)
        out.sort(key=lambda r: order.index(r["kind"]))
        return out


def _row(kind: str, course_id: str, title: str, institution: str, level: Any, subject: str,
         detail: str) -> Dict[str, Any]:  # fmt: skip
    values = (kind, course_id, title, institution, level, subject, detail)
    return dict(zip(ROW_COLUMNS, values, strict=True))


# -- reading the network --------------------------------------------------


@dataclass(frozen=True)
class _Course:
    db_id: int
    code: str
    title: str
    level: int
    subject: str
    subject_key: str
    institution_db_id: int
    institution: str
    institution_id: str


@dataclass(frozen=True)
class _Agreement:
    from_id: int
    to_id: int
    kind: str
    conditions: str


@dataclass
class _Snapshot:
    """One network read once: courses, agreements, contacts."""

    network: Network
    courses: Dict[int, _Course]
    agreements: List[_Agreement]
    contacts: Dict[int, List[Contact]]

    def out_of(self) -> Dict[int, List[_Agreement]]:
        found: Dict[int, List[_Agreement]] = {}
        for a in self.agreements:
            found.setdefault(a.from_id, []).append(a)
        return found

    def ordered(self) -> List[_Course]:
        return sorted(
            self.courses.values(),
            key=lambda c: (c.subject_key, c.level, c.institution.lower(), c.code),
        )


def report_network(session: Session, network: Optional[str]) -> Network:
    """The network called ``network``; None means the only network imported.

    Raises:
        CatalogueError: if there is no such network, none at all, or several and
            none was named.

    """
    if network:
        found = session.execute(select(Network).where(Network.slug == network)).scalar()
        if found is None:
            raise CatalogueError(f"no network {network!r} (imported: {_slugs(session)})")
        return found
    every = session.execute(select(Network).order_by(Network.slug)).scalars().all()
    if len(every) == 1:
        return every[0]
    if not every:
        raise CatalogueError("no network imported")
    raise CatalogueError(f"several networks imported ({_slugs(session)}): name one")


def _slugs(session: Session) -> str:
    return ", ".join(session.execute(select(Network.slug).order_by(Network.slug)).scalars())


def _snapshot(session: Session, network: Optional[str]) -> _Snapshot:
    net = report_network(session, network)
    rows = session.execute(
        select(
            Course.id, Course.code, Course.title, Course.level, Course.subject,
            Course.subject_key, Institution.id, Institution.name, Institution.code,
        )
        .join(Institution, Institution.id == Course.institution_id)
        .where(Course.network_id == net.id)
    )  # fmt: skip
    courses = {row[0]: _Course(*row) for row in rows}
    agreements = [
        _Agreement(*row)
        for row in session.execute(
            select(
                Progression.from_course_id, Progression.to_course_id, Progression.kind,
                Progression.conditions,
            ).where(Progression.network_id == net.id).order_by(Progression.id)
        )
    ]  # fmt: skip
    contacts: Dict[int, List[Contact]] = {}
    query = select(Contact).where(Contact.network_id == net.id).order_by(Contact.id)
    for contact in session.execute(query).scalars():
        contacts.setdefault(contact.institution_id, []).append(contact)
    return _Snapshot(net, courses, agreements, contacts)


def _course_gap(course: _Course, detail: str = "") -> CourseGap:
    return CourseGap(
        course_id=course.code,
        title=course.title,
        institution=course.institution,
        institution_id=course.institution_id,
        level=course.level,
        subject=course.subject,
        detail=detail,
    )


# -- the kinds of gap -----------------------------------------------------


def _dead_ends(snap: _Snapshot) -> List[CourseGap]:
    leaving = {a.from_id for a in snap.agreements}
    return [
        _course_gap(c, "no agreement out of this course")
        for c in snap.ordered()
        if c.level < DEGREE_LEVEL and c.db_id not in leaving
    ]


def _without_top_up(snap: _Snapshot) -> List[CourseGap]:
    out_of = snap.out_of()
    found = []
    for course in snap.ordered():
        if course.level not in TOP_UP_LEVELS:
            continue
        onward = [snap.courses[a.to_id] for a in out_of.get(course.db_id, [])]
        if not any(c.level >= DEGREE_LEVEL for c in onward):
            highest = max((c.level for c in onward), default=None)
            detail = (
                f"agreements reach level {highest} at most" if highest is not None
                else "no agreement out of this course"
            )  # fmt: skip
            found.append(_course_gap(course, detail))
    return found


def _reaches_degree(
    snap: _Snapshot,
    out_of: Dict[int, List[_Agreement]],
    starts: Iterable[int],
    subject_key: str,
) -> bool:
    """Whether agreements lead from any of ``starts`` to a degree-level course in the subject.

    The courses on the way may be of any subject (an Access to HE course may lead
    to nursing); the route must end in the subject it started in.
    """
    seen: Set[int] = set(starts)
    queue = deque(seen)
    while queue:
        here = queue.popleft()
        for agreement in out_of.get(here, []):
            there = snap.courses[agreement.to_id]
            if there.level >= DEGREE_LEVEL and there.subject_key == subject_key:
                return True
            if there.db_id not in seen:
                seen.add(there.db_id)
                queue.append(there.db_id)
    return False


def _subjects_without_route(snap: _Snapshot) -> List[SubjectGap]:
    by_subject: Dict[str, List[_Course]] = {}
    for course in snap.ordered():
        by_subject.setdefault(course.subject_key, []).append(course)
    out_of = snap.out_of()
    found = []
    for key, courses in sorted(by_subject.items()):
        starts = [c.db_id for c in courses if c.level == ROUTE_START_LEVEL]
        degrees = sum(1 for c in courses if c.level >= DEGREE_LEVEL)
        if not starts and not degrees:
            detail = "no level 3 course and no course at level 6 or above"
        elif not starts:
            detail = "no level 3 course in the network"
        elif not degrees:
            detail = "no course at level 6 or above in the network"
        elif not _reaches_degree(snap, out_of, starts, key):
            detail = "no chain of agreements from a level 3 course to level 6"
        else:
            continue
        found.append(SubjectGap(courses[0].subject, len(starts), degrees, detail))
    return found


def _without_contact(snap: _Snapshot) -> List[ContactGap]:
    pairs: Dict[Tuple[int, str], List[_Course]] = {}
    for course in snap.ordered():
        pairs.setdefault((course.institution_db_id, course.subject_key), []).append(course)
    found = []
    for (institution, _key), courses in pairs.items():
        first = courses[0]
        if pick_contact(snap.contacts.get(institution, []), first.subject) is None:
            found.append(
                ContactGap(first.institution, first.institution_id, first.subject, len(courses))
            )
    return sorted(found, key=lambda g: (g.institution.lower(), g.subject.lower()))


def _without_grade(snap: _Snapshot) -> List[AgreementGap]:
    found = []
    for a in snap.agreements:
        if names_grade(a.conditions):
            continue
        source, target = snap.courses[a.from_id], snap.courses[a.to_id]
        found.append(
            AgreementGap(
                from_course_id=source.code,
                from_title=source.title,
                institution=source.institution,
                institution_id=source.institution_id,
                level=source.level,
                subject=source.subject,
                to_course_id=target.code,
                to_title=target.title,
                kind=a.kind,
                conditions=a.conditions,
            )
        )
    return sorted(found, key=lambda g: (g.subject.lower(), g.level, g.from_course_id,
                                        g.to_course_id))  # fmt: skip


def _unreached(snap: _Snapshot) -> List[CourseGap]:
    """Courses above their subject's entry level with no agreement into them.

    A subject's entry level is the lowest level it is taught at in the network:
    learners join there from school or work, so no agreement is expected into it.
    """
    arriving = {a.to_id for a in snap.agreements}
    entry: Dict[str, int] = {}
    for course in snap.courses.values():
        entry[course.subject_key] = min(entry.get(course.subject_key, course.level), course.level)
    return [
        _course_gap(c, f"{c.subject} starts at level {entry[c.subject_key]}")
        for c in snap.ordered()
        if c.level > entry[c.subject_key] and c.db_id not in arriving
    ]


# -- the public queries ---------------------------------------------------


def dead_ends(session: Session, network: Optional[str] = None) -> List[CourseGap]:
    """Courses below level 6 with no onward progression agreement."""
    return _dead_ends(_snapshot(session, network))


def subjects_without_route(session: Session, network: Optional[str] = None) -> List[SubjectGap]:
    """Subjects where no chain of agreements leads from level 3 to level 6 or above."""
    return _subjects_without_route(_snapshot(session, network))


def without_top_up(session: Session, network: Optional[str] = None) -> List[CourseGap]:
    """Level 4 and 5 courses with no agreement to a course at level 6 or above."""
    return _without_top_up(_snapshot(session, network))


def without_contact(session: Session, network: Optional[str] = None) -> List[ContactGap]:
    """Institution and subject pairs with courses but nobody to contact about them."""
    return _without_contact(_snapshot(session, network))


def without_grade(session: Session, network: Optional[str] = None) -> List[AgreementGap]:
    """Agreements whose conditions name no grade or points."""
    return _without_grade(_snapshot(session, network))


def unreached(session: Session, network: Optional[str] = None) -> List[CourseGap]:
    """Courses above their subject's entry level that no agreement leads to."""
    return _unreached(_snapshot(session, network))


def gaps_report(session: Session, network: Optional[str] = None) -> GapsReport:
    """Every kind of gap in the network (read once)."""
    snap = _snapshot(session, network)
    return GapsReport(
        network=snap.network.slug,
        name=snap.network.name,
        dead_ends=_dead_ends(snap),
        subjects_without_route=_subjects_without_route(snap),
        without_top_up=_without_top_up(snap),
        without_contact=_without_contact(snap),
        without_grade=_without_grade(snap),
        unreached=_unreached(snap),
    )


def network_map(session: Session, network: Optional[str] = None) -> NetworkMap:
    """The network's courses (dead ends marked) and agreements, for drawing."""
    snap = _snapshot(session, network)
    leaving = {a.from_id for a in snap.agreements}
    courses = tuple(
        MapCourse(c.code, c.title, c.institution, c.level, c.subject,
                  dead_end=c.level < DEGREE_LEVEL and c.db_id not in leaving)
        for c in snap.ordered()
    )  # fmt: skip
    agreements = tuple(
        (snap.courses[a.from_id].code, snap.courses[a.to_id].code) for a in snap.agreements
    )
    return NetworkMap(snap.network.slug, snap.network.name, courses, agreements)


def network_slugs(session: Session) -> List[Tuple[str, str]]:
    """(slug, name) of every network imported, by slug."""
    rows = session.execute(select(Network.slug, Network.name).order_by(Network.slug))
    return [(str(slug), str(name)) for slug, name in rows]


def format_report(report: GapsReport) -> str:
    """The report as readable text, grouped by kind with counts."""
    lines = [f"Gaps in {report.name} ({report.network})", ""]
    for kind, heading in KINDS.items():
        gaps: Sequence[Any] = getattr(report, kind)
        lines.append(f"{heading}: {len(gaps)}")
        for gap in gaps:
            lines.append(f"  {_describe(gap)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _describe(gap: Any) -> str:
    if isinstance(gap, CourseGap):
        return f"L{gap.level} {gap.course_id}: {gap.title} ({gap.institution}); {gap.detail}"
    if isinstance(gap, SubjectGap):
        return f"{gap.subject}: {gap.detail}"
    if isinstance(gap, ContactGap):
        return f"{gap.institution} ({gap.institution_id}): {gap.subject}, {gap.courses} course(s)"
    return (
        f"{gap.from_course_id} -> {gap.to_course_id} [{gap.kind}]: "
        f"{gap.conditions or '(no conditions)'}"
    )


__all__ = [
    "KINDS",
    "ROW_COLUMNS",
    "AgreementGap",
    "ContactGap",
    "CourseGap",
    "GapsReport",
    "MapCourse",
    "NetworkMap",
    "SubjectGap",
    "dead_ends",
    "format_report",
    "gaps_report",
    "network_map",
    "network_slugs",
    "report_network",
    "subjects_without_route",
    "unreached",
    "without_contact",
    "without_grade",
    "without_top_up",
]
