"""Route search: ranked progression routes of one to three hops.

A route starts from the learner's course (or a level and subject when the course
is not in the network) and follows progression agreements. Where a course has no
agreement that fits the learner's constraints, the route goes up the level ladder
in the same subject and that step is marked ``no-formal-agreement``.

Invariants (tested with hypothesis): no course appears twice in a route, levels
never drop below the previous step or the learner's level, and every step is
either backed by an agreement or marked as not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from pathways_catalogue.contract import NO_AGREEMENT
from pathways_catalogue.models import Contact, Course, Institution, Network, Progression
from pathways_catalogue.payloads import (
    ContactDict,
    Route,
    RouteContact,
    RouteDict,
    Step,
    StepDict,
)
from pathways_catalogue.queries import (
    CatalogueError,
    contacts_for,
    get_course,
    haversine_km,
    network_id,
    pick_contact,
    resolve_subject,
    town_location,
)
from pathways_catalogue.text import match_terms, terms
from pathways_catalogue.vocabulary import DURATION_MODE_WORDS, taught_modes

#: how strongly each kind of agreement backs a step (0..1)
KIND_STRENGTH: Dict[str, float] = {
    "guaranteed-place": 1.0,
    "guaranteed-interview": 0.85,
    "advanced-entry": 0.8,
    "credit-recognition": 0.7,
    "recognised-route": 0.6,
    NO_AGREEMENT: 0.3,
}
KIND_PHRASE: Dict[str, str] = {
    "guaranteed-place": "a guaranteed place",
    "guaranteed-interview": "a guaranteed interview",
    "advanced-entry": "advanced entry (you skip the first year)",
    "credit-recognition": "credit for what you have already studied",
    "recognised-route": "a recognised progression route",
    NO_AGREEMENT: "no formal agreement (apply in the usual way)",
}
MAX_HOPS = 3
#: ladder steps considered from one course, best first
LADDER_WIDTH = 5
#: how many levels above the current one the ladder may climb in one step
LADDER_REACH = 3
#: ladder candidates read per (level, subject), nearest levels first; bounds the work
#: on very large networks (a real network has far fewer courses per subject)
LADDER_POOL = 40
DEFAULT_RADIUS_KM = 30.0
#: partial routes kept between hops (best first); bounds the work per query
BEAM = 30


@dataclass(frozen=True)
class Start:
    """Where the learner is now: a catalogue course, or a level and subject."""

    course: Optional[str] = None
    level: Optional[int] = None
    subject: Optional[str] = None


@dataclass(frozen=True)
class Constraints:
    """Optional limits on the routes suggested."""

    modes: FrozenSet[str] = frozenset()
    town: Optional[str] = None
    max_distance_km: Optional[float] = None
    max_level: Optional[int] = None
    kinds: FrozenSet[str] = frozenset()
    allow_lower: bool = False


@dataclass
class CourseNode:
    """A course reached during the search, with the facts needed to rank it."""

    step: Step
    raw_terms: str
    subject_key: str
    point: Optional[Tuple[float, float]]
    raw_keywords: str = ""

    @cached_property
    def terms(self) -> FrozenSet[str]:
        """The course's lemmas, parsed when first needed."""
        return frozenset(self.raw_terms.split())

    @cached_property
    def keywords(self) -> Tuple[str, ...]:
        """The course's keywords as written in the catalogue."""
        return tuple(k.strip() for k in self.raw_keywords.split(";") if k.strip())


@dataclass
class Origin:
    """The learner's starting point, resolved."""

    db_id: Optional[int]
    title: str
    level: int
    subject_key: Optional[str]
    subject_words: List[str]


COURSE_COLUMNS = (
    Course.id,
    Course.code,
    Course.title,
    Course.qualification,
    Course.level,
    Course.subject,
    Course.subject_key,
    Course.modes,
    Course.town,
    Course.entry_requirements,
    Course.duration,
    Course.url,
    Course.terms,
    Course.keywords,
    Institution.id,
    Institution.code,
    Institution.name,
    Institution.latitude,
    Institution.longitude,
)


