"""Where to start: courses for a learner who is not on a course yet.

A career changer ("I want to be an electrician"), a parent asking for a child, or
someone in a job names what they want, not a course they are on. Route search needs
a starting course; this module instead finds the network's courses that match what
they want, entry levels first, and follows each one's best onward route, so the
learner sees where they could start and where it leads.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Tuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pathways_catalogue.contract import NO_AGREEMENT
from pathways_catalogue.mentions.everyday import everyday_words
from pathways_catalogue.models import Course, Institution
from pathways_catalogue.payloads import Route, Step
from pathways_catalogue.queries import contacts_for, network_id, pick_contact, town_location
from pathways_catalogue.resolve.shorthand import shorthand, tokens
from pathways_catalogue.routes import (
    COURSE_COLUMNS,
    Constraints,
    CourseNode,
    Origin,
    RouteSearch,
    Start,
    course_node,
    find_routes,
    route_contact,
)
from pathways_catalogue.text import match_terms, terms

#: how well one of the learner's interests must match a course's words
MIN_RELEVANCE = 0.8
#: courses read per search; bounds the work on very large networks
POOL = 200
#: courses read when looking for one of a kind (filtered after reading)
KIND_POOL = 1000


def _phrase_terms(phrase: str) -> Tuple[str, ...]:
    """The words of what a learner wants, shorthand spelled out ("it support").

    Everyday filler ("building things", "that sort of stuff") is left out.
    """
    expansions = shorthand().expansions
    filler = everyday_words().function_words
    words: List[str] = []
    for token in tokens(phrase):
        if (token,) in expansions:
            words.extend(expansions[(token,)])
        elif token not in filler:
            words.append(token)
    return tuple(terms(" ".join(words)))


def _candidates(
    session: Session,
    nid: Optional[int],
    wanted: Sequence[Tuple[str, ...]],
    min_level: int,
    pool: int = POOL,
) -> List[CourseNode]:
    """Courses whose words contain one of the wanted words (a cheap SQL pre-filter)."""
    words = sorted({w[:5] for phrase in wanted for w in phrase if len(w) >= 3})
    if not words:
        return []
    query = (
        select(*COURSE_COLUMNS)
        .join(Institution, Institution.id == Course.institution_id)
        .where(Course.level >= min_level)
        .where(or_(*(Course.terms.contains(w) for w in words)))
        .order_by(Course.level, Course.id)
        .limit(pool)
    )
    if nid is not None:
        query = query.where(Course.network_id == nid)
    return [course_node(row, NO_AGREEMENT, "") for row in session.execute(query)]


def _named(session: Session, nid: Optional[int], codes: Sequence[str]) -> List[CourseNode]:
    """The courses with these codes, in the order given."""
    if not codes:
        return []
    query = (
        select(*COURSE_COLUMNS)
        .join(Institution, Institution.id == Course.institution_id)
        .where(Course.code.in_(list(codes)))
    )
    if nid is not None:
        query = query.where(Course.network_id == nid)
    found = {n.step.course_id: n for n in (course_node(r, NO_AGREEMENT, "")
                                           for r in session.execute(query))}  # fmt: skip
    return [found[code] for code in codes if code in found]


def _relevance(node: CourseNode, wanted: Sequence[Tuple[str, ...]]) -> float:
    """The best match of one interest with the course's words."""
    return max((match_terms(list(phrase), node.terms)[0] for phrase in wanted), default=0.0)


def starting_points(
    session: Session,
    interests: Sequence[str],
    constraints: Optional[Constraints] = None,
    network: Optional[str] = None,
    min_level: Optional[int] = None,
    limit: int = 3,
    courses: Sequence[str] = (),
) -> List[Route]:
    """Courses to start from for ``interests``, entry levels first, each with its onward route.

    Args:
        session: an open session; the caller owns it.
        interests: what the learner wants, one phrase each ("electrician", "animal care").
        constraints: optional modes and town, as for route search.
        network: a network slug; None searches every network.
        min_level: the lowest course level to offer (the learner's own level, if known).
        limit: how many starting courses at most.
        courses: catalogue courses the learner named ("the able seafarer
            apprenticeship"): they come first, whatever the interests.

    Raises:
        CatalogueError: for an unknown network or town.

    """
    constraints = constraints or Constraints()
    wanted = [_phrase_terms(phrase) for phrase in interests]
    wanted = [phrase for phrase in wanted if phrase]
    if not wanted and not courses:
        return []
    floor = max(min_level or 1, 1)
    nid, search = _search_from(session, network, constraints, floor)
    scored = []
    for node in _candidates(session, nid, wanted, floor):
        relevance = _relevance(node, wanted)
        if relevance >= MIN_RELEVANCE and search.allowed(node, floor):
            scored.append((-round(relevance, 1), node.step.level, node.step.title, node))
    scored.sort(key=lambda item: item[:3])
    chosen: List[CourseNode] = _named(session, nid, courses)[:limit]
    for *_key, node in scored:
        if len(chosen) == limit:
            break
        if all(node.step.title != other.step.title for other in chosen):
            chosen.append(node)
    return _with_onward(session, chosen, wanted, network)


