"""Follow-ups on the routes shown: details, entry requirements, contact, what comes after.

The routes are read from ``suggested_routes`` (the dicts ``action_suggest_routes``
stored), so most follow-ups need no database. Which route the learner means comes
from, in order: an ``ordinal`` entity ("second", "2", "last"), ordinal words in the
message, a route named by its institution, town or qualification ("the Hull one"),
the route last talked about (``selected_route``), and finally the first route.
"""

from __future__ import annotations

import json
import logging
import re
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from sqlalchemy.exc import SQLAlchemyError

from actions import db, messages
from actions.parsing import MODE_PHRASE, find_ordinal, grade_rank, parse_ordinal
from actions.routes import agreement_sentence
from actions.slots import Profile, entity_values, latest_text
from pathways_catalogue.queries import CatalogueError
from pathways_catalogue.routes import Start, find_routes
from pathways_catalogue.text import terms

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

logger = logging.getLogger(__name__)

#: qualification words a learner may use to point at a step ("what comes after the HND")
_QUALIFICATIONS = (
    r"\bhnc\b|higher national certificate",
    r"\bhnd\b|higher national diploma",
    r"foundation degree|\bfd(?:a|sc|eng)?\b",
    r"top[ -]?up",
    r"degree apprenticeship",
    r"apprenticeship",
    r"\bt[ -]?level\b",
    r"access (?:course|to he|diploma)",
    r"\bdegree\b|\bb(?:a|sc|eng)\b|bachelor",
    r"\bmasters?\b|\bm(?:a|sc)\b",
)


def _routes(tracker: Tracker) -> List[Dict[str, Any]]:
    return list(tracker.get_slot("suggested_routes") or [])


def _named_route(routes: Sequence[Dict[str, Any]], text: str) -> Optional[int]:
    """The one route whose institution, town or title the message names, if exactly one."""
    wanted = set(terms(text))
    if not wanted:
        return None
    scores = []
    for route in routes:
        first = route["steps"][0]
        label = [first["institution"], first.get("town") or "", first["title"],
                 first.get("qualification") or ""]  # fmt: skip
        words = set(terms(" ".join(label)))
        scores.append(len(wanted & words))
    best = max(scores, default=0)
    if best and scores.count(best) == 1:
        return scores.index(best)
    return None


def pick_route(tracker: Tracker, routes: Sequence[Dict[str, Any]]) -> int:
    """The 0-based index of the route the learner means (may be out of range)."""
    count = len(routes)
    for value in entity_values(tracker, "ordinal"):
        index = parse_ordinal(value, count)
        if index is not None:
            return index
    text = latest_text(tracker)
    if not text.startswith("/"):
        index = find_ordinal(text, count)
        if index is None:
            index = _named_route(routes, text)
        if index is not None:
            return index
    selected = tracker.get_slot("selected_route")
    if selected is not None and 0 <= int(selected) < count:
        return int(selected)
    return 0


def _choose_buttons(count: int, intent: str) -> List[Dict[str, str]]:
    return [
        {"title": f"Option {i}", "payload": f"/{intent}" + json.dumps({"ordinal": str(i)})}
        for i in range(1, count + 1)
    ]


def _modes(step: Dict[str, Any]) -> str:
    modes = [MODE_PHRASE.get(m, m) for m in step.get("modes") or []]
    return ", " + " or ".join(modes) if modes else ""


class _FollowUp(Action, ABC):
    """Shared flow: find the route meant, or explain why there is none."""

    #: the intent the "which one?" buttons send
    intent = ""

    @abstractmethod
    def name(self) -> str:
        """Name of the action."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Answer about the route the learner means."""
        routes = _routes(tracker)
        if not routes:
            messages.say(dispatcher, "no_routes_yet")
            return []
        index = pick_route(tracker, routes)
        if not 0 <= index < len(routes):
            messages.say(
                dispatcher,
                "option_out_of_range",
                extra_buttons=_choose_buttons(len(routes), self.intent),
                count=len(routes),
            )
            return []
        events = self.answer(dispatcher, tracker, routes, index)
        return [SlotSet("selected_route", float(index)), *events]

    @abstractmethod
    def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        routes: List[Dict[str, Any]],
        index: int,
    ) -> List[Dict[str, Any]]:
        """Send the answer about ``routes[index]``; return extra events."""


class ActionRouteDetails(_FollowUp):
    """Every step of a route, with how the learner gets onto each."""

    intent = "ask_details"

    def name(self) -> str:
        """Name of the action."""
        return "action_route_details"

    def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        routes: List[Dict[str, Any]],
        index: int,
    ) -> List[Dict[str, Any]]:
        """Describe the route step by step."""
        route = routes[index]
        lines = []
        for number, step in enumerate(route["steps"], start=1):
            line = messages.text(
                "route_step",
                title=step["title"],
                institution=step["institution"],
                town=f", {step['town']}" if step.get("town") else "",
                level=step["level"],
                modes=_modes(step),
                agreement=agreement_sentence(step),
            )
            lines.append(f"{number}) {line}" if len(route["steps"]) > 1 else line)
        position = index + 1
        ordinal = json.dumps({"ordinal": str(position)})
        messages.say(
            dispatcher,
            "route_details",
            extra_buttons=[
                {"title": "Entry requirements", "payload": f"/ask_requirements{ordinal}"},
                {"title": "Who to contact", "payload": f"/ask_contact{ordinal}"},
                {"title": "What comes after?", "payload": f"/ask_after{ordinal}"},
            ],
            custom={"type": "pathways.route", "position": position, "route": route},
            position=position,
            steps="\n".join(lines),
        )
        return [SlotSet("selected_step", 0.0)]


