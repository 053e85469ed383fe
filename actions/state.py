"""The state of one turn: what the assistant knew before a message, and what it decides.

:class:`TurnState` is read from the tracker once; :class:`~actions.understanding.
Understanding` changes it from the message, and :class:`~actions.dialogue.Turn`
replies from it. It turns into slot events at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.followups import Focus
from actions.profile import Profile
from actions.reading import CourseMention, Reading, read
from actions.routes import ShownRoute


@dataclass
class TurnState:
    """What the assistant knows about the learner and the conversation, during a turn."""

    tracker: Tracker
    reading: Reading
    #: the profile before the message, and as the message changes it
    before: Profile
    profile: Profile
    #: what the bot asked last turn (course, level, subject, interests, town, choose, adviser)
    pending: Optional[str]
    shown: List[ShownRoute]
    #: the course talked about, now and before this message
    focus: Optional[Focus]
    focus_before: Optional[Focus]
    #: the "did you mean" options offered last turn
    offered: Dict[str, Any]
    # -- decided during the turn
    asking: Optional[str] = None
    choice: Optional[Dict[str, Any]] = None
    course_changed: bool = False
    #: the learner named the course the assistant already had
    course_confirmed: bool = False
    answered_interests: bool = False
    said_out_of_range: bool = False
    #: the learner named a town the catalogue does not know (and was told so)
    town_unknown: bool = False
    events: List[Dict[str, Any]] = field(default_factory=list)
    #: the course the learner says they are on, and the ones they ask about or aim for
    own: Optional[CourseMention] = None
    others: List[CourseMention] = field(default_factory=list)

    @classmethod
    def from_tracker(cls, tracker: Tracker, message: Mapping[str, Any]) -> TurnState:
        """The state before the learner's latest message (``message``, resolved)."""
        profile = Profile.from_tracker(tracker)
        focus = Focus.from_slot(tracker.get_slot("focus"))
        return cls(
            tracker=tracker,
            reading=read(message),
            before=profile,
            profile=profile,
            pending=tracker.get_slot("pending"),
            shown=list(tracker.get_slot("suggested_routes") or []),
            focus=focus,
            focus_before=focus,
            offered=tracker.get_slot("course_candidates") or {},
        )

    def slot_events(self) -> List[Dict[str, Any]]:
        """The slot events of the turn."""
        events = self.profile.slot_events(self.before)
        events.append(SlotSet("pending", self.asking))
        events.append(SlotSet("course_candidates", self.choice))
        return events + self.events