def _bounding_box(point: Tuple[float, float], radius_km: float) -> Dict[str, float]:
    """Latitude and longitude bounds of a square around ``point`` (a cheap SQL pre-filter)."""
    lat, lon = point
    dlat = radius_km / 111.0
    dlon = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    return {
        "lat_min": lat - dlat,
        "lat_max": lat + dlat,
        "lon_min": lon - dlon,
        "lon_max": lon + dlon,
    }


@cache
def _agreements_statement() -> Select:
    """Agreements out of the courses in ``:ids``, with their target courses."""
    return (
        select(
            Progression.from_course_id, Progression.kind, Progression.conditions, *COURSE_COLUMNS
        )
        .join(Course, Course.id == Progression.to_course_id)
        .join(Institution, Institution.id == Course.institution_id)
        .where(Progression.from_course_id.in_(bindparam("ids", expanding=True)))
    )


@cache
def _ladder_statement(
    by_network: bool, by_subject: bool, words: int, modes: int, near: bool
) -> Select:
    """Courses with ``:low < level <= :high``, nearest levels first.

    Built once per shape and reused, so SQLAlchemy does not rebuild it per query.
    """
    query = (
        select(*COURSE_COLUMNS)
        .join(Institution, Institution.id == Course.institution_id)
        .where(Course.level > bindparam("low"), Course.level <= bindparam("high"))
    )
    if by_network:
        query = query.where(Course.network_id == bindparam("nid"))
    if by_subject:
        query = query.where(Course.subject_key == bindparam("subject"))
    if words:
        query = query.where(or_(*(Course.terms.contains(bindparam(f"w{i}")) for i in range(words))))
    if modes:
        # a mode, or its word in the duration ("2 evenings a week"; allowed() decides)
        query = query.where(or_(*(Course.modes.contains(bindparam(f"m{i}")) for i in range(modes)),
                                *(func.lower(Course.duration).contains(bindparam(f"d{i}"))
                                  for i in range(modes))))  # fmt: skip
    if near:
        query = query.where(
            Institution.latitude.between(bindparam("lat_min"), bindparam("lat_max")),
            Institution.longitude.between(bindparam("lon_min"), bindparam("lon_max")),
        )
    # the id breaks ties, so every database (SQLite, PostgreSQL) keeps the same pool
    return query.order_by(Course.level, Course.id).limit(LADDER_POOL)


def course_node(row: Sequence[Any], kind: str, conditions: str) -> CourseNode:
    (cid, code, title, qual, level, subject, subject_key, modes, town, entry, duration, url,
     course_terms, keywords, iid, icode, iname, lat, lon) = row  # fmt: skip
    step = Step(
        course_id=code,
        title=title,
        qualification=qual,
        institution=iname,
        institution_code=icode,
        level=level,
        subject=subject,
        town=town,
        modes=tuple(m for m in modes.split(";") if m),
        kind=kind,
        conditions=conditions,
        entry_requirements=entry,
        url=url,
        duration=duration or "",
        db_id=cid,
        institution_db_id=iid,
    )
    point = (lat, lon) if lat is not None and lon is not None else None
    return CourseNode(step, course_terms, subject_key, point, keywords)


