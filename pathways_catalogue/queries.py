"""Read-only catalogue queries. Each takes a ``Session``; the caller owns it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, joinedload

from pathways_catalogue.models import (
    Contact,
    Course,
    Institution,
    Network,
    Progression,
    Qualification,
    split_list,
)
from pathways_catalogue.text import match_terms, terms


class CatalogueError(LookupError):
    """A query cannot be answered as asked (unknown course, town, network...)."""


def network_id(session: Session, slug: Optional[str]) -> Optional[int]:
    """Return the id of network ``slug``; None means every network.

    Raises:
        CatalogueError: if there is no such network.

    """
    if not slug:
        return None
    found = session.execute(select(Network.id).where(Network.slug == slug)).scalar()
    if found is None:
        known = ", ".join(session.execute(select(Network.slug)).scalars()) or "none"
        raise CatalogueError(f"no network {slug!r} (imported networks: {known})")
    return int(found)


def institution_names(
    session: Session, codes: Optional[Iterable[str]] = None
) -> Dict[str, str]:
    """The names of institutions by their catalogue id (``code``), for people to read.

    ``codes`` limits the answer to those ids (None: every institution). An id in more
    than one network takes the name in the network loaded first; an id the catalogue
    does not know is simply missing (callers show the id).
    """
    query = select(Institution.code, Institution.name).order_by(
        Institution.network_id.desc(), Institution.id.desc()
    )
    if codes is not None:
        wanted = sorted({c for c in codes if c})
        if not wanted:
            return {}
        query = query.where(Institution.code.in_(wanted))
    # the last row of a code wins: ordered so that it is the first network's
    return {str(code): str(name) for code, name in session.execute(query)}


def get_course(session: Session, code: str, network: Optional[str] = None) -> Course:
    """Return the course with catalogue id ``code``.

    Raises:
        CatalogueError: if no course, or more than one network, has that id.

    """
    query = select(Course).options(joinedload(Course.institution)).where(Course.code == code)
    nid = network_id(session, network)
    if nid is not None:
        query = query.where(Course.network_id == nid)
    found = session.execute(query).scalars().all()
    if not found:
        raise CatalogueError(f"no course with id {code!r}")
    if len(found) > 1:
        raise CatalogueError(f"course id {code!r} is in several networks: name one")
    return found[0]


@dataclass(frozen=True)
class CourseHit:
    """A course found by :func:`search_courses`, with its match score (0-100)."""

    course: Course
    score: float


def _course_names(course: Course) -> List[str]:
    return [course.title, *course.alias_list]


def search_courses(
    session: Session,
    text: str,
    network: Optional[str] = None,
    limit: int = 10,
    min_score: float = 60.0,
) -> List[CourseHit]:
    """Find courses whose title or aliases match ``text``, typos allowed."""
    query = select(Course).options(joinedload(Course.institution))
    nid = network_id(session, network)
    if nid is not None:
        query = query.where(Course.network_id == nid)
    courses = session.execute(query).scalars().all()
    choices: List[str] = []
    owners: List[int] = []
    for index, course in enumerate(courses):
        for name in _course_names(course):
            choices.append(name.lower())
            owners.append(index)
    wanted = text.lower().strip()
    best: Dict[int, float] = {}
    for _choice, score, position in process.extract(
        wanted, choices, scorer=fuzz.WRatio, limit=limit * 8, score_cutoff=min_score
    ):
        owner = owners[position]
        best[owner] = max(best.get(owner, 0.0), float(score))
    ranked = sorted(best.items(), key=lambda item: (-item[1], courses[item[0]].title))
    return [CourseHit(courses[i], round(s, 1)) for i, s in ranked[:limit]]


def subjects(session: Session, network: Optional[str] = None) -> List[str]:
    """Distinct subject names in the catalogue, sorted (kept per network at import)."""
    query = select(Network.subjects)
    nid = network_id(session, network)
    if nid is not None:
        query = query.where(Network.id == nid)
    return sorted({s for row in session.execute(query).scalars() for s in split_list(row)})


def resolve_subject(session: Session, text: str, network: Optional[str] = None) -> Optional[str]:
    """Map a learner's subject wording to a catalogue subject key, or None."""
    known = sorted({s.lower() for s in subjects(session, network)})
    if not known or not text.strip():
        return None
    wanted = terms(text)
    scored: List[Tuple[float, str]] = []
    for subject in known:
        overlap, _ = match_terms(wanted, terms(subject))
        spelling = fuzz.WRatio(text.lower(), subject.lower()) / 100.0
        scored.append((max(overlap, spelling if spelling >= 0.85 else 0.0), subject))
    score, subject = max(scored)
    return subject if score >= 0.5 else None