def _search_from(
    session: Session, network: Optional[str], constraints: Constraints, floor: int
) -> Tuple[Optional[int], RouteSearch]:
    """The network's id, and a search that checks courses against the learner's filters.

    Raises:
        CatalogueError: for an unknown network or town.

    """
    nid = network_id(session, network)
    place = None
    if constraints.town:
        _name, place = town_location(session, constraints.town, network)
    origin = Origin(None, "", floor, None, [])
    return nid, RouteSearch(session, nid, origin, [], constraints, place)


def _with_onward(
    session: Session,
    chosen: Sequence[CourseNode],
    wanted: Sequence[Tuple[str, ...]],
    network: Optional[str],
) -> List[Route]:
    """Each chosen course as a route: the course, its best onward route and a contact."""
    contacts = contacts_for(session, [n.step.institution_db_id for n in chosen])
    routes = []
    for node in chosen:
        onward = find_routes(session, Start(course=node.step.course_id),
                             interests=" ".join(" ".join(p) for p in wanted),
                             constraints=Constraints(), network=network, limit=1)  # fmt: skip
        steps = [node.step, *(onward[0].steps if onward else [])]
        chosen_contact = pick_contact(contacts.get(node.step.institution_db_id, []),
                                      node.step.subject)  # fmt: skip
        contact = route_contact(chosen_contact, node.step.institution)
        routes.append(Route(steps=steps, score=round(_relevance(node, wanted), 3), why="",
                            contact=contact))  # fmt: skip
    return routes


def courses_of_kind(
    session: Session,
    words: Sequence[str],
    accept: Callable[[Step], bool],
    constraints: Optional[Constraints] = None,
    network: Optional[str] = None,
    min_level: int = 1,
    limit: int = 1,
) -> List[Route]:
    """The courses of a kind ("the HNC") nearest what the learner wants, as routes.

    For a question about a kind of course that is on none of the learner's routes, or
    from a learner with no course: "can the HNC be done in the evenings?" from someone
    in IT means the HNC whose words cover most of ``words`` (what they named, their
    interests, their field: each phrase's share of words found, summed). Ties go to
    the course whose subject the words name, then the lower level, then the title.

    Args:
        session: an open session; the caller owns it.
        words: what the learner wants, one phrase each; each word counts once.
        accept: whether a course is of the kind named.
        constraints: optional modes and town; when no course of the kind fits them,
            none is returned (the caller may ask again without them).
        network: a network slug; None searches every network.
        min_level: the lowest level the kind can be (an HNC: 4), to bound the search.
        limit: how many courses at most.

    Raises:
        CatalogueError: for an unknown network or town.

    """
    constraints = constraints or Constraints()
    wanted = [phrase for phrase in (_phrase_terms(p) for p in words) if phrase]
    if not wanted:
        return []
    floor = max(min_level, 1)
    nid, search = _search_from(session, network, constraints, floor)
    scored = []
    for node in _candidates(session, nid, wanted, floor, KIND_POOL):
        if not accept(node.step) or not search.allowed(node, floor):
            continue
        # how much of each phrase the course's words cover, summed over the phrases
        score = sum(match_terms(list(phrase), node.terms)[0] for phrase in wanted)
        if score:
            # between equals, the course whose subject the words name ("the science
            # one": Science, before Health Science Professions)
            field = frozenset(terms(node.subject_key))
            in_field = sum(match_terms(list(phrase), field)[0] for phrase in wanted)
            scored.append((-round(score, 6), -round(in_field, 6), node.step.level,
                           node.step.title, node))  # fmt: skip
    scored.sort(key=lambda item: item[:4])
    chosen = [node for *_key, node in scored[:limit]]
    return _with_onward(session, chosen, wanted, network)