class RouteSearch:
    """One route search: expands agreements and ladder steps, then ranks."""

    def __init__(
        self,
        session: Session,
        nid: Optional[int],
        origin: Origin,
        interests: List[str],
        constraints: Constraints,
        place: Optional[Tuple[float, float]],
    ) -> None:
        self.session = session
        self.nid = nid
        self.origin = origin
        self.interests = interests
        self.constraints = constraints
        self.place = place
        self.radius = constraints.max_distance_km or DEFAULT_RADIUS_KM
        self._relevance: Dict[int, Tuple[float, List[Tuple[str, str]]]] = {}
        self._ladder: Dict[Tuple[int, Optional[str]], List[CourseNode]] = {}
        self._top_level: Optional[int] = None

    # -- filters -----------------------------------------------------------

    def allowed(self, node: CourseNode, previous_level: int) -> bool:
        """Whether a node may be the next step after a course at ``previous_level``."""
        c = self.constraints
        step = node.step
        if step.level < previous_level:
            return False
        if not c.allow_lower and step.level < self.origin.level:
            return False
        if c.max_level is not None and step.level > c.max_level:
            return False
        if c.modes and not c.modes.intersection(taught_modes(step.modes, step.duration)):
            return False
        if c.kinds and step.kind not in c.kinds:
            return False
        if self.place is not None:
            if node.point is None or haversine_km(self.place, node.point) > self.radius:
                return False
        return True

    def relevance(self, node: CourseNode) -> Tuple[float, List[Tuple[str, str]]]:
        """How well a course matches the learner's interests (cached per course)."""
        key = node.step.db_id
        if key not in self._relevance:
            self._relevance[key] = match_terms(self.interests, node.terms)
        return self._relevance[key]

    # -- expansion ---------------------------------------------------------

    def agreements(self, sources: Iterable[int]) -> Dict[int, List[CourseNode]]:
        """Agreement steps out of each source course."""
        ids = list(set(sources))
        out: Dict[int, List[CourseNode]] = {i: [] for i in ids}
        if not ids:
            return out
        for row in self.session.execute(_agreements_statement(), {"ids": ids}):
            source, kind, conditions = row[0], row[1], row[2]
            out[source].append(course_node(row[3:], kind, conditions))
        return out

    def ladder(self, level: int, subject_key: Optional[str], exclude: int) -> List[CourseNode]:
        """Same-subject courses up to LADDER_REACH levels higher, best first."""
        key = (level, subject_key)
        if key not in self._ladder:
            self._ladder[key] = self._ladder_candidates(level, subject_key)
        return [n for n in self._ladder[key] if n.step.db_id != exclude][:LADDER_WIDTH]

    def top_level(self) -> int:
        """The highest course level in the network(s) searched (read once)."""
        if self._top_level is None:
            query = select(func.max(Network.max_level))
            if self.nid is not None:
                query = query.where(Network.id == self.nid)
            self._top_level = int(self.session.execute(query).scalar() or 0)
        return self._top_level

    def _ladder_candidates(self, level: int, subject_key: Optional[str]) -> List[CourseNode]:
        top = min(level + LADDER_REACH, self.top_level())
        if self.constraints.max_level is not None:
            top = min(top, self.constraints.max_level)
        if top <= level:
            return []
        params: Dict[str, Any] = {"low": level, "high": top, "nid": self.nid}
        words: List[str] = []
        if subject_key:
            params["subject"] = subject_key
        elif self.origin.subject_words:
            # unknown subject: courses whose words include the learner's subject words
            words = [w[:5] for w in self.origin.subject_words]
        else:
            return []
        modes = sorted(self.constraints.modes)
        params.update({f"w{i}": w for i, w in enumerate(words)})
        params.update({f"m{i}": m for i, m in enumerate(modes)})
        params.update({f"d{i}": DURATION_MODE_WORDS.get(m, m) for i, m in enumerate(modes)})
        if self.place is not None:
            params.update(_bounding_box(self.place, self.radius))
        statement = _ladder_statement(
            self.nid is not None, bool(subject_key), len(words), len(modes), self.place is not None
        )
        rows = self.session.execute(statement, params)
        nodes = [course_node(row, NO_AGREEMENT, "") for row in rows]
        if not subject_key:
            nodes = [n for n in nodes if match_terms(self.origin.subject_words, n.terms)[0] >= 0.5]
        nodes = [n for n in nodes if self.allowed(n, level)]
        nodes.sort(key=lambda n: (-self.relevance(n)[0], n.step.level - level, n.step.title))
        return nodes[: LADDER_WIDTH + MAX_HOPS]

    def paths(self) -> List[List[CourseNode]]:
        """All maximal paths of one to MAX_HOPS steps from the origin."""
        finished: List[List[CourseNode]] = []
        frontier: List[List[CourseNode]] = []
        first: List[CourseNode] = []
        if self.origin.db_id is not None:
            first = [
                n
                for n in self.agreements([self.origin.db_id])[self.origin.db_id]
                if self.allowed(n, self.origin.level)
            ]
        if not first:
            first = self.ladder(self.origin.level, self.origin.subject_key, self.origin.db_id or -1)
        frontier = [[n] for n in first]
        for _hop in range(1, MAX_HOPS):
            if not frontier:
                break
            onward = self.agreements(path[-1].step.db_id for path in frontier)
            next_frontier: List[List[CourseNode]] = []
            for path in frontier:
                last = path[-1]
                seen = {n.step.db_id for n in path}
                if self.origin.db_id is not None:
                    seen.add(self.origin.db_id)
                options = [
                    n
                    for n in onward[last.step.db_id]
                    if n.step.db_id not in seen and self.allowed(n, last.step.level)
                ]
                if not options:
                    options = [
                        n
                        for n in self.ladder(last.step.level, last.subject_key, last.step.db_id)
                        if n.step.db_id not in seen
                    ]
                if options:
                    next_frontier.extend([*path, n] for n in options)
                else:
                    finished.append(path)
            if len(next_frontier) > BEAM:
                next_frontier.sort(key=lambda p: -self.score(p)[0])
                next_frontier = next_frontier[:BEAM]
            frontier = next_frontier
        finished.extend(frontier)
        return finished

    # -- ranking -----------------------------------------------------------

    def score(self, path: List[CourseNode]) -> Tuple[float, Set[str]]:
        """Score a path in [0, 1]; also return the course lemmas that matched."""
        if self.interests:
            scores = [self.relevance(n) for n in path]
            last = scores[-1][0]
            best = max(s for s, _ in scores)
            relevance = max(last, 0.8 * best)
            matched = {have for _s, pairs in scores for _w, have in pairs}
        else:
            same = [1.0 if n.subject_key == self.origin.subject_key else 0.4 for n in path]
            relevance = sum(same) / len(same)
            matched = set()
        strength = sum(KIND_STRENGTH.get(n.step.kind, 0.3) for n in path) / len(path)
        climb = min(path[-1].step.level - self.origin.level, 3) / 3.0
        value = 0.55 * relevance + 0.35 * strength + 0.10 * max(climb, 0.0)
        value -= 0.03 * (len(path) - 1)
        return round(max(0.0, min(1.0, value)), 3), matched


