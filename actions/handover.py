"""Handing the learner over to a human adviser.

``handover_form`` explains what will be shared and asks for consent, then a name and
an email address or phone number (one slot, ``contact_email``, takes either; a phone
number moves to ``contact_phone``). Refusing at any point ends the form without
storing anything: ``action_submit_enquiry`` then clears the name and contact slots and
sets ``details_withdrawn``, on which the tracker store scrubs them from the stored
conversation too (``bot/tracker_store.py``). Otherwise it stores the enquiry, commits,
and only then tells the learner the reference, and forgets the name and contact slots
(the enquiry has them; a later enquiry asks again).

"I'm interested" on a route (:mod:`actions.interest`) starts the same form with the
route in the ``interest_route`` slot: the consent question names the institution of
the route's next course, and the enquiry is filed for it, marked as a route interest
(``kind = "route_interest"``, the route in ``interest_route``); the learner is told
the institution's name and the reference.

Enquiries are capped per conversation and per client address a day
(:mod:`actions.enquiry_caps`): when the learner says yes to the hand-over and the cap
is reached, the form ends without asking anything personal, and
``action_submit_enquiry`` tells them politely (``enquiry_limit_reached``); nothing is
stored.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from sqlalchemy.exc import SQLAlchemyError

from actions import db, interest, messages
from actions.enquiry_caps import caps, client_of
from actions.messages import AskAction
from actions.person import asks_if_bot
from actions.profile import Profile
from enquiries.models import HANDOVER, ROUTE_INTEREST
from enquiries.store import create_enquiry
from storage import contacts

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

logger = logging.getLogger(__name__)

#: the slots holding the learner's own details (cleared when they decline)
PERSONAL_SLOTS = ("learner_name", "contact_email", "contact_phone")
#: tells the tracker store to scrub the personal details from the stored conversation
WITHDRAWN_SLOT = "details_withdrawn"

_REFUSAL_RE = re.compile(
    r"^(?:no\b|nope\b|nah\b|cancel\b|stop\b|forget it\b|never ?mind\b)|"
    r"\b(?:rather not|don'?t want to|do not want to|not comfortable|no thanks)\b",
    re.IGNORECASE,
)
_NAME_LEAD_IN = re.compile(
    r"^(?:hi[, ]+|hello[, ]+)?(?:my name'?s|my name is|name'?s|i'?m|i am|im|it'?s|its|"
    r"this is|call me|they call me)\s+",
    re.IGNORECASE,
)
_NAME_RE = re.compile("[A-Za-z\u00c0-\u00ff][A-Za-z\u00c0-\u00ff'\u2019.-]*")
MAX_NAME_WORDS = 4
#: words that do not occur in names, so "what's the weather" is not taken for one
NOT_NAME_WORDS = frozenset(
    """what what's whats how why where when who which the a an is are am was you your
    can could would do does please thanks thank weather help me my it this that not
    don't yes no""".split()
)


def is_refusal(text: str) -> bool:
    """True if the learner declines ("no thanks", "I'd rather not", "cancel")."""
    return bool(_REFUSAL_RE.search(text.strip()))


def clean_name(text: str) -> Optional[str]:
    """The learner's name from "my name is sam patel" ("Sam Patel"), or None."""
    stripped = _NAME_LEAD_IN.sub("", text.strip()).strip(" .!,")
    words = stripped.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or not all(_NAME_RE.fullmatch(w) for w in words):
        return None
    if any(w.lower() in NOT_NAME_WORDS for w in words):
        return None
    if stripped == stripped.lower() or stripped == stripped.upper():
        stripped = " ".join(w[:1].upper() + w[1:].lower() for w in words)
    return stripped


def find_email(text: str) -> Optional[str]:
    """The first email address in ``text`` (checked by email-validator, no DNS)."""
    return contacts.first_email(text)


def find_phone(text: str) -> Optional[str]:
    """A UK phone number in ``text``, as written at home ("07700 900123"), or None."""
    return contacts.uk_phone(text)


