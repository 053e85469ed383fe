"""The learner's profile: course, level, subject, college, grade, interests, constraints.

:class:`Profile` is read from the slots and written back as slot events; the dialogue
(:mod:`actions.dialogue`) changes it from what each message says. ``action_restart``
forgets it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from rasa_sdk.events import SlotSet

from pathways_catalogue import vocabulary
from pathways_catalogue.routes import Constraints, Start

if TYPE_CHECKING:
    from rasa_sdk import Tracker

#: slot of each profile field
PROFILE_SLOTS: Dict[str, str] = {
    "course": "current_course",
    "course_id": "current_course_id",
    "level": "current_level",
    "subject": "current_subject",
    "institution": "institution",
    "grade": "grade",
    "interests": "interests",
    "new_subject": "new_subject",
    "modes": "study_mode",
    "town": "town",
    "max_distance_km": "max_distance_km",
}
#: slots about the conversation itself (what was shown, asked and talked about)
DIALOGUE_SLOTS = (
    "suggested_routes", "selected_route", "focus", "pending", "course_candidates",
)  # fmt: skip
#: slots forgotten on "start over" (the enquiry reference is kept)
RESTART_SLOTS = (
    *PROFILE_SLOTS.values(), *DIALOGUE_SLOTS,
    "learner_name", "contact_email", "contact_phone", "handover_consent",
)  # fmt: skip
_SEPARATOR = "; "


@dataclass(frozen=True)
class Profile:
    """What the assistant knows about the learner."""

    course: Optional[str] = None
    course_id: Optional[str] = None
    level: Optional[int] = None
    subject: Optional[str] = None
    institution: Optional[str] = None
    grade: Optional[str] = None
    interests: Tuple[str, ...] = ()
    #: a field the learner wants to switch to (routes start there, at the next level)
    new_subject: Optional[str] = None
    modes: Tuple[str, ...] = ()
    town: Optional[str] = None
    max_distance_km: Optional[float] = None

    @classmethod
    def from_tracker(cls, tracker: Tracker) -> Profile:
        """Read the profile slots of ``tracker``."""
        get = tracker.get_slot
        level = vocabulary.explicit_level(get("current_level"))
        distance = get("max_distance_km")
        return cls(
            course=get("current_course") or None,
            course_id=get("current_course_id") or None,
            level=level,
            subject=get("current_subject") or None,
            institution=get("institution") or None,
            grade=get("grade") or None,
            interests=split(get("interests")),
            new_subject=get("new_subject") or None,
            modes=tuple(m for m in split(get("study_mode")) if m in vocabulary.MODE_MATCHES),
            town=get("town") or None,
            max_distance_km=float(distance) if distance else None,
        )

    def slot_events(self, before: Optional[Profile] = None) -> List[Dict[str, Any]]:
        """``SlotSet`` events for the fields that differ from ``before`` (all if None)."""
        events = []
        for name, slot in PROFILE_SLOTS.items():
            value = getattr(self, name)
            if before is not None and getattr(before, name) == value:
                continue
            if isinstance(value, tuple):
                value = _SEPARATOR.join(value) or None
            elif name == "level" and value is not None:
                value = float(value)
            events.append(SlotSet(slot, value))
        return events

    def replace(self, **changes: Any) -> Profile:
        """A copy with ``changes``."""
        return dataclasses.replace(self, **changes)

    def without_filters(self) -> Profile:
        """A copy with no study mode, town or distance."""
        return self.replace(modes=(), town=None, max_distance_km=None)

    def start(self) -> Optional[Start]:
        """Where route search starts, or None while the course is unknown."""
        if self.new_subject and self.level is not None:
            return Start(level=self.level, subject=self.new_subject)
        if self.course_id:
            return Start(course=self.course_id)
        if self.level is not None and self.subject:
            return Start(level=self.level, subject=self.subject)
        return None

    def constraints(self) -> Constraints:
        """The learner's constraints in the form route search takes."""
        return Constraints(
            modes=vocabulary.catalogue_modes(self.modes),
            town=self.town,
            max_distance_km=self.max_distance_km if self.town else None,
        )

    @property
    def interests_text(self) -> str:
        """The interests as one phrase ("robotics, cad")."""
        return ", ".join(self.interests)

    def origin(self) -> str:
        """How the learner's starting point reads in a sentence."""
        if self.new_subject and self.level is not None:
            return f"level {self.level} into {self.new_subject.lower()}"
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
            "interests": self.interests_text,
            "new_subject": self.new_subject,
            "study_modes": list(self.modes),
            "town": self.town,
            "max_distance_km": self.max_distance_km,
        }


def split(value: object) -> Tuple[str, ...]:
    """A ";"-separated slot value as a tuple ("" and None give ())."""
    if not value:
        return ()
    return tuple(p.strip() for p in str(value).split(";") if p.strip())
