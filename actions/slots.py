"""Reading the learner's profile and the latest message from a tracker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from actions.parsing import catalogue_modes, parse_level, split_modes
from pathways_catalogue.routes import Constraints, Start

if TYPE_CHECKING:
    from rasa_sdk import Tracker

#: slots that describe the learner (cleared on "start over")
PROFILE_SLOTS = (
    "current_course",
    "current_course_id",
    "current_level",
    "current_subject",
    "institution",
    "grade",
    "interests",
    "course_candidates",
)
#: slots that narrow the search
CONSTRAINT_SLOTS = ("study_mode", "town", "max_distance_km")
#: slots about the routes shown
ROUTE_SLOTS = ("suggested_routes", "selected_route", "selected_step")


@dataclass(frozen=True)
class Profile:
    """What the assistant knows about the learner, from the slots."""

    course: Optional[str] = None
    course_id: Optional[str] = None
    level: Optional[int] = None
    subject: Optional[str] = None
    institution: Optional[str] = None
    grade: Optional[str] = None
    interests: str = ""
    modes: tuple = ()
    town: Optional[str] = None
    max_distance_km: Optional[float] = None

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> Profile:
        """Read the profile slots of ``tracker``."""
        distance = tracker.get_slot("max_distance_km")
        return cls(
            course=tracker.get_slot("current_course") or None,
            course_id=tracker.get_slot("current_course_id") or None,
            level=parse_level(tracker.get_slot("current_level")),
            subject=tracker.get_slot("current_subject") or None,
            institution=tracker.get_slot("institution") or None,
            grade=tracker.get_slot("grade") or None,
            interests=tracker.get_slot("interests") or "",
            modes=tuple(split_modes(tracker.get_slot("study_mode"))),
            town=tracker.get_slot("town") or None,
            max_distance_km=float(distance) if distance else None,
        )

    def start(self) -> Optional[Start]:
        """Where route search starts, or None if the course is still unknown."""
        if self.course_id:
            return Start(course=self.course_id)
        if self.level is not None and self.subject:
            return Start(level=self.level, subject=self.subject)
        return None

    def constraints(self) -> Constraints:
        """The learner's constraints in the form route search takes."""
        return Constraints(
            modes=catalogue_modes(self.modes),
            town=self.town,
            max_distance_km=self.max_distance_km if self.town else None,
        )

    def origin(self) -> str:
        """How the learner's starting point reads in a sentence."""
        if self.course:
            return self.course
        if self.level is not None and self.subject:
            return f"your level {self.level} course in {self.subject}"
        return "your course"

    def as_dict(self) -> Dict[str, Any]:
        """The profile as stored with an enquiry."""
        return {
            "course": self.course,
            "course_id": self.course_id,
            "level": self.level,
            "subject": self.subject,
            "institution": self.institution,
            "grade": self.grade,
            "interests": self.interests,
            "study_modes": list(self.modes),
            "town": self.town,
            "max_distance_km": self.max_distance_km,
        }


def latest_text(tracker: Tracker) -> str:
    """The text of the learner's latest message ('' if none)."""
    return str((tracker.latest_message or {}).get("text") or "")


def latest_intent(tracker: Tracker) -> Optional[str]:
    """The intent of the learner's latest message."""
    intent = (tracker.latest_message or {}).get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None


def entities(tracker: Tracker, name: str) -> List[Dict[str, Any]]:
    """The entities called ``name`` in the latest message, in order."""
    found = (tracker.latest_message or {}).get("entities") or []
    return [e for e in found if e.get("entity") == name]


def entity_values(tracker: Tracker, name: str) -> List[str]:
    """The values of the entities called ``name`` in the latest message."""
    return [str(e["value"]) for e in entities(tracker, name) if e.get("value") is not None]


def previous_slot_value(tracker: Tracker, slot: str) -> Any:
    """The value ``slot`` had before the learner's latest message."""
    events = tracker.events
    last_user = max(
        (i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events)
    )
    value = None
    for event in events[:last_user]:
        if event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
        elif event.get("event") == "restart":
            value = None
    return value
