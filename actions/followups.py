"""Answers about one course on a route: details, entry requirements, contact, what's after.

Which course the learner means is settled by :mod:`actions.dialogue`; a
:class:`Focus` is that course: a route (shown, searched without showing, or a course
named on its own) and the index of the step on it. :func:`find_named` finds a course
the learner names ("the HNC", "the nursing one", a catalogue course) among routes.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from sqlalchemy.orm import Session

from actions import messages
from actions.courses import families_of
from actions.reading import CourseMention
from actions.routes import agreement_sentence
from pathways_catalogue import queries, vocabulary
from pathways_catalogue.queries import CatalogueError
from pathways_catalogue.routes import (
    ContactDict,
    RouteDict,
    Start,
    StepDict,
    course_contact,
    course_step,
    find_routes,
)
from pathways_catalogue.text import terms

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Focus:
    """The course being talked about: step ``step`` of ``route``.

    ``position`` is the route's 1-based place among the routes shown, if it was shown.
    """

    route: RouteDict
    step: int = 0
    position: Optional[int] = None
    #: the last question asked about it ("contact", "requirements", ...)
    asked: Optional[str] = None

    @property
    def course(self) -> StepDict:
        """The step in focus."""
        return self.route["steps"][self.step]

    def as_slot(self) -> Dict[str, Any]:
        """The value kept in the ``focus`` slot."""
        return {"route": dict(self.route), "step": self.step, "position": self.position,
                "asked": self.asked}  # fmt: skip

    @classmethod
    def from_slot(cls, value: Any) -> Optional[Focus]:
        """Read the ``focus`` slot (None if empty or malformed)."""
        if not isinstance(value, dict) or not isinstance(value.get("route"), dict):
            return None
        route = value["route"]
        step = int(value.get("step") or 0)
        if not route.get("steps") or not 0 <= step < len(route["steps"]):
            return None
        return cls(route, step, value.get("position"), value.get("asked"))  # type: ignore[arg-type]


def single(step: StepDict, contact: Optional[ContactDict] = None) -> RouteDict:
    """A one-step route for a course named on its own."""
    return RouteDict(steps=[step], contact=contact, score=0.0, why="")


def _words(step: StepDict) -> set:
    return set(terms(" ".join([step["title"], step.get("subject") or "",
                               step.get("qualification") or ""])))  # fmt: skip


def find_named(
    routes: Sequence[RouteDict], mention: CourseMention, words: str = "", exact: bool = False
) -> Optional[Tuple[int, int]]:
    """Where a course the learner names is on ``routes``: (route index, step index).

    A catalogue course is found by its id, when it is of the kind of qualification the
    learner named. Otherwise ("the HNC", "that foundation degree", "the nursing one") a
    step must be of the kind named and share most of the other words named; the best
    such step of the best-ranked route wins. With ``exact`` (a course the learner named,
    not a topic), a catalogue course named for sure is only ever that course.
    """
    best = mention.best
    families = set(mention.families)
    same_title = ""
    if best is not None and best.in_catalogue and best.score >= SURE:
        for r, route in enumerate(routes):
            for s, step in enumerate(route["steps"]):
                if step["course_id"] == best.course_id and families <= _families(step):
                    return r, s
        # a course named for sure that is on none of them: only the same course (at
        # another college) will do, not one sharing a word ("commis chef": no Chef de Partie)
        same_title = best.title.lower() if exact else ""
    wanted = set(terms(words or mention.text)) - set(terms(" ".join(families)))
    wanted -= QUALIFICATION_WORDS
    if not families and not wanted:
        return None
    found: Optional[Tuple[int, int]] = None
    best_key: Tuple[int, bool, int, int] = (0, False, 0, 0)
    for r, route in enumerate(routes):
        for s, step in enumerate(route["steps"]):
            if families and not families <= _families(step):
                continue
            if same_title and step["title"].lower() != same_title:
                continue
            shared = len(wanted & _words(step)) if wanted else 1
            # most words in common; then not an apprenticeship (or T Level, Access course)
            # the learner did not name; then the nearest step; then the best-ranked route
            unsaid = bool((_families(step) & DISTINCTIVE_KINDS) - families)
            key = (shared, not unsaid, -s, -r)
            if shared and (found is None or key > best_key):
                found, best_key = (r, s), key
    return found


def find_by_level(
    routes: Sequence[RouteDict], level: Optional[int], institution: Optional[str]
) -> Optional[Tuple[int, int]]:
    """The first step at ``level`` (and at ``institution``, if named): "the level 3 there"."""
    if level is None:
        return None
    for r, route in enumerate(routes):
        for s, step in enumerate(route["steps"]):
            if step["level"] == level and institution in (None, step["institution"]):
                return r, s
    return None


def _families(step: StepDict) -> set:
    return set(families_of(f"{step.get('qualification') or ''} {step['title']}"))


def find_kind(routes: Sequence[RouteDict], text: str) -> Optional[Tuple[int, int]]:
    """The step of the kind of qualification ``text`` names, nearest first.

    For "can I do the HNC part time?" when no course was found in the words; the
    best-ranked route wins between equally near steps.
    """
    wanted = set(families_of(text))
    if not wanted:
        return None
    found: Optional[Tuple[Tuple[int, int], Tuple[int, int]]] = None
    for r, route in enumerate(routes):
        for s, step in enumerate(route["steps"]):
            if wanted <= _families(step) and (found is None or (s, r) < found[0]):
                found = ((s, r), (r, s))
    return found[1] if found is not None else None


#: kinds of qualification a learner names when they mean one ("the apprenticeship")
DISTINCTIVE_KINDS = frozenset({"apprenticeship", "access", "t level"})
#: a catalogue resolution at least this good names its course; below, the words decide
SURE = 0.9
#: words that only say "a course" or "a qualification" (not what it is about)
QUALIFICATION_WORDS = frozenset(
    {"course", "one", "qualification", "degree", "that", "the", "this", "programme"}
)


def ordinal_choice(count: int, index: Optional[int]) -> Optional[int]:
    """A 0-based index into ``count`` routes from an ordinal (None if there is none)."""
    if index is None:
        return None
    return vocabulary.option_index(index, count)


def choose_buttons(count: int, intent: str) -> List[Dict[str, str]]:
    """"Option 1".."Option n" buttons that ask ``intent`` about each route."""
    return [
        {"title": f"Option {i}", "payload": f"/{intent}" + json.dumps({"ordinal": str(i)})}
        for i in range(1, count + 1)
    ]


def _modes(step: StepDict) -> str:
    modes = [vocabulary.MODE_PHRASE.get(m, m) for m in step.get("modes") or []]
    return ", " + " or ".join(modes) if modes else ""


def details(dispatcher: CollectingDispatcher, focus: Focus) -> None:
    """Every step of the route from the one in focus, with how to get onto each."""
    steps = focus.route["steps"][focus.step :]
    lines = []
    for number, step in enumerate(steps, start=1):
        line = messages.text(
            "route_step", title=step["title"], institution=step["institution"],
            town=f", {step['town']}" if step.get("town") else "", level=step["level"],
            modes=_modes(step), agreement=agreement_sentence(step),
            duration=f", {step['duration']}" if step.get("duration") else "",
        )  # fmt: skip
        lines.append(f"{number}) {line}" if len(steps) > 1 else line)
    ordinal = json.dumps({"ordinal": str(focus.position)}) if focus.position else ""
    buttons = [
        {"title": "Entry requirements", "payload": f"/ask_requirements{ordinal}"},
        {"title": "Who to contact", "payload": f"/ask_contact{ordinal}"},
        {"title": "What comes after?", "payload": f"/ask_after{ordinal}"},
    ]
    if focus.position:  # one of the routes shown: the learner may say they're interested
        buttons.append({"title": messages.text("interest_button"),
                        "payload": f"/route_interest{ordinal}"})  # fmt: skip
    label = f"Option {focus.position}" if focus.position else focus.course["title"]
    messages.say(
        dispatcher, "route_details", extra_buttons=buttons,
        custom={"type": "pathways.route", "position": focus.position, "route": focus.route},
        label=label, steps="\n".join(lines),
    )  # fmt: skip


def requirements(dispatcher: CollectingDispatcher, focus: Focus, grade: Optional[str]) -> None:
    """What it takes to get onto the course in focus, and whether the grade meets it."""
    step = focus.course
    entry = (step.get("entry_requirements") or "").strip().rstrip(".")
    entry = entry + "." if entry else messages.text("no_entry_requirements")
    messages.say(
        dispatcher, "route_requirements", title=step["title"], institution=step["institution"],
        entry=entry, agreement=" " + agreement_sentence(step), grade=_grade(grade, step),
    )  # fmt: skip


def _grade(grade: Optional[str], step: StepDict) -> str:
    """Whether the learner's grade meets the agreement's condition ('' if unknown)."""
    have = vocabulary.grade_rank(grade)
    need = vocabulary.grade_rank(step.get("conditions"))
    if have is None or need is None:
        return ""
    key = "grade_meets" if have >= need else "grade_below"
    return messages.text(key, grade=grade)


def contact(
    session: Session, dispatcher: CollectingDispatcher, focus: Focus, network: Optional[str]
) -> None:
    """Who to contact about the course in focus, or an adviser when nobody is listed."""
    step = focus.course
    person: Optional[Dict[str, Any]] = None
    if focus.step == 0 and focus.route.get("contact"):
        person = dict(focus.route["contact"] or {})
    else:
        try:
            found = course_contact(session, step["course_id"], network)
        except CatalogueError:
            found = None
        person = dict(found.to_dict()) if found is not None else None
    adviser = [{"title": "Talk to an adviser", "payload": "/request_human"}]
    person = person or {}
    ways = [f"email {person['email']}" if person.get("email") else "",
            f"phone {person['phone']}" if person.get("phone") else ""]  # fmt: skip
    how = " or ".join(w for w in ways if w)
    if person.get("name") and how:
        messages.say(
            dispatcher, "route_contact", extra_buttons=adviser, title=step["title"],
            institution=step["institution"], name=person["name"],
            role=f" ({person['role']})" if person.get("role") else "", how=how,
        )  # fmt: skip
        return
    website = f" The course page is {step['url']}." if step.get("url") else ""
    messages.say(dispatcher, "no_contact", extra_buttons=adviser, title=step["title"],
                 institution=step["institution"], website=website)  # fmt: skip


def institution_contact(
    session: Session, dispatcher: CollectingDispatcher, institution: str, network: Optional[str]
) -> bool:
    """Who to contact at an institution, for a course it does not list; True if said."""
    try:
        found = queries.institution_contact(session, institution, network)
    except CatalogueError:
        return False
    if found is None:
        return False
    name, person = found
    ways = [f"email {person.email}" if person.email else "",
            f"phone {person.phone}" if person.phone else ""]  # fmt: skip
    how = " or ".join(w for w in ways if w)
    if not how:
        return False
    adviser = [{"title": "Talk to an adviser", "payload": "/request_human"}]
    messages.say(dispatcher, "institution_contact", institution=name, name=person.name,
                 role=f" ({person.role})" if person.role else "", how=how,
                 extra_buttons=adviser)  # fmt: skip
    return True


def after(
    session: Session,
    dispatcher: CollectingDispatcher,
    focus: Focus,
    interests: str,
    network: Optional[str],
) -> Focus:
    """What comes after the course in focus; returns the new focus (the next course).

    Past the end of the route the catalogue is searched onwards from that course.
    """
    route, current = focus.route, focus.step
    steps = list(route["steps"])
    if current + 1 >= len(steps):
        onward = _onward(session, steps[current], interests, network)
        if onward is None:
            messages.say(dispatcher, "route_top", title=steps[current]["title"])
            return focus
        steps.append(onward)
        route = RouteDict(steps=steps, contact=route.get("contact"), score=route.get("score", 0.0),
                          why=route.get("why", ""))  # fmt: skip
    step = steps[current + 1]
    messages.say(
        dispatcher, "route_after", current=steps[current]["title"], title=step["title"],
        institution=step["institution"], level=step["level"],
        agreement=agreement_sentence(step),
    )  # fmt: skip
    return Focus(route, current + 1, focus.position, focus.asked)


def _onward(
    session: Session, step: StepDict, interests: str, network: Optional[str]
) -> Optional[StepDict]:
    """The best next course from ``step``'s course, searched in the catalogue."""
    try:
        found = find_routes(session, Start(course=step["course_id"]), interests=interests,
                            network=network, limit=1)  # fmt: skip
    except CatalogueError:
        logger.warning("onward search failed", exc_info=True)
        return None
    return found[0].steps[0].to_dict() if found else None


