"""Route suggestions, and constraints that narrow them ("part-time only", "near York").

:func:`suggest` is shared by ``action_suggest_routes`` (after the profile form) and
``action_apply_constraint`` (which re-runs the search with the new constraint).
Each route goes out as one short message with buttons for the follow-ups and a
``custom`` payload holding the structured route for rich channels.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions import db, messages
from actions.parsing import (
    MODE_PHRASE,
    parse_distance_km,
    parse_modes,
    wants_near_me,
    wants_no_constraints,
)
from actions.slots import Profile, entity_values, latest_text
from pathways_catalogue.contract import NO_AGREEMENT
from pathways_catalogue.models import Institution
from pathways_catalogue.queries import CatalogueError, network_id, town_location
from pathways_catalogue.routes import KIND_PHRASE, Route, find_routes

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

logger = logging.getLogger(__name__)

#: how many routes to show
TOP_ROUTES = 3
_KM_PER_MILE = 1.609344


def agreement_sentence(step: Dict[str, Any]) -> str:
    """How the learner gets onto a step: "Agreement: a guaranteed place. Condition: ..."."""
    kind = step.get("kind") or NO_AGREEMENT
    if kind == NO_AGREEMENT:
        return "There's no formal agreement, so you'd apply in the usual way."
    sentence = f"Agreement: {KIND_PHRASE.get(kind, kind.replace('-', ' '))}."
    conditions = (step.get("conditions") or "").strip().rstrip(".")
    if conditions:
        sentence += f" Condition: {conditions[0].lower() + conditions[1:]}."
    return sentence


def and_list(words: Sequence[str]) -> str:
    """Join words as "a", "a and b" or "a, b and c"."""
    if len(words) < 2:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def filters_phrase(profile: Profile) -> str:
    """The learner's constraints in words: "part-time, within 20 miles of Selby"."""
    parts = [MODE_PHRASE.get(m, m) for m in profile.modes]
    if profile.town:
        if profile.max_distance_km:
            miles = round(profile.max_distance_km / _KM_PER_MILE)
            parts.append(f"within {miles} miles of {profile.town}")
        else:
            parts.append(f"near {profile.town}")
    return ", ".join(parts)


def route_buttons(position: int) -> List[Dict[str, str]]:
    """Follow-up buttons for the route at ``position`` (1-based)."""
    ordinal = json.dumps({"ordinal": str(position)})
    return [
        {"title": f"More about {position}", "payload": f"/ask_details{ordinal}"},
        {"title": "Entry requirements", "payload": f"/ask_requirements{ordinal}"},
        {"title": "Who to contact", "payload": f"/ask_contact{ordinal}"},
    ]


def varied(routes: Sequence[Route], count: int) -> List[Route]:
    """The best ``count`` routes, preferring ones that start with different courses.

    Route search ranks whole paths, so the top few often share a first step; the
    learner's real choice is the next course, so show different ones first.
    """
    chosen: List[Route] = []
    firsts: set = set()
    for route in routes:
        if route.steps[0].course_id not in firsts:
            chosen.append(route)
            firsts.add(route.steps[0].course_id)
        if len(chosen) == count:
            return chosen
    rest = [r for r in routes if r not in chosen]
    chosen += rest[: count - len(chosen)]
    return sorted(chosen, key=routes.index)


def _route_dicts(routes: Sequence[Route]) -> List[Dict[str, Any]]:
    return [{"position": i, **route.to_dict()} for i, route in enumerate(routes, start=1)]


def suggest(dispatcher: CollectingDispatcher, profile: Profile) -> List[Dict[str, Any]]:
    """Find and send the top routes for ``profile``; return the slot events."""
    start = profile.start()
    if start is None:
        messages.say(dispatcher, "profile_needed")
        return []
    try:
        with db.session() as s:
            routes = find_routes(
                s,
                start,
                interests=profile.interests,
                constraints=profile.constraints(),
                network=db.network(),
                limit=TOP_ROUTES * 4,
            )
        routes = varied(routes, TOP_ROUTES)
    except CatalogueError:
        logger.warning("route search failed for %s", profile, exc_info=True)
        routes = []
    except SQLAlchemyError:
        logger.exception("route search failed")
        messages.say(dispatcher, "catalogue_unavailable")
        return []
    filters = filters_phrase(profile)
    filters_text = f" ({filters})" if filters else ""
    if not routes:
        messages.say(dispatcher, "no_routes", origin=profile.origin(), filters=filters_text)
        return [SlotSet("suggested_routes", []), SlotSet("selected_route", None),
                SlotSet("selected_step", None)]  # fmt: skip
    shown = _route_dicts(routes)
    matched = list(dict.fromkeys(word for route in routes for word in route.matched))
    focus = f" that match your interest in {and_list(matched[:3])}" if matched else ""
    messages.say(
        dispatcher,
        "routes_intro",
        count=len(shown),
        are="is" if len(shown) == 1 else "are",
        routes="route" if len(shown) == 1 else "routes",
        origin=profile.origin(),
        focus=focus,
        filters=filters_text,
    )
    if profile.interests and not matched:
        messages.say(dispatcher, "interests_unmatched", interests=profile.interests)
    for route in shown:
        position = route["position"]
        messages.say(
            dispatcher,
            "route_summary",
            extra_buttons=route_buttons(position),
            custom={"type": "pathways.route", "position": position, "route": route},
            **_summary_values(position, route),
        )
    messages.say(dispatcher, "routes_outro")
    return [
        SlotSet("suggested_routes", shown),
        SlotSet("selected_route", None),
        SlotSet("selected_step", None),
    ]