class ActionRouteRequirements(_FollowUp):
    """Entry requirements of a route's first step, its agreement and the learner's grade."""

    intent = "ask_requirements"

    def name(self) -> str:
        """Name of the action."""
        return "action_route_requirements"

    def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        routes: List[Dict[str, Any]],
        index: int,
    ) -> List[Dict[str, Any]]:
        """Say what it takes to get onto the route."""
        step = routes[index]["steps"][0]
        entry = (step.get("entry_requirements") or "").strip().rstrip(".")
        entry = entry + "." if entry else messages.text("no_entry_requirements")
        said = next(iter(entity_values(tracker, "grade")), None)  # "can I get in with a pass?"
        grade = said or Profile.from_tracker(tracker).grade
        messages.say(
            dispatcher,
            "route_requirements",
            title=step["title"],
            institution=step["institution"],
            entry=entry,
            agreement=" " + agreement_sentence(step),
            grade=self._grade(grade, step),
        )
        return [SlotSet("grade", said)] if said else []

    @staticmethod
    def _grade(grade: Optional[str], step: Dict[str, Any]) -> str:
        """Whether the learner's grade meets the agreement's condition ('' if unknown)."""
        have = grade_rank(grade)
        need = grade_rank(step.get("conditions"))
        if have is None or need is None:
            return ""
        key = "grade_meets" if have >= need else "grade_below"
        return messages.text(key, grade=grade)


class ActionRouteContact(_FollowUp):
    """Who to contact about a route, with their email and phone."""

    intent = "ask_contact"

    def name(self) -> str:
        """Name of the action."""
        return "action_route_contact"

    def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        routes: List[Dict[str, Any]],
        index: int,
    ) -> List[Dict[str, Any]]:
        """Name the contact, or offer an adviser when there is none."""
        route = routes[index]
        step = route["steps"][0]
        contact = route.get("contact") or {}
        adviser = [{"title": "Talk to an adviser", "payload": "/request_human"}]
        ways = [
            f"email {contact['email']}" if contact.get("email") else "",
            f"phone {contact['phone']}" if contact.get("phone") else "",
        ]
        how = " or ".join(w for w in ways if w)
        if contact.get("name") and how:
            messages.say(
                dispatcher,
                "route_contact",
                extra_buttons=adviser,
                title=step["title"],
                institution=step["institution"],
                name=contact["name"],
                role=f" ({contact['role']})" if contact.get("role") else "",
                how=how,
            )
        else:
            website = f" The course page is {step['url']}." if step.get("url") else ""
            messages.say(
                dispatcher,
                "no_contact",
                extra_buttons=adviser,
                title=step["title"],
                institution=step["institution"],
                website=website,
            )
        return []


class ActionRouteAfter(_FollowUp):
    """The step after the one in focus ("and after that?", "what comes after the HND")."""

    intent = "ask_after"

    def name(self) -> str:
        """Name of the action."""
        return "action_route_after"

    def answer(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        routes: List[Dict[str, Any]],
        index: int,
    ) -> List[Dict[str, Any]]:
        """Describe the next step, searching onwards past the end of the route."""
        route = routes[index]
        steps = route["steps"]
        current = self._current_step(tracker, steps, index)
        following = current + 1
        events: List[Dict[str, Any]] = []
        if following >= len(steps):
            onward = self._onward(tracker, steps[current])
            if onward is None:
                messages.say(dispatcher, "route_top", title=steps[current]["title"])
                return [SlotSet("selected_step", float(current))]
            steps = [*steps, onward]
            routes = [*routes[:index], {**route, "steps": steps}, *routes[index + 1 :]]
            events.append(SlotSet("suggested_routes", routes))
        step = steps[following]
        messages.say(
            dispatcher,
            "route_after",
            current=steps[current]["title"],
            title=step["title"],
            institution=step["institution"],
            level=step["level"],
            agreement=agreement_sentence(step),
        )
        return [*events, SlotSet("selected_step", float(following))]

    @staticmethod
    def _current_step(tracker: Tracker, steps: Sequence[Dict[str, Any]], index: int) -> int:
        """The step the learner asks about: named, else the one in focus, else the first."""
        text = latest_text(tracker).lower()
        for pattern in _QUALIFICATIONS:
            if re.search(pattern, text):
                for number, step in enumerate(steps):
                    label = f"{step.get('qualification', '')} {step['title']}".lower()
                    if re.search(pattern, label):
                        return number
                break
        selected_route = tracker.get_slot("selected_route")
        selected_step = tracker.get_slot("selected_step")
        if (
            selected_route is not None
            and int(selected_route) == index
            and selected_step is not None
            and 0 <= int(selected_step) < len(steps)
        ):
            return int(selected_step)
        return 0

    @staticmethod
    def _onward(tracker: Tracker, step: Dict[str, Any]) -> Optional[Dict[str, Any]]:
        """The best next step from ``step``'s course, searched in the catalogue."""
        profile = Profile.from_tracker(tracker)
        try:
            with db.session() as s:
                found = find_routes(
                    s,
                    Start(course=step["course_id"]),
                    interests=profile.interests,
                    network=db.network(),
                    limit=1,
                )
        except (CatalogueError, SQLAlchemyError):
            logger.warning("onward search from %s failed", step.get("course_id"), exc_info=True)
            return None
        if not found:
            return None
        return found[0].steps[0].to_dict()
