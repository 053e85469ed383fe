"""The learner profile: what course they are on, its level and subject, their interests.

``learner_profile_form`` asks for the course, then (only for a course the catalogue
does not know) its level and subject, then the learner's interests. The validation
action checks the course against the catalogue:

- a confident match sets ``current_course_id``, ``current_level`` and ``current_subject``;
- a near miss keeps the options in ``course_candidates`` and asks again, with buttons
  ("Did you mean ...?", see :class:`ActionAskCurrentCourse`);
- a regulated qualification outside the network gives its level and subject;
- anything else is kept as typed, and the form goes on to ask its level and subject.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from sqlalchemy.exc import SQLAlchemyError

from actions import db, messages
from actions.courses import (
    CONFIDENT,
    Candidate,
    CourseMatch,
    catalogue_subject,
    from_extractor,
    level_of,
    match_course,
)
from actions.messages import AskAction
from actions.parsing import is_dont_know, parse_level, strip_lead_in
from actions.slots import (
    CONSTRAINT_SLOTS,
    PROFILE_SLOTS,
    ROUTE_SLOTS,
    entities,
    entity_values,
    latest_intent,
    latest_text,
    previous_slot_value,
)

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

logger = logging.getLogger(__name__)

#: intents whose whole text describes the learner's interests
INTEREST_INTENTS = frozenset({"inform_interest", "change_interest"})
#: slots forgotten on "start over" (the enquiry reference is kept)
RESTART_SLOTS = (
    *PROFILE_SLOTS,
    *CONSTRAINT_SLOTS,
    *ROUTE_SLOTS,
    "learner_name",
    "contact_email",
    "contact_phone",
    "handover_consent",
)


def _course_option(candidate: Candidate) -> Dict[str, Any]:
    return {
        "course_id": candidate.course_id,
        "title": candidate.title,
        "institution": candidate.institution,
        "level": candidate.level,
    }


def _did_you_mean_buttons(offered: Dict[str, Any]) -> List[Dict[str, str]]:
    """One button per offered course, and "None of these" (which sends the typed text)."""
    buttons = []
    for option in offered.get("options", []):
        entities_ = {"course": option["title"]}
        label = option["title"]
        if option.get("institution"):
            entities_["institution"] = option["institution"]
            label = f"{option['title']} at {option['institution']}"
        buttons.append({"title": label, "payload": "/inform_course" + json.dumps(entities_)})
    buttons.append(
        {
            "title": messages.text("course_none_of_these"),
            "payload": "/inform_course" + json.dumps({"course": offered.get("text", "")}),
        }
    )
    return buttons


class ValidateLearnerProfileForm(FormValidationAction):
    """Validates the profile form's slots against the catalogue."""

    def name(self) -> str:
        """Name of the action."""
        return "validate_learner_profile_form"

    # -- course ------------------------------------------------------------

    def validate_current_course(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Resolve the course; see the module docstring for the outcomes."""
        typed = str(slot_value or "").strip()
        if not typed:
            return {"current_course": None}
        if typed == previous_slot_value(tracker, "current_course"):
            return {}  # already validated in an earlier turn
        text = strip_lead_in(typed)  # "I'm on the btec in game art" -> "btec in game art"
        institution = next(iter(entity_values(tracker, "institution")), None)
        level = next(
            (parse_level(v) for v in entity_values(tracker, "level") if parse_level(v)), None
        )
        offered = tracker.get_slot("course_candidates") or {}
        if offered and typed == offered.get("text"):  # "None of these"
            return self._unknown(text, level, tracker, dispatcher)
        match = self._picked(offered, typed, institution)
        if match is None:
            try:
                with db.session() as s:
                    if level is None:
                        level = level_of(s, text, db.network())
                    match = match_course(
                        s, text, level=level, institution=institution, network=db.network()
                    )
            except SQLAlchemyError:
                logger.exception("course lookup failed")
                messages.say(dispatcher, "catalogue_unavailable")
                match = CourseMatch("unknown")
        if match.outcome == "unknown":
            # the NLU's catalogue extractor may have resolved words the lookup could not
            match = self._extracted(tracker, typed) or match
        if match.outcome == "unknown" and latest_intent(tracker) == "out_of_scope":
            # not a course after all ("what's the weather?"): say so, ask again
            dispatcher.utter_message(response="utter_out_of_scope")
            return {"current_course": None}
        return self._outcome(match, text, level, tracker, dispatcher)

    @staticmethod
    def _picked(
        offered: Dict[str, Any], typed: str, institution: Optional[str]
    ) -> Optional[CourseMatch]:
        """The course the learner chose from the "did you mean" buttons, if any."""
        for option in offered.get("options", []):
            if option.get("title") == typed and (
                not institution or option.get("institution") == institution
            ):
                chosen = Candidate.of({**option, "score": 1.0, "source": "catalogue"})
                return CourseMatch("found", [chosen])
        return None

    @staticmethod
    def _extracted(tracker: Tracker, typed: str) -> Optional[CourseMatch]:
        """A confident resolution from the catalogue entity extractor, if any."""
        for entity in entities(tracker, "course"):
            found = from_extractor(entity)
            if (
                found is not None
                and found.source == "catalogue"
                and found.course_id
                and found.score >= CONFIDENT
                and str(entity.get("value", "")).strip() == typed
            ):
                return CourseMatch("found", [found])
        return None

    def _outcome(
        self,
        match: CourseMatch,
        text: str,
        level: Optional[int],
        tracker: Tracker,
        dispatcher: CollectingDispatcher,
    ) -> Dict[str, Any]:
        best = match.best
        if match.outcome == "found" and best is not None:
            messages.say(
                dispatcher,
                "course_found",
                title=best.title,
                institution=best.institution or "your college",
                level=best.level,
            )
            return {
                **self._grade(tracker),
                "current_course": best.title,
                "current_course_id": best.course_id,
                "current_level": float(best.level) if best.level is not None else None,
                "current_subject": best.subject,
                "institution": best.institution,
                "course_candidates": None,
            }
        if match.outcome == "qualification" and best is not None:
            messages.say(
                dispatcher,
                "course_known_qualification",
                title=best.title,
                level=best.level,
                subject=(best.subject or "your subject").lower(),
            )
            return {
                **self._grade(tracker),
                "current_course": text,
                "current_course_id": None,
                "current_level": float(best.level) if best.level is not None else None,
                "current_subject": best.subject or self._subject_from_message(tracker),
                "institution": next(iter(entity_values(tracker, "institution")), None),
                "course_candidates": None,
            }
        if match.outcome == "choose":
            return {
                "current_course": None,
                "current_course_id": None,
                "course_candidates": {
                    "text": text,
                    "options": [_course_option(c) for c in match.candidates],
                },
            }
        return self._unknown(text, level, tracker, dispatcher)

    def _unknown(
        self,
        text: str,
        level: Optional[int],
        tracker: Tracker,
        dispatcher: CollectingDispatcher,
    ) -> Dict[str, Any]:
        """Keep the course as typed; the form then asks its level and subject."""
        messages.say(dispatcher, "course_unknown", text=text)
        return {
            **self._grade(tracker),
            "current_course": text,
            "current_course_id": None,
            "current_level": float(level) if level is not None else None,
            "current_subject": self._subject_from_message(tracker),
            "institution": next(iter(entity_values(tracker, "institution")), None),
            "course_candidates": None,
        }

    @staticmethod
    def _grade(tracker: Tracker) -> Dict[str, Any]:
        """The grade named with the course, if any (kept otherwise)."""
        grade = next(iter(entity_values(tracker, "grade")), None)
        return {"grade": grade} if grade else {}

    @staticmethod
    def _subject_from_message(tracker: Tracker) -> Optional[str]:
        return next(iter(entity_values(tracker, "subject")), None)

    # -- level and subject (asked only for courses the catalogue lacks) -----

    def validate_current_level(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Normalise "level 3", "L3", "three" to 3.0; the course decides when it came too."""
        if "current_course" in tracker.slots_to_validate():
            return {}
        level = parse_level(slot_value)
        if level is None:
            messages.say(dispatcher, "level_not_understood")
            return {"current_level": None}
        return {"current_level": float(level)}

    def validate_current_subject(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Keep the learner's words for the subject ("not sure": use the course's words)."""
        if "current_course" in tracker.slots_to_validate():
            return {}
        subject = strip_lead_in(str(slot_value or ""))
        if not subject or is_dont_know(subject):
            subject = str(tracker.get_slot("current_course") or "")
        if not subject:
            messages.say(dispatcher, "subject_not_understood")
            return {"current_subject": None}
        try:
            with db.session() as s:
                subject = catalogue_subject(s, subject, db.network()) or subject
        except SQLAlchemyError:
            logger.warning("subject lookup failed", exc_info=True)
        return {"current_subject": subject}

    # -- interests ----------------------------------------------------------

    def validate_interests(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Keep interests as free text; "not sure" becomes "" (no preference)."""
        value = str(slot_value or "")
        if value == previous_slot_value(tracker, "interests"):
            return {}
        text = latest_text(tracker)
        answered = tracker.get_slot("requested_slot") == "interests"
        if (answered or latest_intent(tracker) in INTEREST_INTENTS) and not text.startswith("/"):
            interests = strip_lead_in(text)
        else:
            interests = ", ".join(dict.fromkeys(entity_values(tracker, "interest"))) or value
        if is_dont_know(interests):
            interests = ""
        return {"interests": interests}


class ActionAskCurrentCourse(Action):
    """Asks for the course, or "did you mean ...?" with buttons after a near miss."""

    def name(self) -> str:
        """Name of the action."""
        return "action_ask_current_course"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Send the question."""
        offered = tracker.get_slot("course_candidates")
        if offered and offered.get("options"):
            messages.say(
                dispatcher,
                "course_did_you_mean",
                extra_buttons=_did_you_mean_buttons(offered),
                text=offered.get("text", ""),
            )
        else:
            messages.say(dispatcher, "ask_current_course")
        return []


class ActionAskCurrentLevel(AskAction):
    """Asks the level of a course the catalogue does not know."""

    message_key = "ask_current_level"


class ActionAskCurrentSubject(AskAction):
    """Asks the subject of a course the catalogue does not know."""

    message_key = "ask_current_subject"


class ActionAskInterests(AskAction):
    """Asks what the learner is interested in."""

    message_key = "ask_interests"


class ActionRestartProfile(Action):
    """Start over: forget the profile, filters, routes and handover details.

    Registered as ``action_restart``: Rasa maps the default ``restart`` intent to
    that action name before any rule or policy, so overriding it is the only way to
    make "start again" clear the profile instead of wiping the whole conversation
    (the transcript an adviser may later need).
    """

    def name(self) -> str:
        """Name of the action."""
        return "action_restart"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Clear the slots, stop any form and ask for the course again."""
        messages.say(dispatcher, "profile_restarted")
        return [
            *(SlotSet(slot, None) for slot in RESTART_SLOTS),
            ActiveLoop(None),
            SlotSet("requested_slot", None),
        ]