def named_course(session: Session, course_id: str, network: Optional[str]) -> Optional[Focus]:
    """A catalogue course named on its own, as a focus (no agreement known)."""
    try:
        step = course_step(session, course_id, network)
        person = course_contact(session, course_id, network)
    except CatalogueError:
        return None
    return Focus(single(step.to_dict(), person.to_dict() if person else None))


def _names_a_level(word: str) -> bool:
    """"level", "l3", "3": a word that only names a level."""
    return (word in vocabulary.LEVEL_WORDS or word.isdigit()
            or vocabulary.LEVEL_TOKEN.match(word) is not None)  # fmt: skip


#: "the evening one", "the part time course": a shown route picked by how it is studied
_THE_MODE_ONE = re.compile(r"\bthe ((?:[\w-]+ ){0,2}[\w-]+) (?:one|course|option)\b")


def route_by_mode(routes: Sequence[RouteDict], text: str) -> Optional[int]:
    """The one shown route studied the way "the evening one" names, if exactly one is."""
    for match in _THE_MODE_ONE.finditer(text.lower()):
        wanted = vocabulary.catalogue_modes(vocabulary.modes_in(match.group(1), asked=True))
        if not wanted:
            continue
        fits = [i for i, route in enumerate(routes) if wanted & set(route["steps"][0]["modes"])]
        return fits[0] if len(fits) == 1 else None
    return None