def _matched_keywords(path: Sequence[CourseNode], lemmas: Set[str]) -> List[str]:
    """The learner-facing keywords (or failing that, lemmas) behind a match."""
    found: List[str] = []
    for node in path:
        for keyword in node.keywords:
            if keyword not in found and lemmas.intersection(terms(keyword)):
                found.append(keyword)
    return found or sorted(lemmas)


def explain(origin_title: str, steps: Sequence[Step], matched: Sequence[str]) -> str:
    """A short plain-English 'why this route'."""
    first = steps[0]
    parts = [
        f"From {origin_title}, {first.title} at {first.institution} "
        f"(level {first.level}) offers {KIND_PHRASE.get(first.kind, first.kind)}."
    ]
    for step in steps[1:]:
        via = f"through {KIND_PHRASE[step.kind]}" if step.formal else "with no formal agreement"
        parts.append(
            f"It leads on to {step.title} at {step.institution} (level {step.level}) {via}."
        )
    if matched:
        parts.append("It matches your interest in " + ", ".join(matched[:4]) + ".")
    return " ".join(parts)


def route_contact(contact: Optional[Contact], institution: str) -> Optional[RouteContact]:
    if contact is None:
        return None
    return RouteContact(contact.name, contact.role, institution, contact.email, contact.phone)