def _summary_values(position: int, route: Dict[str, Any]) -> Dict[str, Any]:
    steps = route["steps"]
    first = steps[0]
    then = "".join(
        messages.text(
            "route_then", title=s["title"], institution=s["institution"], level=s["level"]
        )
        for s in steps[1:]
    )
    return {
        "position": position,
        "title": first["title"],
        "institution": first["institution"],
        "level": first["level"],
        "agreement": agreement_sentence(first),
        "then": then,
    }


class ActionSuggestRoutes(Action):
    """Suggests the top routes from the learner's course, interests and constraints."""

    def name(self) -> str:
        """Name of the action."""
        return "action_suggest_routes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Search and send the routes; store them in ``suggested_routes``."""
        return suggest(dispatcher, Profile.from_tracker(tracker))


class UnknownTown(LookupError):
    """A town the catalogue does not know."""

    def __init__(self, typed: str, known: Sequence[str]) -> None:
        super().__init__(typed)
        self.typed = typed
        self.known = ", ".join(known) or "none"


def _known_towns(s: Session, network: Optional[str]) -> List[str]:
    query = select(Institution.town).distinct().where(Institution.town != "")
    if network:
        query = query.where(Institution.network_id == network_id(s, network))
    return sorted(set(s.execute(query).scalars()))


def _town_in_text(towns: Sequence[str], text: str) -> Optional[str]:
    for town in sorted(towns, key=len, reverse=True):
        if re.search(rf"\b{re.escape(town.lower())}\b", text.lower()):
            return town
    return None


class ActionApplyConstraint(Action):
    """Applies a study mode, town or distance, then searches again if it can."""

    def name(self) -> str:
        """Name of the action."""
        return "action_apply_constraint"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Update the constraint slots from the latest message and re-run the search."""
        text = latest_text(tracker)
        said_modes = entity_values(tracker, "mode")
        profile = Profile.from_tracker(tracker)
        if wants_no_constraints(text) or any(wants_no_constraints(m) for m in said_modes):
            profile = dataclasses.replace(profile, modes=(), town=None, max_distance_km=None)
            messages.say(dispatcher, "constraint_cleared")
            return self._finish(dispatcher, tracker, profile, announce=False)

        modes = parse_modes(" ".join(said_modes)) or parse_modes(text)
        distance = parse_distance_km(text)
        try:
            town = self._town(tracker, text)
        except UnknownTown as unknown:
            messages.say(dispatcher, "town_unknown", town=unknown.typed, towns=unknown.known)
            return []
        except SQLAlchemyError:
            logger.exception("town lookup failed")
            messages.say(dispatcher, "catalogue_unavailable")
            return []
        if not (modes or distance or town or wants_near_me(text)):
            messages.say(dispatcher, "constraint_not_understood")
            return []
        if modes:
            profile = dataclasses.replace(profile, modes=tuple(modes))
        if town:
            profile = dataclasses.replace(profile, town=town, max_distance_km=distance)
        elif distance:
            profile = dataclasses.replace(profile, max_distance_km=distance)
        if (wants_near_me(text) or distance) and not profile.town:
            messages.say(dispatcher, "ask_town")
            return self._slots(profile)
        return self._finish(dispatcher, tracker, profile, announce=True)

    @staticmethod
    def _town(tracker: Tracker, text: str) -> Optional[str]:
        """The town named (a catalogue town), or None.

        Raises:
            UnknownTown: for a town the catalogue does not know.

        """
        said = next(iter(entity_values(tracker, "town")), None)
        with db.session() as s:
            towns = _known_towns(s, db.network())
            if not said:
                return _town_in_text(towns, text)
            try:
                name, _centre = town_location(s, said, db.network())
            except CatalogueError as error:
                raise UnknownTown(said, towns) from error
            return name

    @staticmethod
    def _slots(profile: Profile) -> List[Dict[str, Any]]:
        return [
            SlotSet("study_mode", ";".join(profile.modes) or None),
            SlotSet("town", profile.town),
            SlotSet("max_distance_km", profile.max_distance_km),
        ]

    def _finish(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        profile: Profile,
        announce: bool,
    ) -> List[Dict[str, Any]]:
        events = self._slots(profile)
        filters = filters_phrase(profile)
        if tracker.active_loop.get("name") or profile.start() is None:
            if announce and filters:
                messages.say(dispatcher, "constraint_saved", filters=filters)
            if not tracker.active_loop.get("name"):
                messages.say(dispatcher, "profile_needed")
            return events
        return events + suggest(dispatcher, profile)
