""""I'm interested" in a route: which route, and the enquiry it starts.

The widget's card sends ``/route_interest{"ordinal": "2"}``; a learner without buttons
types "I'm interested in route 2" (the NLU's ``route_interest`` intent, with an
``ordinal``). :func:`asked` decides whether a message is that; :func:`chosen` finds
the route among those shown. The route goes into the ``interest_route`` slot and the
hand-over form asks for consent and contact details as for any enquiry
(:mod:`actions.handover`); ``action_submit_enquiry`` then files it, marked as a route
interest, with the institution of the route's next course.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Sequence

from actions.followups import Focus, ordinal_choice

if TYPE_CHECKING:
    from actions.reading import Reading

#: the intent of "I'm interested" (the card's button and typed words)
INTENT = "route_interest"
#: the slot holding the route the learner is interested in, until the enquiry is filed
SLOT = "interest_route"


def asked(reading: Reading, shown: Sequence[Any]) -> bool:
    """Whether the message says the learner is interested in one of the routes shown.

    Only with routes shown, and, for typed words, only when they pick a route (an
    ordinal) or name nothing else: "I'm interested in robots" is an interest, whatever
    the intent.
    """
    if reading.intent != INTENT or not shown:
        return False
    return reading.payload or reading.ordinal is not None or not reading.says_anything


def chosen(
    shown: Sequence[Mapping[str, Any]], focus: Optional[Focus], ordinal: Optional[int]
) -> Optional[Mapping[str, Any]]:
    """The route picked (by its ordinal, else the one in focus, else the only one), or None."""
    index = ordinal_choice(len(shown), ordinal)
    if index is not None:
        return shown[index] if 0 <= index < len(shown) else None
    if focus is not None and focus.position is not None and 0 < focus.position <= len(shown):
        return shown[focus.position - 1]
    return shown[0] if len(shown) == 1 else None


def first_step(route: Any) -> Dict[str, Any]:
    """The first step of a stored route (the next course), or an empty dict."""
    steps = route.get("steps") if isinstance(route, dict) else None
    return steps[0] if steps and isinstance(steps[0], dict) else {}