def find_routes(
    session: Session,
    start: Start,
    interests: str = "",
    constraints: Optional[Constraints] = None,
    network: Optional[str] = None,
    limit: int = 5,
) -> List[Route]:
    """Suggest ranked progression routes for a learner.

    Args:
        session: an open session; the caller owns it.
        start: the learner's course id, or level and subject.
        interests: free text ("robots and electronics").
        constraints: optional modes, town and radius, highest level, agreement kinds.
        network: a network slug; None searches every network.
        limit: how many routes to return at most.

    Raises:
        CatalogueError: for an unknown course, network or town, or an empty start.

    """
    constraints = constraints or Constraints()
    nid = network_id(session, network)
    if start.course:
        course = get_course(session, start.course, network)
        nid = course.network_id if nid is None else nid
        origin = Origin(
            course.id, course.title, course.level, course.subject_key, terms(course.subject)
        )
    elif start.level is not None and start.subject:
        subject_key = resolve_subject(session, start.subject, network)
        origin = Origin(
            None,
            f"your level {start.level} qualification in {start.subject}",
            start.level,
            subject_key,
            terms(start.subject),
        )
    else:
        raise CatalogueError("give a course id, or a level and a subject")
    place = None
    if constraints.town:
        _name, place = town_location(session, constraints.town, network)
    search = RouteSearch(session, nid, origin, terms(interests), constraints, place)
    ranked: List[Tuple[float, List[CourseNode], Set[str]]] = []
    for path in search.paths():
        value, lemmas = search.score(path)
        ranked.append((value, path, lemmas))
    ranked.sort(key=lambda item: (-item[0], len(item[1]), [n.step.course_id for n in item[1]]))
    ranked = ranked[:limit]
    receiving = [path[0].step.institution_db_id for _v, path, _m in ranked]
    contacts = contacts_for(session, receiving)
    routes = []
    for value, path, lemmas in ranked:
        steps = [n.step for n in path]
        keywords = _matched_keywords(path, lemmas)
        first = steps[0]
        chosen = pick_contact(contacts.get(first.institution_db_id, []), first.subject)
        routes.append(
            Route(
                steps=steps,
                score=value,
                why=explain(origin.title, steps, keywords),
                matched=keywords,
                contact=route_contact(chosen, first.institution),
            )
        )
    return routes


def course_step(session: Session, code: str, network: Optional[str] = None) -> Step:
    """Course ``code`` as a step reached with no agreement (a course named on its own).

    Raises:
        CatalogueError: if there is no such course.

    """
    course = get_course(session, code, network)
    institution = course.institution
    return Step(
        course_id=course.code,
        title=course.title,
        qualification=course.qualification,
        institution=institution.name,
        institution_code=institution.code,
        level=course.level,
        subject=course.subject,
        town=course.town or institution.town,
        modes=tuple(m for m in course.modes.split(";") if m),
        kind=NO_AGREEMENT,
        conditions="",
        entry_requirements=course.entry_requirements,
        url=course.url,
        duration=course.duration or "",
        db_id=course.id,
        institution_db_id=institution.id,
    )


def course_contact(
    session: Session, code: str, network: Optional[str] = None
) -> Optional[RouteContact]:
    """Who to contact about course ``code``: its subject contact, else its institution's.

    Raises:
        CatalogueError: if there is no such course.

    """
    course = get_course(session, code, network)
    contacts = contacts_for(session, [course.institution_id]).get(course.institution_id, [])
    return route_contact(pick_contact(contacts, course.subject), course.institution.name)


__all__ = [
    "CatalogueError",
    "Constraints",
    "ContactDict",
    "Route",
    "RouteContact",
    "RouteDict",
    "Start",
    "Step",
    "StepDict",
    "course_contact",
    "course_step",
    "explain",
    "find_routes",
]
