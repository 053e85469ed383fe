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
import re
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions import db, followups, interest, messages, prompts
from actions.courses import Outcome, families_of, implied_level, match_text, message_resolver
from actions.fallback import clarify
from actions.followups import Focus
from actions.reading import ASKS_BY_INTENT, FOLLOW_UPS, CourseMention
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
from pathways_catalogue import vocabulary
from pathways_catalogue.payloads import Step
from pathways_catalogue.queries import CatalogueError, subjects
from pathways_catalogue.resolve.shorthand import shorthand, tokens
from pathways_catalogue.routes import RouteDict
from pathways_catalogue.starts import courses_of_kind, starting_points
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
#: an employer or a vacancy: what an apprenticeship's training provider helps to find
_EMPLOYER = re.compile(r"\b(?:employers?|vacanc(?:y|ies)|apprenticeship places?)\b")
#: the intent each kind of question is asked with (for "which one?" buttons)
ASK_INTENTS = {kind: intent for intent, kind in ASKS_BY_INTENT.items()}


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
        message = message_resolver(session, network).resolve(tracker.latest_message or {})
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
        if r.elliptical and self.c.focus is not None and self.c.focus.asked and self.c.others:
            asks = self.c.focus.asked  # "and for the HND?": the same question about another
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
        elif r.is_question and not r.small_talk and self.c.profile.start() is not None:
            # a question the words do not pin down ("is there anything more practical
            # nearer home?"), from a learner whose course is known: the routes answer it
            # better than "I didn't get that"
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
        if p.start() is not None or p.course is not None or p.subject is not None:
            return False
        wanted = self.wanted()
        named = [m.best.course_id for m in self.c.others
                 if m.best is not None and m.best.in_catalogue and m.best.course_id
                 and m.best.score >= NAMED_START]  # fmt: skip
        if not wanted and not named:
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
            messages.say(self.out, "ask_town")
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
        focus = self.find_focus()
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

    def find_focus(self) -> Optional[Focus]:
        """The course the question is about (see the module docstring), or None."""
        r = self.c.reading
        if self.c.others:
            return self.find_mentioned(self.c.others[0])
        for mention in self.topic_mentions():  # only if the words find a course
            found = self.find_mentioned(mention)
            if found is not None:
                return found
        if r.level is not None:  # "who can I talk to about the level 3 at Meonbridge?"
            for routes, shown in ((self.c.shown, True), (self.reachable(), False)):
                place = followups.find_by_level(routes, r.level, r.institution)
                if place is not None:
                    return Focus(routes[place[0]], place[1], place[0] + 1 if shown else None)
        index = followups.ordinal_choice(len(self.c.shown), r.ordinal)
        if index is not None and self.c.shown:
            if not 0 <= index < len(self.c.shown):
                self.c.said_out_of_range = True
                intent = ASK_INTENTS.get(r.asks or "", "ask_details")
                buttons = followups.choose_buttons(len(self.c.shown), intent)
                messages.say(self.out, "option_out_of_range", count=len(self.c.shown),
                             extra_buttons=buttons)
                return None
            return Focus(self.c.shown[index], 0, index + 1)
        if self.c.shown and not r.payload:
            named = followups.named_route(self.c.shown, r.text)
            if named is not None:
                return Focus(self.c.shown[named], 0, named + 1)
        if not r.payload:  # "can I do the HNC part time?": a kind of course, on a route
            text = r.text
            if r.asks == "contact" and not families_of(text) and _EMPLOYER.search(text.lower()):
                text = "apprenticeship"  # "who helps find an employer?": its provider
            if self.c.focus is not None:
                kind = followups.find_kind([self.c.focus.route], text)
                if kind is not None:
                    return Focus(self.c.focus.route, kind[1], self.c.focus.position)
            kind = followups.find_kind(self.c.shown, text)
            if kind is not None:
                return Focus(self.c.shown[kind[0]], kind[1], kind[0] + 1)
            named_kind = self.kind_elsewhere(text)
            if named_kind is not None:
                return named_kind
        if self.c.focus is not None:
            return self.c.focus
        if self.c.shown:
            selected = self.c.tracker.get_slot("selected_route")
            index = int(selected) if selected is not None else 0
            index = index if 0 <= index < len(self.c.shown) else 0
            return Focus(self.c.shown[index], 0, index + 1)
        routes = self.reachable()
        return Focus(routes[0], 0) if routes else None

    def kind_elsewhere(self, text: str) -> Optional[Focus]:
        """A kind of course the words name that is neither in focus nor shown.

        The learner's own course if it is of that kind, then a route from it, then the
        network's course of that kind nearest what they want (see :meth:`of_kind`).
        """
        kinds = families_of(text)
        if not kinds:
            return None
        own = self.own_course()
        if own is not None and followups.find_kind([own.route], text) is not None:
            return own
        routes = self.reachable(strict=False)
        kind = followups.find_kind(routes, text)
        if kind is not None:
            return Focus(routes[kind[0]], kind[1])
        return self.of_kind(kinds)

    def topic_mentions(self) -> List[CourseMention]:
        """Interest or subject words in a question, as a course named by its words.

        "What do I need for biomedical science?": found among the routes, then the
        catalogue.
        """
        r = self.c.reading
        spans = [e for e in r.entities if e.get("entity") in ("interest", "subject")]
        if not spans or r.payload:
            return []
        text = " ".join(str(e.get("value") or "") for e in spans)
        found = match_text(self.session, text, None, None, self.network)
        best = found.best if found.outcome in (Outcome.FOUND, Outcome.CHOOSE) else None
        return [CourseMention(text, int(spans[0].get("start") or 0), "target", best)]

    def find_mentioned(self, mention: CourseMention) -> Optional[Focus]:
        """A course the learner names: on the routes shown, reachable, or in the catalogue."""
        if self.c.focus is not None:
            found = followups.find_named([self.c.focus.route], mention)
            if found is not None:
                return Focus(self.c.focus.route, found[1], self.c.focus.position)
        found = followups.find_named(self.c.shown, mention)
        if found is not None:
            return Focus(self.c.shown[found[0]], found[1], found[0] + 1)
        own = self.own_course()
        if own is not None and mention.families and followups.find_named([own.route], mention):
            return own  # "can I do the Access part time?" from someone starting one
        for strict in (True, False):  # within the learner's filters, then without them
            routes = self.reachable(strict)
            found = followups.find_named(routes, mention)
            if found is not None:
                return Focus(routes[found[0]], found[1])
        best = mention.best
        if best is not None and best.in_catalogue and best.course_id:
            return followups.named_course(self.session, best.course_id, self.network)
        return self.of_kind(mention.families, mention.text)

    def own_course(self) -> Optional[Focus]:
        """The learner's own course, when the catalogue has it, as a focus."""
        course_id = self.c.profile.course_id
        if not course_id:
            return None
        return followups.named_course(self.session, course_id, self.network)

    def of_kind(self, kinds: Sequence[str], text: str = "") -> Optional[Focus]:
        """The network's course of a kind named ("the HNC") nearest what the learner wants.

        For a kind on none of their routes, or from a learner with no course yet: what
        they name with it ("the science one"), their interests and their field decide.
        """
        if not kinds:
            return None
        p = self.c.profile
        quals = shorthand().qual_words  # the words of a kind's name ("top", "up")
        said = " ".join(t for t in tokens(text) if t not in quals)
        named = [w for w in terms(said)
                 if w not in followups.QUALIFICATION_WORDS and not families_of(w)
                 and w not in vocabulary.TIME_NOUNS and vocabulary.number(w) is None]  # fmt: skip
        if p.start() is not None and not named:
            # a learner with a course who names only a kind ("a top-up") is told where
            # their course does lead, not shown any course of that kind
            return None
        words = [" ".join(named), *p.interests, *(s for s in (p.new_subject, p.subject) if s)]
        kind = set(kinds)

        def accept(step: Step) -> bool:
            return kind <= set(families_of(f"{step.qualification} {step.title}"))

        floor = min((implied_level(k) or 1 for k in kinds), default=1)
        try:
            routes = courses_of_kind(self.session, words, accept, p.constraints(), self.network,
                                     floor) or courses_of_kind(
                self.session, words, accept, None, self.network, floor)  # fmt: skip
        except CatalogueError as error:
            logger.warning("course of a kind failed: %s", type(error).__name__)
            return None
        return Focus(routes[0].to_dict(), 0) if routes else None

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
        found = prompts.keywords(self.session, self.network, self.c.profile.subject)
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
