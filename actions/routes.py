"""Route suggestions: searching the catalogue for a profile and showing the top routes.

Each route goes out as one short message with buttons for the follow-ups and a
``custom`` payload (``{"type": "pathways.route", "position", "route"}``) holding the
structured route for rich channels.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from sqlalchemy.orm import Session

from actions import messages
from actions.profile import Profile
from pathways_catalogue import vocabulary
from pathways_catalogue.contract import NO_AGREEMENT
from pathways_catalogue.payloads import Step
from pathways_catalogue.queries import CatalogueError, town_points
from pathways_catalogue.routes import KIND_PHRASE, Route, RouteDict, StepDict, find_routes
from pathways_catalogue.starts import courses_of_kind

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)

#: how many routes to show
TOP_ROUTES = 3
#: how many routes are searched when looking for a course the learner names
REACHABLE_ROUTES = 40


class ShownRoute(RouteDict):
    """A route as shown to the learner: the route and its 1-based position."""

    position: int


def agreement_sentence(step: StepDict) -> str:
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
    parts = [vocabulary.MODE_PHRASE.get(m, m) for m in profile.modes]
    if profile.town:
        if profile.max_distance_km:
            miles = round(profile.max_distance_km / vocabulary.KM_PER_MILE)
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
        {"title": messages.text("interest_button"), "payload": f"/route_interest{ordinal}"},
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


def search(
    session: Session, profile: Profile, network: Optional[str], limit: int, strict: bool = True
) -> List[Route]:
    """Routes for ``profile`` (``strict``: with its constraints), best first.

    Raises:
        CatalogueError: for a start or town the catalogue does not know.

    """
    start = profile.start()
    if start is None:
        return []
    constraints = profile.constraints() if strict else None
    return find_routes(
        session, start, interests=profile.interests_text, constraints=constraints,
        network=network, limit=limit,
    )  # fmt: skip


def shown(routes: Sequence[Route]) -> List[ShownRoute]:
    """The routes as stored in ``suggested_routes``: their dicts with positions."""
    out: List[ShownRoute] = []
    for position, route in enumerate(routes, start=1):
        data = route.to_dict()
        out.append(ShownRoute(position=position, steps=data["steps"], contact=data["contact"],
                              score=data["score"], why=data["why"]))  # fmt: skip
    return out


def show(
    session: Session,
    dispatcher: CollectingDispatcher,
    profile: Profile,
    network: Optional[str],
) -> Tuple[List[ShownRoute], bool]:
    """Search and send the top routes for ``profile``; return what was shown.

    When the learner's filters leave no route, the routes without them are shown, with
    a word saying so; the second value is then True (the caller drops the filters).
    """
    filters = filters_phrase(profile)
    try:
        routes = varied(search(session, profile, network, TOP_ROUTES * 4), TOP_ROUTES)
        dropped = False
        if not routes and filters:
            in_field = in_their_field(session, profile, network)
            if in_field:
                # "is there a business apprenticeship?" from a business course: none
                # follows on from it, but the network has some in their field
                messages.say(dispatcher, "routes_in_field_with_filters",
                             origin=profile.origin(), filters=filters)  # fmt: skip
                out = shown(in_field)
                send_routes(dispatcher, out)
                messages.say(dispatcher, "routes_outro")
                return out, False
            routes = varied(search(session, profile, network, TOP_ROUTES * 4, strict=False),
                            TOP_ROUTES)  # fmt: skip
            dropped = bool(routes)
    except CatalogueError as error:
        # the error names what the learner said (a town, a course): not for the log
        logger.warning("route search failed: %s", type(error).__name__)
        routes, dropped = [], False
    if dropped:
        messages.say(dispatcher, "no_routes_with_filters", origin=profile.origin(),
                     filters=filters)  # fmt: skip
        profile = profile.without_filters()
        filters = ""
    filters_text = f" ({filters})" if filters else ""
    if not routes:
        messages.say(dispatcher, "no_routes", origin=profile.origin(), filters=filters_text)
        return [], False
    out = shown(routes)
    matched = list(dict.fromkeys(word for route in routes for word in route.matched))
    focus = ""
    if matched:
        # say only what is true of the routes shown: all of them, or how many
        fitting = sum(1 for route in routes if route.matched)
        interest = f"your interest in {and_list(matched[:3])}"
        focus = (f" that match {interest}" if fitting == len(routes)
                 else f" ({fitting} of them {'matches' if fitting == 1 else 'match'} {interest})")
    messages.say(
        dispatcher,
        "routes_intro",
        count=len(out),
        are="is" if len(out) == 1 else "are",
        routes="route" if len(out) == 1 else "routes",
        origin=profile.origin(),
        focus=focus,
        filters=filters_text,
    )
    if profile.interests and not matched:
        messages.say(dispatcher, "interests_unmatched", interests=and_list(profile.interests))
    send_routes(dispatcher, out)
    messages.say(dispatcher, "routes_outro")
    return out, dropped


def in_their_field(session: Session, profile: Profile, network: Optional[str]) -> List[Route]:
    """Courses in the learner's field that fit their filters, at their level or above.

    For filters that no route from their course fits: the network's courses studied
    that way ("an apprenticeship", "evenings") in their subject (nearest their
    interests), their own course left out.
    """
    words = [w for w in (profile.subject, *profile.interests) if w]
    if not words or not profile.modes:
        return []
    own, field = profile.course_id, profile.subject

    def accept(step: Step) -> bool:
        return step.course_id != own and (field is None or step.subject == field)

    try:
        return courses_of_kind(session, words, accept, profile.constraints(), network,
                               profile.level or 1, TOP_ROUTES)  # fmt: skip
    except CatalogueError as error:
        logger.warning("courses in the field failed: %s", type(error).__name__)
        return []


def send_routes(dispatcher: CollectingDispatcher, routes: Sequence[ShownRoute]) -> None:
    """One message per route, with its buttons and the route as custom data."""
    for route in routes:
        position = route["position"]
        messages.say(
            dispatcher,
            "route_summary",
            extra_buttons=route_buttons(position),
            custom={"type": "pathways.route", "position": position, "route": route},
            **summary_values(route),
        )


def summary_values(route: ShownRoute) -> Dict[str, Any]:
    """The values of the ``route_summary`` message."""
    steps = route["steps"]
    first = steps[0]
    then = "".join(
        messages.text("route_then", title=s["title"], institution=s["institution"],
                      level=s["level"])
        for s in steps[1:]
    )  # fmt: skip
    return {
        "position": route["position"],
        "title": first["title"],
        "institution": first["institution"],
        "level": first["level"],
        "agreement": agreement_sentence(first),
        "then": then,
    }


def known_towns(session: Session, network: Optional[str]) -> List[str]:
    """The towns of the network's institutions and courses."""
    return sorted(town_points(session, network))
