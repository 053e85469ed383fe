"""The assistant's side of one turn: understand the message, then decide the reply.

``action_respond`` runs after every learner message except chit-chat, start-over and
the hand-over (see ``data/rules/``). :class:`~actions.understanding.Understanding`
merges what the message says into the learner's profile, whatever the intent; then
:class:`Turn` decides, in this order:

1. a message too long, or with no words, gets a polite reply and changes nothing;
2. an answer to the question the bot asked (``pending``: course, level, subject,
   interests, town, a choice of courses, an adviser) is read as that answer;
3. a question about a course (contact, requirements, details, what comes after) is
   answered about the course named, the option picked or the one in focus, searching
   the routes without showing them when none were shown;
4. while the starting point is unknown, the next missing fact is asked for;
5. routes are shown when asked for, or when the profile changed in a way that
   changes them (a new course with interests, new interests, a new field, a filter);
6. a new course with nothing else gets its routes at once, and a question about
   interests that would put the closest first.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions import db, followups, interest, messages, prompts
from actions.courses import families_of, message_resolver
from actions.fallback import clarify
from actions.followups import Focus
from actions.reading import FOLLOW_UPS
from actions.referents import Referents
from actions.routes import (
    REACHABLE_ROUTES,
    TOP_ROUTES,
    and_list,
    filters_phrase,
    search,
    send_routes,
    show,
    shown,
)
from actions.state import TurnState
from actions.understanding import Understanding
from pathways_catalogue.queries import CatalogueError, subjects
from pathways_catalogue.routes import RouteDict
from pathways_catalogue.starts import starting_points
from pathways_catalogue.text import terms

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

    from actions.profile import Profile

logger = logging.getLogger(__name__)

#: subject buttons offered when the catalogue cannot tell a course's subject
MAX_SUBJECT_BUTTONS = 12
#: how well a course named by a learner with no course yet must resolve to be shown first
NAMED_START = 0.75


class Turn:
    """One learner message and the reply to it (see the module docstring)."""

    def __init__(
        self,
        session: Session,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        network: Optional[str],
    ) -> None:
        self.session = session
        self.out = dispatcher
        self.network = network
        # the one resolution of the message, against the live catalogue
        self.resolver = message_resolver(session, network)
        message = self.resolver.resolve(tracker.latest_message or {})
        self.c = TurnState.from_tracker(tracker, message)
        #: the question the learner asks, as decided for this turn
        self.asks: Optional[str] = None
        self.understanding = Understanding(self.c, session, dispatcher, network)
        #: route searches already made this turn, by profile and strictness
        self._searched: Dict[Tuple[Profile, bool], List[RouteDict]] = {}

    def run(self) -> List[Dict[str, Any]]:
        """Understand, decide, reply; return the slot events."""
        r = self.c.reading
        if r.too_long:
            messages.say(self.out, "message_too_long")
            return []
        if not r.has_words:
            messages.say(self.out, "no_words")
            return []
        if self.c.pending == "adviser" and r.intent in ("affirm", "deny") and not r.says_anything:
            if r.intent == "affirm":
                return [SlotSet("pending", None), FollowupAction("handover_form")]
            messages.say(self.out, "what_else")
            return [SlotSet("pending", None)]
        if interest.asked(r, self.c.shown):
            return self.route_interest()
        self.understanding.understand()
        if r.wants_person and not (r.asks == "contact" and self.c.others):
            # an adviser, unless they ask who to contact about a course they name
            return [*self.c.slot_events(), SlotSet(interest.SLOT, None),
                    FollowupAction("handover_form")]  # fmt: skip
        asks = r.asks
        if r.elliptical and self.c.focus is not None and self.c.focus.asked and (
            self.c.others or (not asks and followups.route_named(self.c.shown, r.text) is not None)
        ):
            # "and for the HND?", "and if i went to the uni instead": the same question
            # about another course
            asks = self.c.focus.asked
        named = [m for m in self.c.others if m.families]  # "the HND", "the FdSc in X"
        if asks in ("after", "details") and not named and r.ordinal is None and (
            self.c.course_changed
            or not (self.c.shown or self.c.focus or families_of(r.text))  # "can I do the HNC ..."
        ):
            asks = "routes"  # "I'm on the HNC in X, what can I do after it?": their course
        self.asks = asks
        if self.c.choice is not None:
            self.ask_choice()
        elif asks in FOLLOW_UPS:
            self.follow_up(str(asks))
        elif self.c.profile.start() is None:
            self.ask_missing()
        elif self.wants_routes():
            self.show_routes()
        elif self.c.course_changed:
            # the routes from their course at once, then what would narrow them
            self.show_routes()
            if self.c.shown:
                self.c.asking = "interests"
                messages.say(self.out, "ask_interests_after_routes",
                             examples=self.interest_examples())  # fmt: skip
        elif ((r.is_question and not r.small_talk) or (r.intent == "goodbye" and (
            r.says_anything or r.aim
        ))) and self.c.profile.start() is not None:
            # a question the words do not pin down ("is there anything more practical
            # nearer home?"), or a "goodbye" that says more ("and to become a teacher
            # later"), from a learner whose course is known: the routes answer it better
            # than "I didn't get that" or "bye"
            self.show_routes()
        else:
            self.small_talk()
        return self.finish()

    def route_interest(self) -> List[Dict[str, Any]]:
        """"I'm interested" in a route shown: the hand-over form files it with that route.

        When the words do not say which route, the learner is asked, with a button for
        each; an option that was not shown gets "I only showed you n options".
        """
        r = self.c.reading
        route = interest.chosen(self.c.shown, self.c.focus, r.ordinal)
        if route is None:
            buttons = followups.choose_buttons(len(self.c.shown), interest.INTENT)
            if r.ordinal is not None:
                messages.say(self.out, "option_out_of_range", count=len(self.c.shown),
                             extra_buttons=buttons)  # fmt: skip
            else:
                messages.say(self.out, "interest_which", extra_buttons=buttons)
            return self.c.slot_events()
        position = int(route.get("position") or 1)
        return [*self.c.slot_events(), SlotSet(interest.SLOT, route),
                SlotSet("selected_route", float(position - 1)),
                FollowupAction("handover_form")]  # fmt: skip

    def finish(self) -> List[Dict[str, Any]]:
        """The slot events of this turn."""
        events = self.c.profile.slot_events(self.c.before)
        events.append(SlotSet("pending", self.c.asking))
        events.append(SlotSet("course_candidates", self.c.choice))
        return events + self.c.events


    def constraints_changed(self) -> bool:
        """Whether this message changed the learner's filters."""
        p, b = self.c.profile, self.c.before
        return (p.modes, p.town, p.max_distance_km) != (b.modes, b.town, b.max_distance_km)

    def wants_routes(self) -> bool:
        """Whether this turn should show routes (see the module docstring)."""
        p, b = self.c.profile, self.c.before
        if self.asks == "routes" or self.c.answered_interests or self.c.course_confirmed:
            return True
        if self.c.course_changed:
            before = self.c.before.course or self.c.focus_before
            return bool(p.interests) or before is not None or self.constraints_changed()
        return (
            p.interests != b.interests or p.new_subject != b.new_subject
            or self.constraints_changed() or (p.level, p.subject) != (b.level, b.subject)
        )  # fmt: skip

    def show_routes(self) -> None:
        """Search, show and remember the top routes."""
        if self.c.asking == "town" and not self.c.town_unknown:
            messages.say(self.out, "ask_town")  # "near me": which town?
            return
        if self.constraints_changed() and filters_phrase(self.c.profile):
            messages.say(self.out, "constraint_saved", filters=filters_phrase(self.c.profile))
        if self.c.profile.new_subject and self.c.profile.new_subject != self.c.before.new_subject:
            messages.say(self.out, "new_field", subject=self.c.profile.new_subject.lower(),
                         level=self.c.profile.level)  # fmt: skip
        self.c.shown, dropped = show(self.session, self.out, self.c.profile, self.network)
        if dropped:  # the filters left nothing: forget them, as the learner was told
            self.c.profile = self.c.profile.without_filters()
        self.c.focus = None
        self.c.events += [SlotSet("suggested_routes", self.c.shown or None),
                        SlotSet("selected_route", None), SlotSet("focus", None)]  # fmt: skip

    def wanted(self) -> List[str]:
        """What a learner with no course yet wants.

        The courses this message names ("a business course"), then their interests.
        """
        named = []
        for mention in self.c.others:
            words = [w for w in terms(mention.text)
                     if w not in followups.QUALIFICATION_WORDS and not families_of(w)]  # fmt: skip
            if words:
                named.append(" ".join(words))
        return list(dict.fromkeys([*named, *self.c.profile.interests]))

    def show_starts(self) -> bool:
        """Courses where a learner with no course yet could start; True if any were shown.

        Only while the learner's course is unknown. They stay ``shown``, so "what do I
        need for the HNC one?" or "who do I contact?" is answered about one of them.
        """
        p = self.c.profile
        if p.start() is not None or p.course is not None:
            return False
        # a field with no course or level ("a member of the IT staff"): courses in it
        wanted = self.wanted() or ([p.subject] if p.subject else [])
        named = [m.best.course_id for m in self.c.others
                 if m.best is not None and m.best.in_catalogue and m.best.course_id
                 and m.best.score >= NAMED_START]  # fmt: skip
        if not wanted and not named:
            # "is there any access course I can do in the evenings?": that kind of course
            wanted = [m.text for m in self.c.others if m.role != "current" and families_of(m.text)]
            if not wanted:
                return False
        filters = filters_phrase(p)
        try:
            level = p.level + 1 if p.level else None
            routes = starting_points(self.session, wanted, p.constraints(), self.network,
                                     level, TOP_ROUTES, named)  # fmt: skip
            if not routes and filters:
                routes = starting_points(self.session, wanted, None, self.network, level,
                                         TOP_ROUTES, named)  # fmt: skip
                filters = ""
        except CatalogueError as error:
            logger.warning("starting points failed: %s", type(error).__name__)
            return False
        if not routes:
            return False
        out = shown(routes)
        messages.say(self.out, "starts_intro", count=len(out), are="is" if len(out) == 1 else "are",
                     courses="course" if len(out) == 1 else "courses",
                     interests=and_list(wanted[:3] or [r["steps"][0]["title"] for r in out]),
                     filters=f" ({filters})" if filters else "")  # fmt: skip
        send_routes(self.out, out)
        messages.say(self.out, "starts_outro")
        self.c.shown, self.c.focus, self.c.asking = out, None, None
        self.c.events += [SlotSet("suggested_routes", out), SlotSet("selected_route", None),
                          SlotSet("focus", None)]  # fmt: skip
        return True

    def ask_missing(self) -> None:
        """Ask for the next fact the starting point needs."""
        p, r = self.c.profile, self.c.reading
        if self.c.asking == "town":
            # a town the network does not know was answered already ("which is nearest
            # to you?"); what they asked for is shown meanwhile, without the town
            if not self.c.town_unknown:
                messages.say(self.out, "ask_town")
            else:
                self.show_starts()
            return
        if p.course is None and p.level is None and p.subject is None:
            if self.show_starts():
                return
            if not r.says_anything and not r.asks:
                if self.small_talk(quiet=True):
                    return
            elif r.interests and not r.asks:
                messages.say(self.out, "interest_noted",
                             interests=and_list([i.name for i in r.interests]))  # fmt: skip
            elif r.asks or self.c.others:
                messages.say(self.out, "profile_needed")
                self.c.asking = "course"
                return
            self.c.asking = "course"
            messages.say(self.out, "ask_current_course", example=self.example())
        elif p.level is None and p.course is None and self.show_starts():
            return
        elif p.level is None:
            self.c.asking = "level"
            key = "level_not_understood" if self.c.pending == "level" else "ask_current_level"
            messages.say(self.out, key)
        elif p.institution and p.course and not p.course_id and self.c.pending != "subject":
            self.not_at_college(p)
        else:
            self.c.asking = "subject"
            key = "subject_not_understood" if self.c.pending == "subject" else "ask_current_subject"
            buttons = [{"title": name, "payload": "/inform_course" + json.dumps({"subject": name})}
                       for name in subjects(self.session, self.network)[:MAX_SUBJECT_BUTTONS]]
            messages.say(self.out, key, extra_buttons=buttons or None)

    def not_at_college(self, p: Profile) -> None:
        """The college named does not list the course: say so, then its nearest courses.

        The buttons are the college's courses at the learner's level, and an adviser;
        typing the subject still works.
        """
        assert p.institution is not None and p.course is not None
        self.c.asking = "subject"
        found = prompts.courses_at(self.session, self.network, p.institution, p.level)
        buttons = [{"title": title, "payload": "/inform_course" + json.dumps({"course_id": code})}
                   for code, title in found]  # fmt: skip
        buttons.append({"title": messages.text("talk_to_adviser"), "payload": "/request_human"})
        messages.say(self.out, "course_not_at_college", extra_buttons=buttons, text=p.course,
                     institution=p.institution, level=f" at level {p.level}" if found and p.level
                     else "")  # fmt: skip

    def ask_choice(self) -> None:
        """"Did you mean ...?" with one button per course, and "None of these"."""
        assert self.c.choice is not None
        self.c.asking = "choose"
        buttons = []
        for option in self.c.choice["options"]:
            label = option["title"]
            if option.get("institution"):
                label = f"{option['title']} at {option['institution']}"
            buttons.append({"title": label, "payload": "/inform_course"
                            + json.dumps({"course_id": option["course_id"]})})  # fmt: skip
        buttons.append({"title": messages.text("course_none_of_these"), "payload": "/deny"})
        messages.say(self.out, "course_did_you_mean", extra_buttons=buttons,
                     text=self.c.choice["text"])  # fmt: skip

    def small_talk(self, quiet: bool = False) -> bool:
        """A reply to a message that says nothing the profile can use; True if one was sent.

        With ``quiet``, only greetings, out-of-scope and misunderstandings are answered
        (the caller asks its own question afterwards).
        """
        intent = self.c.reading.intent
        if intent == "request_human":  # "are you a real person?" (not a request)
            intent = "bot_challenge"
        if intent == "greet":
            messages.say(self.out, "greet")
            self.c.asking = "course" if self.c.profile.start() is None else None
            return True
        if intent == "bot_challenge":
            self.out.utter_message(response="utter_iamabot")
            self.c.asking = self.c.pending
            return True
        if intent == "thank":
            messages.say(self.out, "you_are_welcome")
            return True
        if intent == "goodbye":  # (one that says more, "and to become a teacher later",
            self.out.utter_message(response="utter_goodbye")  # is read like any other)
            return True
        if intent == "out_of_scope":
            self.out.utter_message(response="utter_out_of_scope")
            self.c.asking = self.c.pending
            return True
        if intent in ("nlu_fallback", "") or not quiet:
            if intent in ("affirm", "deny", "inform_constraint") and not quiet:
                if intent == "inform_constraint":
                    messages.say(self.out, "constraint_not_understood")
                else:
                    messages.say(self.out, "what_else")
                return True
            if clarify(self.out, self.c.tracker):
                self.c.asking = "adviser"
            else:
                self.c.asking = self.c.pending
            return True
        return False

    def follow_up(self, kind: str) -> None:
        """Answer a question about a course: the one named, picked or in focus."""
        focus = Referents(self.session, self.c, self.out, self.network, self.reachable).find()
        if focus is None and self.c.said_out_of_range:
            return
        institution = self.c.reading.institution or self.c.profile.institution
        if focus is None:
            if kind == "contact" and institution and self.c.profile.start() is None and (
                followups.institution_contact(self.session, self.out, institution, self.network)
            ):
                return  # a course the college does not list: the college's own contact
            if self.c.profile.start() is None:
                if not self.show_starts():
                    messages.say(self.out, "profile_needed")
                    self.c.asking = "course"
            elif self.c.others and self.c.others[0].best is not None and not (
                self.c.others[0].best.in_catalogue
            ):
                # a kind of course ("the top up", "a foundation degree") none of the routes
                # is: say so, and show where their course does lead
                messages.say(self.out, "kind_not_reachable", text=self.c.others[0].text,
                             origin=self.c.profile.origin())  # fmt: skip
                self.show_routes()
            elif self.c.others:
                messages.say(self.out, "course_not_reachable", text=self.c.others[0].text,
                             origin=self.c.profile.origin())  # fmt: skip
            else:
                messages.say(self.out, "no_routes", origin=self.c.profile.origin(), filters="")
            return
        if focus.position is not None and not 0 <= focus.position - 1 < len(self.c.shown):
            focus = Focus(focus.route, focus.step, None)
        if kind == "details":
            followups.details(self.out, focus)
        elif kind == "requirements":
            followups.requirements(self.out, focus, self.c.profile.grade)
        elif kind == "contact":
            followups.contact(self.session, self.out, focus, self.network)
        else:
            focus = followups.after(self.session, self.out, focus, self.c.profile.interests_text,
                                    self.network)  # fmt: skip
        focus = Focus(focus.route, focus.step, focus.position, kind)
        self.c.events.append(SlotSet("focus", focus.as_slot()))
        if focus.position is not None:
            self.c.events.append(SlotSet("selected_route", float(focus.position - 1)))

    def reachable(self, strict: bool = True) -> List[RouteDict]:
        """Routes from the learner's starting point (not shown), best first.

        ``strict``: within the learner's filters (if none fit, without them).
        """
        if self.c.profile.start() is None:
            return []
        try:
            return (self._search(strict=True) if strict else []) or self._search(strict=False)
        except CatalogueError as error:
            # the error names what the learner said (a town, a course): not for the log
            logger.warning("route search failed: %s", type(error).__name__)
            return []

    def _search(self, strict: bool) -> List[RouteDict]:
        """The route search for the profile as it is, once per turn (a question may look twice)."""
        key = (self.c.profile, strict)
        if key not in self._searched:
            routes = search(self.session, self.c.profile, self.network, REACHABLE_ROUTES, strict)
            self._searched[key] = [route.to_dict() for route in routes]
        return self._searched[key]


    def interest_examples(self) -> str:
        """Interest words from the catalogue, in the learner's subject if it has some."""
        found = self.resolver.gazetteer.common_keywords(self.c.profile.subject or None)
        if not found:
            return ""
        return " For example " + and_list([f'"{k}"' for k in found]).replace(" and ", " or ") + "."

    def example(self) -> str:
        """An example course from the catalogue served, for the course question."""
        found = prompts.example_course(self.session, self.network)
        return f' For example "{found}".' if found else ""


class ActionRespond(Action):
    """Understands the learner's message and replies (see :class:`Turn`)."""

    def name(self) -> str:
        """Name of the action."""
        return "action_respond"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Run one turn in a worker thread.

        The turn's database queries and name matching are blocking work: run on the
        action server's event loop they would hold up every other learner's request.
        """
        return await asyncio.to_thread(self.turn, dispatcher, tracker)

    @staticmethod
    def turn(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[Dict[str, Any]]:
        """One turn with a short-lived database session (blocking)."""
        try:
            with db.session() as session:
                return Turn(session, dispatcher, tracker, db.network()).run()
        except SQLAlchemyError:
            logger.exception("the catalogue database failed during a turn")
            messages.say(dispatcher, "catalogue_unavailable")
            return []