#: "if i went to the uni instead": the route that starts at a university
_THE_UNI = re.compile(r"\b(?:the|a) (?:uni|university)\b")
#: an institution that is a university (a "University Centre" is a college's HE centre)
_UNIVERSITY = re.compile(r"\buniversity\b(?! centre)", re.IGNORECASE)


def route_at_university(routes: Sequence[RouteDict], text: str) -> Optional[int]:
    """The one shown route whose first step is at a university, when "the uni" is named."""
    if not _THE_UNI.search(text.lower()):
        return None
    fits = [i for i, route in enumerate(routes)
            if _UNIVERSITY.search(route["steps"][0]["institution"] or "")]  # fmt: skip
    return fits[0] if len(fits) == 1 else None


def named_route(routes: Sequence[RouteDict], text: str) -> Optional[int]:
    """The one shown route whose institution, town or title the message names, if one."""
    # levels say which step, not which route ("i havent got a level 3")
    wanted = {w for w in terms(text) if not _names_a_level(w)}
    if not wanted:
        return None
    scores = []
    for route in routes:
        first = route["steps"][0]
        label = " ".join([first["institution"], first.get("town") or "", first["title"],
                          first.get("qualification") or ""])  # fmt: skip
        scores.append(len(wanted & set(terms(label))))
    best = max(scores, default=0)
    return scores.index(best) if best and scores.count(best) == 1 else None


def route_named(routes: Sequence[RouteDict], text: str) -> Optional[int]:
    """The one shown route the words pick by its college, town, title, mode or kind of place.

    "The York one", "the evening one", "if i went to the uni instead".
    """
    for way in (named_route, route_by_mode, route_at_university):
        found = way(routes, text)
        if found is not None:
            return found
    return None