def haversine_km(a: Tuple[float, float], b: Tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def town_points(
    session: Session, network: Optional[str] = None
) -> Dict[str, List[Tuple[float, float]]]:
    """The catalogue's towns, each with the points of the institutions there.

    A town is an institution's, or a course's taught away from its institution's main
    site (a campus in Darwen of a college in Blackburn: the college's point stands in).
    """
    nid = network_id(session, network)
    located = (Institution.latitude.is_not(None), Institution.longitude.is_not(None))
    own = select(Institution.town, Institution.latitude, Institution.longitude).where(*located)
    taught = (
        select(Course.town, Institution.latitude, Institution.longitude)
        .join(Institution, Institution.id == Course.institution_id)
        .where(*located, Course.town != "", Course.town != Institution.town)
        .distinct()
    )  # fmt: skip
    if nid is not None:
        own = own.where(Institution.network_id == nid)
        taught = taught.where(Course.network_id == nid)
    places: Dict[str, List[Tuple[float, float]]] = {}
    for query in (own, taught):
        for name, lat, lon in session.execute(query):
            if name and (lat, lon) not in places.get(name, []):
                places.setdefault(name, []).append((lat, lon))
    return places


def town_location(
    session: Session, town: str, network: Optional[str] = None
) -> Tuple[str, Tuple[float, float]]:
    """Return (town name, (lat, lon)) for a town known to the catalogue.

    Towns are those of the institutions and of the courses (:func:`town_points`);
    small misspellings are forgiven.

    Raises:
        CatalogueError: for a town the catalogue does not know.

    """
    places = town_points(session, network)
    match = process.extractOne(
        town.strip(),
        list(places),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=85,
    )
    if match is None:
        known = ", ".join(sorted(places)) or "none"
        raise CatalogueError(f"unknown town {town!r} (known towns: {known})")
    name = match[0]
    points = places[name]
    centre = (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )
    return name, centre


def contacts_for(session: Session, institution_ids: Sequence[int]) -> Dict[int, List[Contact]]:
    """Contacts of each institution, keyed by institution id."""
    out: Dict[int, List[Contact]] = {}
    if not institution_ids:
        return out
    query = (
        select(Contact).where(Contact.institution_id.in_(set(institution_ids))).order_by(Contact.id)
    )
    for contact in session.execute(query).scalars():
        out.setdefault(contact.institution_id, []).append(contact)
    return out


def pick_contact(contacts: Sequence[Contact], subject: str) -> Optional[Contact]:
    """Choose the contact for ``subject``: a subject specialist, else a generalist."""
    wanted = subject.strip().lower()
    specialists = [c for c in contacts if wanted in {s.lower() for s in c.subject_list}]
    if specialists:
        return specialists[0]
    generalists = [c for c in contacts if not c.subject_list]
    if generalists:
        return generalists[0]
    return None


def institution_contact(
    session: Session, name: str, network: Optional[str] = None, subject: str = ""
) -> Optional[Tuple[str, Contact]]:
    """The institution called ``name`` (or with that id) and who to contact there.

    The contact for ``subject`` if the institution lists one, else its general
    contact; None if the institution or a contact is not in the catalogue.
    """
    query = select(Institution).where(
        or_(func.lower(Institution.name) == name.strip().lower(), Institution.code == name.strip())
    )
    nid = network_id(session, network)
    if nid is not None:
        query = query.where(Institution.network_id == nid)
    institution = session.execute(query.limit(1)).scalars().first()
    if institution is None:
        return None
    chosen = pick_contact(contacts_for(session, [institution.id]).get(institution.id, []), subject)
    return (institution.name, chosen) if chosen is not None else None


def stats(session: Session) -> Dict[str, object]:
    """Row counts per network, and the gazetteer size."""
    networks = []
    for network in session.execute(select(Network).order_by(Network.slug)).scalars():
        counts = {}
        for label, model in (
            ("institutions", Institution),
            ("courses", Course),
            ("progressions", Progression),
            ("contacts", Contact),
        ):
            counts[label] = session.execute(
                select(func.count()).select_from(model).where(model.network_id == network.id)
            ).scalar_one()
        networks.append({"slug": network.slug, "name": network.name, **counts})
    qualifications = session.execute(select(func.count()).select_from(Qualification)).scalar_one()
    return {"networks": networks, "qualifications": qualifications}