def transcript(events: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    """The learner's and the assistant's messages, in order."""
    lines = []
    for event in events:
        kind = event.get("event")
        text = event.get("text")
        if kind in ("user", "bot") and text:
            lines.append({"who": "learner" if kind == "user" else "assistant", "text": text})
    return lines


def _request_text(events: List[Dict[str, Any]]) -> str:
    """What the learner said when they asked for a person or said they were interested.

    The latest such message; a button's payload ("/route_interest{...}") is no words.
    """
    for event in reversed(events):
        intent = (event.get("parse_data") or {}).get("intent") or {}
        if event.get("event") == "user" and intent.get("name") in ("request_human",
                                                                   interest.INTENT):
            text = str(event.get("text") or "")
            return "" if text.startswith("/") else text
    return ""


def route_institution(tracker: Tracker) -> Optional[str]:
    """Catalogue id of the institution the enquiry is for, or None.

    The institution of the first step of the route the learner asked about (the
    selected one, else the first suggested): that is where the route's contact works.
    """
    routes = tracker.get_slot("suggested_routes") or []
    selected = tracker.get_slot("selected_route")
    index = int(selected) if selected is not None and 0 <= int(selected) < len(routes) else 0
    route = routes[index] if routes and isinstance(routes[index], dict) else {}
    steps = route.get("steps") or []
    first = steps[0] if steps and isinstance(steps[0], dict) else {}
    return str(first.get("institution_id") or "") or None


def forget_details() -> List[Dict[str, Any]]:
    """Slot events that forget the learner's details (kept in the enquiry once saved)."""
    return [SlotSet(slot, None) for slot in PERSONAL_SLOTS]


def withdraw_details() -> List[Dict[str, Any]]:
    """Slot events that forget the learner's details and have the store scrub them."""
    return [*(SlotSet(slot, None) for slot in PERSONAL_SLOTS), SlotSet(WITHDRAWN_SLOT, True)]


def answered_bot_question(dispatcher: CollectingDispatcher, text: str) -> bool:
    """Answer "are you a real person?" typed where a detail was asked; True if it was."""
    if not asks_if_bot(text):
        return False
    dispatcher.utter_message(response="utter_iamabot")  # the form then asks again
    return True


class ValidateHandoverForm(FormValidationAction):
    """Validates consent, name and contact details."""

    def name(self) -> str:
        """Name of the action."""
        return "validate_handover_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        """Stop after a "no"; a phone number stands in for the email address."""
        if tracker.get_slot("handover_consent") is False:
            return ["handover_consent"]
        if tracker.get_slot("contact_phone"):
            return [s for s in domain_slots if s != "contact_email"]
        return domain_slots

    def validate_handover_consent(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Only an explicit yes counts as consent; with the day's cap reached it ends the form."""
        consent = slot_value is True or str(slot_value).lower() == "true"
        if consent and caps().reached(tracker.sender_id, client_of(tracker)):
            return {"handover_consent": False}  # action_submit_enquiry says why
        return {"handover_consent": consent}

    def validate_learner_name(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Accept a plausible name; a refusal withdraws consent."""
        text = str(slot_value or "")
        if is_refusal(text):  # the words decide: a name is often taken for a "no"
            return {"learner_name": None, "handover_consent": False}
        if answered_bot_question(dispatcher, text):
            return {"learner_name": None}
        name = clean_name(text)
        if name is None:
            messages.say(dispatcher, "name_not_understood")
        return {"learner_name": name}

    def validate_contact_email(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Accept an email address or a UK phone number; a refusal withdraws consent."""
        text = str(slot_value or "")
        email, phone = find_email(text), find_phone(text)
        if not (email or phone):
            if is_refusal(text):
                return {"contact_email": None, "handover_consent": False}
            if answered_bot_question(dispatcher, text):
                return {"contact_email": None, "contact_phone": None}
            messages.say(dispatcher, "contact_not_understood")
        return {"contact_email": email, "contact_phone": phone}


def interest_route(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The route the learner said "I'm interested" in, while its enquiry is being made."""
    route = tracker.get_slot(interest.SLOT)
    return route if isinstance(route, dict) and interest.first_step(route) else None


def consent_text(tracker: Tracker) -> str:
    """The consent question as the learner was asked it (it is stored with the enquiry)."""
    route = interest_route(tracker)
    if route is None:
        return messages.text("ask_handover_consent")
    step = interest.first_step(route)
    return messages.text("ask_interest_consent", title=step.get("title", ""),
                         institution=step.get("institution", ""))  # fmt: skip


class ActionAskHandoverConsent(AskAction):
    """Explains what will be shared and asks for consent (naming the route's institution)."""

    message_key = "ask_handover_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Ask for consent to an adviser's call, or to telling the institution of the route."""
        dispatcher.utter_message(
            text=consent_text(tracker),
            buttons=messages.buttons("ask_handover_consent"),
            message_key="ask_interest_consent" if interest_route(tracker) else self.message_key,
        )
        return []


class ActionAskLearnerName(AskAction):
    """Asks the learner's name."""

    message_key = "ask_learner_name"


class ActionAskContactEmail(AskAction):
    """Asks for an email address or phone number."""

    message_key = "ask_contact_email"


class ActionSubmitEnquiry(Action):
    """Stores the enquiry and commits it, then gives the learner the reference."""

    def name(self) -> str:
        """Name of the action."""
        return "action_submit_enquiry"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Save the enquiry; on a database error apologise and give no reference."""
        # consent is asked for each enquiry; the route of an "I'm interested" goes with it
        done = [SlotSet("handover_consent", None), SlotSet(interest.SLOT, None)]
        limit, client = caps(), client_of(tracker)
        if limit.reached(tracker.sender_id, client):
            messages.say(dispatcher, "enquiry_limit_reached")
            return [*done, *withdraw_details()]
        name = tracker.get_slot("learner_name")
        email = tracker.get_slot("contact_email") or ""
        phone = tracker.get_slot("contact_phone") or ""
        if tracker.get_slot("handover_consent") is not True or not name or not (email or phone):
            messages.say(dispatcher, "handover_declined")
            return [*done, *withdraw_details()]
        route = interest_route(tracker)
        step = interest.first_step(route)
        try:
            with db.session() as s:
                enquiry = create_enquiry(
                    s,
                    learner_name=name,
                    email=email,
                    phone=phone,
                    consent=True,
                    consent_text=consent_text(tracker),
                    profile=Profile.from_tracker(tracker).as_dict(),
                    routes=tracker.get_slot("suggested_routes") or [],
                    transcript=transcript(tracker.events),
                    message=_request_text(tracker.events),
                    sender_id=tracker.sender_id,
                    channel=tracker.get_latest_input_channel() or "",
                    network_slug=db.network_slug(s),
                    institution_id=(str(step.get("institution_id") or "") or None) if route
                    else route_institution(tracker),
                    kind=ROUTE_INTEREST if route else HANDOVER,
                    interest_route=route,
                )
                reference = str(enquiry.reference)
                s.commit()
            limit.count(tracker.sender_id, client)
        except SQLAlchemyError:
            logger.exception("could not store the enquiry")
            messages.say(dispatcher, "enquiry_failed", contact=self._direct_contact(tracker))
            return done
        how = "email" if email else "phone"
        if route is not None:
            messages.say(dispatcher, "interest_submitted", name=name.split()[0],
                         reference=reference, how=how, title=step.get("title", ""),
                         institution=step.get("institution", ""))  # fmt: skip
        else:
            messages.say(dispatcher, "enquiry_submitted", name=name.split()[0],
                         reference=reference, how=how)  # fmt: skip
        return [SlotSet("enquiry_reference", reference), *done, *forget_details()]

    @staticmethod
    def _direct_contact(tracker: Tracker) -> str:
        """A route contact the learner can try instead (" You can also contact ...")."""
        routes = tracker.get_slot("suggested_routes") or []
        selected = tracker.get_slot("selected_route")
        index = int(selected) if selected is not None and int(selected) < len(routes) else 0
        contact = (routes[index].get("contact") or {}) if routes else {}
        way = contact.get("email") or contact.get("phone")
        if not (contact.get("name") and way):
            return ""
        return f" You can also contact {contact['name']} at {contact['institution']} on {way}."
