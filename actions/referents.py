"""Which course a question is about: "the HNC", "the second one", "it", "the science one".

A question about a course (who to contact, what it takes, how long, what comes after)
names it in many ways. :class:`Referents` settles which course is meant, in this
order: a course named in the words; interest or subject words that name one; a level
("the level 3 at Meonbridge"); an ordinal among the routes shown; a college, town or
title of a route shown; a kind of qualification ("can I do the HNC part time?") on the
route in focus, on those shown, the learner's own course, a route from it or, for a
learner with no course yet, the network's course of that kind nearest what they want;
then the course in focus, the route selected, the best route from their course.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence, Tuple

from sqlalchemy.orm import Session

from actions import followups, messages
from actions.courses import Outcome, families_of, implied_level, match_text
from actions.followups import Focus
from actions.reading import ASKS_BY_INTENT, CourseMention
from actions.state import TurnState
from pathways_catalogue import vocabulary
from pathways_catalogue.payloads import Step
from pathways_catalogue.queries import CatalogueError
from pathways_catalogue.resolve.shorthand import shorthand, tokens
from pathways_catalogue.routes import RouteDict
from pathways_catalogue.starts import courses_of_kind
from pathways_catalogue.text import terms

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher

logger = logging.getLogger(__name__)

#: the intent each kind of question is asked with (for "which one?" buttons)
ASK_INTENTS = {kind: intent for intent, kind in ASKS_BY_INTENT.items()}
#: the college the learner (or their child) is at, not named: "at the college", "his college"
_THEIR_COLLEGE = re.compile(
    r"\b(?:at|from|in) (?:the|my|his|her|their|our|your) (?:college|school|sixth form)\b"
    r"|\b(?:my|his|her|their|our) (?:college|tutor|teacher|school)\b"
)
#: a question about the course being talked about: "can I do it part time" ("what is that
#: one" may point at what the same message just described)
_POINTS_BACK = re.compile(
    r"\b(?:do|does|is|get on(?:to)?|for|about|on|take|start|apply for|need for) it\b"
)
#: "the science one": the words that pick one course of a kind
_THE_X_ONE = re.compile(r"\bthe ([a-z]+(?: [a-z]+)?) one\b")
#: an employer or a vacancy: what an apprenticeship's training provider helps to find
_EMPLOYER = re.compile(r"\b(?:employers?|vacanc(?:y|ies)|apprenticeship places?)\b")


class Referents:
    """The course a learner's question is about, in one turn (see the module docstring)."""

    def __init__(
        self,
        session: Session,
        state: TurnState,
        out: CollectingDispatcher,
        network: Optional[str],
        reachable: Callable[[bool], List[RouteDict]],
    ) -> None:
        self.session = session
        self.c = state
        self.out = out
        self.network = network
        #: routes from the learner's course, within their filters (True) or not
        self._reachable = reachable

    def reachable(self, strict: bool = True) -> List[RouteDict]:
        """Routes from the learner's starting point, best first (searched once a turn)."""
        return self._reachable(strict)

    def find(self) -> Optional[Focus]:
        """The course the question is about (see the module docstring), or None."""
        if self.c.others:
            return self.mentioned(self.c.others[0], exact=True)
        ways = (self.by_topic, self.by_level, self.by_ordinal, self.by_route_words,
                self.by_own_college, self.by_kind)  # fmt: skip
        for way in ways:
            found = way()
            if found is not None or self.c.said_out_of_range:
                return found
        return self.in_focus()

    def by_topic(self) -> Optional[Focus]:
        """A course the interest or subject words find ("what do I need for nursing?").

        Not when the question points at the course being talked about ("can I do it
        part time, I work in a nursery": the nursery is theirs, "it" is the course).
        """
        if (self.c.focus or self.c.shown) and _POINTS_BACK.search(self.c.reading.text.lower()):
            return None
        for mention in self.topic_mentions():
            found = self.mentioned(mention)
            if found is not None:
                return found
        return None

    def by_level(self) -> Optional[Focus]:
        """A step at the level named: "who can I talk to about the level 3 at Meonbridge?"."""
        r = self.c.reading
        if r.level is None:
            return None
        theirs = _THEIR_COLLEGE.search(r.text.lower())
        institution = r.institution or (self.c.profile.institution if theirs else None)
        for routes, shown in ((self.c.shown, True), (self.reachable(), False)):
            place = followups.find_by_level(routes, r.level, institution)
            if place is not None:
                return Focus(routes[place[0]], place[1], place[0] + 1 if shown else None)
        return None

    def by_ordinal(self) -> Optional[Focus]:
        """"The second one"; an option that was not shown is said so, with buttons."""
        r, shown = self.c.reading, self.c.shown
        index = followups.ordinal_choice(len(shown), r.ordinal)
        if index is None or not shown:
            return None
        if not 0 <= index < len(shown):
            self.c.said_out_of_range = True
            intent = ASK_INTENTS.get(r.asks or "", "ask_details")
            buttons = followups.choose_buttons(len(shown), intent)
            messages.say(self.out, "option_out_of_range", count=len(shown), extra_buttons=buttons)
            return None
        return Focus(shown[index], 0, index + 1)

    def by_route_words(self) -> Optional[Focus]:
        """The route shown whose college, town, title or mode the words name.

        "The York one", "the evening one", "if i went to the uni instead".
        """
        if not self.c.shown or self.c.reading.payload:
            return None
        named = followups.route_named(self.c.shown, self.c.reading.text)
        return Focus(self.c.shown[named], 0, named + 1) if named is not None else None

    def by_own_college(self) -> Optional[Focus]:
        """"Who at the college could advise him?": the learner's own course, at their college."""
        r = self.c.reading
        if r.asks != "contact" or r.institution or not _THEIR_COLLEGE.search(r.text.lower()):
            return None
        return self.own_course()

    def by_kind(self) -> Optional[Focus]:
        """A kind of course named ("can I do the HNC part time?"): in focus, shown, elsewhere."""
        r = self.c.reading
        if r.payload:
            return None
        text = r.text
        if r.asks == "contact" and not families_of(text) and _EMPLOYER.search(text.lower()):
            text = "apprenticeship"  # "who helps find an employer?": its provider
        on_routes = self.on_routes(lambda routes: followups.find_kind(routes, text))
        return on_routes or self.kind_elsewhere(text)

    def in_focus(self) -> Optional[Focus]:
        """The course in focus, else the route selected (or first) shown, else the best one."""
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
        own = self.own_asked_about()
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

    def mentioned(self, mention: CourseMention, exact: bool = False) -> Optional[Focus]:
        """A course the learner names: on the routes shown, reachable, or in the catalogue.

        ``exact``: named as a course, not found from topic words ("the software one").
        """
        on_routes = self.on_routes(
            lambda routes: followups.find_named(routes, mention, exact=exact))
        if on_routes is not None:
            return on_routes
        own = self.own_asked_about()
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

    def on_routes(
        self, find: Callable[[Sequence[RouteDict]], Optional[Tuple[int, int]]]
    ) -> Optional[Focus]:
        """Where ``find`` places the course: on the route in focus, then on those shown."""
        focus = self.c.focus
        if focus is not None:
            found = find([focus.route])
            if found is not None:
                return Focus(focus.route, found[1], focus.position)
        found = find(self.c.shown)
        return Focus(self.c.shown[found[0]], found[1], found[0] + 1) if found else None

    def own_asked_about(self) -> Optional[Focus]:
        """The learner's own course, as one a question may be about.

        Not for requirements: "what do I have to get on the access course?" from a
        learner on it asks what the routes from it need, not how to get onto it.
        """
        return self.own_course() if self.c.reading.asks != "requirements" else None

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
        # "an Access course at Caradon, the science one": the words that say which
        described = " ".join(m.group(1) for m in _THE_X_ONE.finditer(self.c.reading.text.lower()))
        said = " ".join(t for t in tokens(f"{text} {described}") if t not in quals)
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
