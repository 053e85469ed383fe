"""Understanding one message: merging what it says into the learner's profile.

:class:`Understanding` reads the :class:`~actions.reading.Reading` of a turn in the
light of what the assistant knows (the profile, the question it asked, the routes it
showed) and changes the :class:`~actions.state.TurnState`: the learner's course
(from the catalogue ids the NLU component resolved, a "did you mean" choice, or a
typed answer), level, subject, college, grade, interests and the field they point to,
and study constraints. It acknowledges what it understood ("Got it: ...").
Whatever the intent, every fact is read.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from rasa_sdk.events import SlotSet
from sqlalchemy.orm import Session

from actions import followups, messages
from actions.courses import (
    Candidate,
    CourseMatch,
    Outcome,
    by_id,
    catalogue_subject,
    closest_at_college,
    decide,
    families_of,
    implied_level,
    match_text,
    resolver,
)
from actions.reading import FOLLOW_UPS, CourseMention
from actions.routes import known_towns
from actions.state import TurnState
from pathways_catalogue import vocabulary
from pathways_catalogue.mentions.everyday import everyday_words
from pathways_catalogue.queries import CatalogueError, town_location
from pathways_catalogue.text import terms

if TYPE_CHECKING:
    from rasa_sdk.executor import CollectingDispatcher

#: intents of messages that answer no question ("lol", "hi", "what's the weather")
NOT_AN_ANSWER = frozenset(
    {"greet", "affirm", "deny", "bot_challenge", "out_of_scope", "nlu_fallback", "goodbye"}
)
#: answers that are only a yes or a no
YES_OR_NO = frozenset(
    """yes yeah yep yup ye ya aye sure ok okay k fine go on no nope nah not really no thanks
    yes please""".split("\n")[0].split()
) | {"go on", "no thanks", "yes please", "not really"}
#: intents whose words are the learner's interests even when the catalogue lacks them
INTEREST_INTENTS = frozenset({"inform_interest", "change_interest"})
_LEAD_IN_WORDS = frozenset(
    """actually erm um well ok okay so hmm oh right yeah no i id i'd im i'm really like
    love enjoy want wanna to do be become work in with on something kind of maybe prefer
    rather would into interested fancy thinking about of the a an my keen""".split()
)


def content_words(text: str) -> str:
    """A learner's answer without lead-in words ("I'd really like robots" -> "robots")."""
    words = text.strip(" .!?").split()
    while words and words[0].lower().strip(",") in _LEAD_IN_WORDS:
        words = words[1:]
    return " ".join(words) or text.strip()


def only_a_kind(mention: CourseMention) -> bool:
    """Whether a mention names a kind of qualification and nothing more ("the HNC")."""
    best = mention.best
    return best is not None and not best.in_catalogue and not best.subject


def same_kind(candidates: List[Candidate]) -> bool:
    """Whether the candidates share a level and a subject (one course at several colleges)."""
    return len({(c.level, c.subject) for c in candidates}) == 1


class Understanding:
    """Merges one message into the state of the turn (see the module docstring)."""

    def __init__(
        self,
        state: TurnState,
        session: Session,
        dispatcher: CollectingDispatcher,
        network: Optional[str],
    ) -> None:
        self.c = state
        self.session = session
        self.out = dispatcher
        self.network = network
        #: words of a course the catalogue does not know (said after pin_down)
        self.unknown = ""
        self.echoes: List[CourseMention] = []

    def understand(self) -> None:
        """Merge everything the message says into the profile."""
        r = self.c.reading
        own = self.lone_course()
        self.c.own = r.current or own
        mine = {self.c.profile.course_id}
        if self.c.own is not None and self.c.own.best is not None:
            mine.add(self.c.own.best.course_id)
        named = [m for m in [*r.targets, *(m for m in [r.undecided] if m is not None)]
                 if m is not own and not self.held(m)]  # fmt: skip
        self.c.others = [m for m in named
                         if not (m.best is not None and m.best.course_id in mine - {None})
                         and not self.is_own_kind(m)]
        #: words that resolve to the learner's own course again ("i like coding" on a
        #: coding course): interests, not another course
        self.echoes = [m for m in named if m not in self.c.others and not only_a_kind(m)]
        self.understand_course()
        if self.c.choice is not None:
            return
        profile = self.c.profile
        if r.institution and not profile.course_id:
            profile = profile.replace(institution=r.institution)
        elif r.institution and not r.courses and not r.asks and profile.institution and (
            r.institution.lower() in profile.institution.lower()
            or profile.institution.lower() in r.institution.lower()
        ):
            self.c.course_confirmed = True  # "hameldon": yes, their course is there
        level = r.level
        if self.c.pending == "level" and level is None and self.is_free_answer():
            level = vocabulary.explicit_level(r.text) or implied_level(r.text)
        if level is not None and not profile.course_id and not self.c.course_changed:
            profile = profile.replace(level=level)
        elif level is not None and profile.course_id and level != profile.level and (
            self.c.own is None and not self.c.course_changed and not r.asks
        ):
            self.relevel(level)  # "level 3, the advanced one": the course at that level
            profile = self.c.profile
        if not profile.course_id and not profile.subject:
            subject = self.subject_answer()
            if subject:
                profile = profile.replace(subject=subject)
        if r.grade:
            profile = profile.replace(grade=r.grade)
        self.c.profile = profile
        self.pin_down()
        p = self.c.profile
        if self.unknown and not p.course_id and p.institution and p.subject:
            messages.say(self.out, "course_unknown_at_college", text=self.unknown,
                         institution=p.institution)  # fmt: skip
        elif self.unknown and not p.course_id and not p.institution:
            messages.say(self.out, "course_unknown", text=self.unknown)
        # (at a college, with no subject, the turn says so and offers its courses)
        self.understand_interests()
        self.understand_constraints()

    def subject_answer(self) -> Optional[str]:
        """The subject the message names (the catalogue's name for it), if any."""
        r = self.c.reading
        if r.subjects:
            return r.subjects[0]
        fields = Counter(s for i in r.interests if len(i.subjects) == 1 for s in i.subjects)
        if r.level is not None and len(fields) == 1 and self.c.pending != "subject":
            # "I've worked as a nursery nurse for six years, I have my level 3": a level
            # named with work or aims in one field only is a level in that field
            return str(next(iter(fields)))
        if self.c.pending != "subject" or r.dont_know:
            return None
        # the whole answer, else the words another extractor tagged, else words of its
        # first part ("maybe business then, i want to run my own restaurant one day")
        # (not in a question: "who do i ask at northgate about it" is no answer)
        table = everyday_words()
        first = [] if r.asks else [
            w for w in re.split(r"[,.;!?]", r.text)[0].split()
            if w.lower() not in table.function_words
            and (w.isupper() or w.lower() not in table.acronyms)  # ("it")
        ]  # fmt: skip
        parts = [" ".join(first[i : i + n]) for n in (3, 2, 1) for i in range(len(first) - n + 1)]
        for words in [r.text, *r.loose_words, *parts]:
            found = catalogue_subject(self.session, words, self.network)
            if found:
                return found
        return str(fields.most_common(1)[0][0]) if fields else None

    def understand_course(self) -> None:
        """The learner's current course: a button, a resolved mention or an answer."""
        r = self.c.reading
        if r.course_id:
            picked = by_id(self.session, r.course_id, self.network)
            if picked is not None:
                self.take(CourseMatch(Outcome.FOUND, [picked]), picked.title)
            return
        if self.c.pending == "choose" and self.c.offered:
            if self.pick_offered():
                return
            if self.c.own is None and not r.asks:
                self.c.choice = dict(self.c.offered)  # not settled: ask again
                return
        mention = self.c.own
        institution = r.institution_id or r.institution or self.c.profile.institution
        if mention is not None and only_a_kind(mention) and self.c.profile.start() is not None:
            # "on the HNC" said by a learner whose HNC is known: nothing new; said alone
            # ("its the btec extended diploma, kingsmere college"), a yes to the course
            p = self.c.profile
            kinds = set(families_of(mention.text))
            self.c.course_confirmed = (
                not r.asks and bool(kinds) and kinds <= set(families_of(p.course or ""))
                and r.institution in (None, p.institution)
            )  # fmt: skip
            return
        if mention is not None and mention.best is not None:
            level = r.level if r.level is not None else mention.best.level
            if not mention.best.in_catalogue and not mention.best.families and r.level is None:
                level = None
            self.take(decide(mention.candidates, level, institution), mention.text)
        elif mention is not None and r.payload:
            self.take(match_text(self.session, mention.text, r.level, institution, self.network),
                      mention.text)  # fmt: skip
        elif self.c.pending == "course" and not r.courses and self.is_free_answer():
            found = match_text(self.session, r.text, r.level, institution, self.network)
            if found.outcome is not Outcome.UNKNOWN or not r.says_anything:
                self.take(found, r.text.strip())

    def lone_course(self) -> Optional[CourseMention]:
        """A course named with no word saying whose it is, when it is the learner's own.

        It is while the assistant does not know the learner's course, when it asked
        for it, or when the message only states a course; otherwise it is a course
        the learner asks about.
        """
        r = self.c.reading
        unknown_start = self.c.profile.start() is None
        if r.current is None and unknown_start and r.asks in ("routes", "after") and len(
            r.courses
        ) == 1 and not self.on_shown(r.courses[0]):
            # the one course named, by a learner whose course is not known yet, who asks
            # where it leads ("I've a place on the access course at X, where can it take
            # me", "what are my options after it"): the routes from it answer them
            return r.courses[0]
        mention = r.undecided
        if mention is None:
            return None
        if r.asks in FOLLOW_UPS:
            return None  # "entry reqs for the FdSc Cyber Security?": the course asked about
        if self.c.profile.start() is None or self.c.pending == "course":
            return mention
        if self.c.reading.intent == "inform_course" and not self.c.reading.asks:
            return mention
        return None

    def on_shown(self, mention: CourseMention) -> bool:
        """Whether a kind of course named is a step of the routes shown ("after the hnc")."""
        best = mention.best
        return bool(self.c.shown) and (best is None or not best.in_catalogue) and (
            followups.find_kind(self.c.shown, mention.text) is not None
        )

    def is_own_kind(self, mention: CourseMention) -> bool:
        """Whether a kind of qualification named is the learner's own ("on the access course")."""
        best, profile = mention.best, self.c.profile
        course, level = profile.course, profile.level
        own = self.c.own  # named in this message ("I'm on the HNC in X, what's after the HNC")
        if own is not None and own is not mention and own.best is not None:
            course, level = own.best.title or own.text, own.best.level
        if not only_a_kind(mention) or best is None or not course:
            return False
        return best.level == level and set(mention.families) <= set(families_of(course))

    def held(self, mention: CourseMention) -> bool:
        """Whether a kind of qualification named is one the learner holds ("maths GCSE").

        A GCSE at the learner's own level is one too ("students have maths and English
        GCSE at grade C", said on a level 2 course): no route leads to it.
        """
        best, level = mention.best, self.c.profile.level
        own = self.c.own  # (their course named in this same message)
        if own is not None and own is not mention and own.best is not None and own.best.level:
            level = own.best.level
        if best is None or best.in_catalogue or best.level is None or level is None:
            return False
        return best.level < level or (best.level == level and "gcse" in mention.families)

    def is_free_answer(self) -> bool:
        """Whether the message can be an answer typed in the learner's own words.

        A short answer to the bot's question ("IT", "3") is, whatever the NLU made of
        it (a lone "IT" is often taken for a yes); a plain yes or no is not.
        """
        r = self.c.reading
        if r.asks or r.dont_know or r.payload or r.wants_person:
            return False
        if r.intent in ("affirm", "deny"):
            return r.text.strip(" .!?").lower() not in YES_OR_NO
        if (r.interests or r.aim) and r.level is None and len(r.text.split()) > 3 and not (
            families_of(r.text)
        ):
            return False  # "he likes building things, he's been helping on site": interests
        return r.intent not in ("greet", "bot_challenge", "out_of_scope", "inform_constraint")

    def pick_offered(self) -> bool:
        """The "did you mean" option the learner picks; True if the choice is settled.

        They may type it, give its number ("the second"), its college or its level
        ("level 3"), or say "none of these". A college or level that leaves several
        options narrows the choice, which is offered again.
        """
        r = self.c.reading
        options = list(self.c.offered.get("options") or [])
        text = str(self.c.offered.get("text") or "")
        wanted = set(terms(r.text))
        index = vocabulary.find_ordinal(r.text)
        if index is not None and -1 <= index < len(options):
            return self.pick(options[vocabulary.option_index(index, len(options))])
        if r.dont_know or "none" in wanted or r.intent == "deny":
            self.take(CourseMatch(Outcome.UNKNOWN), text)
            return True
        narrowed = options
        if r.institution:
            narrowed = [o for o in narrowed if o.get("institution") == r.institution]
        level = r.level or vocabulary.explicit_level(r.text)
        if level is not None:
            narrowed = [o for o in narrowed if o.get("level") == level]
        if narrowed != options and len(narrowed) == 1:
            return self.pick(narrowed[0])
        if narrowed and narrowed != options:
            self.c.choice = {"text": text, "options": narrowed}
            return True
        scored = [len(wanted & set(terms(f"{o.get('title', '')} {o.get('institution') or ''}")))
                  for o in options]  # fmt: skip
        if scored and max(scored) > 0 and scored.count(max(scored)) == 1:
            return self.pick(options[scored.index(max(scored))])
        if r.institution:
            # a college none of the options is at: the course they named, there
            found = match_text(self.session, text, level, r.institution_id or r.institution,
                               self.network)  # fmt: skip
            if found.outcome in (Outcome.FOUND, Outcome.QUALIFICATION):
                self.take(found, text)
                return True
        return False

    def pick(self, option: Dict[str, Any]) -> bool:
        """Take a "did you mean" option (True if it is still in the catalogue)."""
        picked = by_id(self.session, str(option.get("course_id")), self.network)
        if picked is None:
            return False
        self.take(CourseMatch(Outcome.FOUND, [picked]), picked.title)
        return True

    def take(self, match: CourseMatch, words: str) -> None:
        """Apply a course outcome to the profile (and say what was understood)."""
        best = match.best
        r = self.c.reading
        base = self.c.profile.replace(new_subject=None)
        if match.outcome is Outcome.FOUND and best is not None:
            if best.course_id == self.c.profile.course_id:
                self.c.course_confirmed = True  # "it's the btec extended diploma": yes, that
                return
            key = "course_assumed" if match.assumed else "course_found"
            other = [{"title": f"No, {c.title}", "payload": "/inform_course"
                      + json.dumps({"course_id": c.course_id})} for c in match.candidates[1:]]
            messages.say(self.out, key, extra_buttons=other or None, title=best.title,
                         institution=best.institution or "your college", level=best.level)
            self.c.profile = base.replace(
                course=best.title, course_id=best.course_id, level=best.level,
                subject=best.subject, institution=best.institution,
            )  # fmt: skip
        elif match.outcome is Outcome.QUALIFICATION and best is not None:
            subject = self.field_of(best.subject, words)
            if r.institution and subject:
                messages.say(self.out, "course_known_qualification_at_college",
                             title=best.title, level=best.level, subject=subject.lower(),
                             institution=r.institution)  # fmt: skip
            elif not r.institution:
                if subject:
                    messages.say(self.out, "course_known_qualification", title=best.title,
                                 level=best.level, subject=subject.lower())
                else:  # (the subject is asked next)
                    messages.say(self.out, "course_known_qualification_level",
                                 title=best.title, level=best.level)  # fmt: skip
            # (at a college, with no subject, the turn says so and offers its courses)
            self.c.profile = base.replace(
                course=words or best.title, course_id=None, level=best.level, subject=subject,
                institution=r.institution,
            )  # fmt: skip
        elif match.outcome is Outcome.CHOOSE and not same_kind(match.candidates):
            self.c.choice = {"text": words, "options": [c.as_option() for c in match.candidates]}
            return
        elif match.outcome is Outcome.CHOOSE and best is not None:
            # all at one level and in one subject (a course taught at several colleges):
            # carry on from those, and let the learner say which is theirs
            buttons = [{"title": f"{c.title} at {c.institution}", "payload": "/inform_course"
                        + json.dumps({"course_id": c.course_id})} for c in match.candidates]
            messages.say(self.out, "course_several", extra_buttons=buttons, text=words,
                         level=best.level, subject=(best.subject or "").lower())
            self.c.profile = base.replace(
                course=words, course_id=None, level=best.level, subject=best.subject,
                institution=r.institution,
            )  # fmt: skip
        else:
            if not words.strip() or r.dont_know:
                return
            if not (self.c.own is not None and only_a_kind(self.c.own)):
                self.unknown = words  # said once it is clear the college cannot pin it down
            level = r.level or vocabulary.explicit_level(words) or implied_level(words)
            self.c.profile = base.replace(
                course=words, course_id=None, level=level,
                subject=self.field_of(best.subject if best else None, words),
                institution=r.institution,
            )  # fmt: skip
        self.c.course_changed = True
        if self.c.focus is not None and not self.c.profile.interests:
            # they asked about a course first ("what do I need for the BSc in X?")
            self.c.profile = self.c.profile.replace(interests=(self.c.focus.course["title"],))
        self.c.shown, self.c.focus = [], None
        self.c.events += [SlotSet("suggested_routes", None), SlotSet("focus", None),
                        SlotSet("selected_route", None)]  # fmt: skip

    def field_of(self, subject: Optional[str], words: str) -> Optional[str]:
        """The catalogue subject of a course outside the network (its subject, or its words).

        None when the catalogue has no subject like it; the learner is then asked.
        """
        r = self.c.reading
        if r.subjects:
            return r.subjects[0]
        for text in (subject, words):
            if text:
                found = catalogue_subject(self.session, text, self.network)
                if found:
                    return found
        if subject and len(subject.split()) > 1:
            # "Electrotechnical Technology": the word that names a field, without the rest
            names = resolver(self.session, self.network)
            for word in [w for w in subject.split() if names.names_field(w)]:
                found = catalogue_subject(self.session, word, self.network)
                if found:
                    return found
        fields = Counter(s for i in r.interests if len(i.subjects) == 1 for s in i.subjects)
        fields.update(m.best.subject for m in self.aspirations()
                      if m.best is not None and m.best.in_catalogue and m.best.subject)
        if fields:
            return str(fields.most_common(1)[0][0])
        for interest in self.c.profile.interests:  # "computing", said before the course
            found = catalogue_subject(self.session, interest, self.network)
            if found:
                return found
        return None

    def relevel(self, level: int) -> None:
        """The course at the learner's college and in their subject, at another level."""
        p = self.c.profile
        words = f"level {level} {p.subject or ''}"
        found = match_text(self.session, words, level, p.institution, self.network)
        if found.outcome is Outcome.FOUND and found.best is not None and found.best.level == level:
            self.take(CourseMatch(Outcome.FOUND, [found.best], assumed=True), words)

    def pin_down(self) -> None:
        """A level, subject (or kind of qualification) and college that fit one course."""
        p = self.c.profile
        if p.course_id or p.level is None or not p.institution:
            return
        kind = self.c.own.text if self.c.own is not None and only_a_kind(self.c.own) else ""
        if not kind and p.course:
            kind = p.course  # "access course", "bricklaying": what they called it
        # "level 3 Applied Science", then with their words: "aat level 3", "bricklaying
        # level 2 Construction", "access course level 3 Applied Science" at a college
        # "my aat lvl 3 at the coppice centre": the one course there their words name
        named = kind and closest_at_college(self.session, self.network, p.institution, p.level,
                                            kind, p.subject, every_word=True)  # fmt: skip
        if named:
            self.take(CourseMatch(Outcome.FOUND, [named], assumed=True), kind)
            return
        queries = [f"level {p.level} {p.subject}"] if p.subject else []
        if kind:
            queries.append(" ".join(w for w in [kind, f"level {p.level}", p.subject or ""] if w))
        for words in queries:
            found = match_text(self.session, words, p.level, p.institution, self.network)
            if found.outcome is Outcome.FOUND and found.best is not None:
                # several courses there in that field and at that level: the one the
                # message names ("electrical" jobs and a T Level in Onsite Construction)
                best = closest_at_college(self.session, self.network, p.institution, p.level,
                                          self.c.reading.text, p.subject) or found.best
                self.take(CourseMatch(Outcome.FOUND, [best], assumed=True), words)
                return

    def understand_interests(self) -> None:
        """Interests and aspirations, and the field they point to.

        A change of mind ("actually", "instead", "changed my mind") or a qualification in
        another field that the learner says they want ("I want to do the HNC in nursing")
        switches the search to that field; an interest alone ("vet nurse" on an animal
        care course, "social engineering" on a cyber course) only ranks the routes.
        """
        r = self.c.reading
        p = self.c.profile
        interests = list(r.interests)
        if r.changes_mind and p.subject:
            # "forget science, I want to be a police officer": not the field they leave
            interests = [i for i in interests if p.subject not in i.subjects] or interests
        said = [i.name for i in interests]
        fields: Counter = Counter()
        for interest in interests:
            if len(interest.subjects) == 1:  # "nurse", not "design" (in several fields)
                fields.update(interest.subjects)
        strong: Counter = Counter()
        said += [m.text for m in self.echoes if r.asks not in FOLLOW_UPS]
        for mention in self.aspirations():
            said.append(mention.text)
            best = mention.best
            if best is not None and best.subject and mention.families:
                strong[best.subject] += 1
        if p.course_id or p.subject:
            fields.update(r.subjects)
        if r.intent in INTEREST_INTENTS or self.c.pending == "interests":
            said += list(r.loose_words)
        if not said and r.aim and r.asks not in FOLLOW_UPS and (
            r.intent not in NOT_AN_ANSWER or r.changes_mind
        ):
            said.append(r.aim)  # "I want to be a physio": their words, even if unknown
        gave_facts = bool(r.level or r.institution or r.town or r.subjects or r.courses
                          or r.modes or r.grade)  # fmt: skip
        if self.c.pending == "interests" and not said and not r.asks and not r.dont_know:
            if r.intent not in NOT_AN_ANSWER and not self.c.course_changed and not gave_facts:
                said.append(content_words(r.text))
        if self.c.pending == "interests" and (said or r.dont_know):
            self.c.answered_interests = True
        said = [s for s in dict.fromkeys(said) if s]
        if said:
            kept = () if r.changes_mind else p.interests
            p = p.replace(interests=tuple(dict.fromkeys([*kept, *said])))
        fields.update(strong)
        wanted = fields.most_common(1)[0][0] if fields else None
        if wanted is None:
            self.c.profile = p
            return
        if wanted == p.subject:
            p = p.replace(new_subject=None)  # back in their own field
        elif (r.switches_field or (r.changes_mind and not self.c.course_changed)
              or (strong and r.aim)):
            # a change of field needs an explicit cue ("actually", "instead"; a weaker
            # one such as "what I really want" only when the message does not also name
            # their course) or a qualification they say they want ("I want to do the HNC
            # in nursing"); worries and interests in passing only rank the routes
            p = p.replace(new_subject=wanted)
        self.c.profile = p

    def aspirations(self) -> List[CourseMention]:
        """Courses the learner aims for (not asks about), that say what they are about."""
        r = self.c.reading
        if r.asks in FOLLOW_UPS:
            return []
        out = []
        for mention in self.c.others:
            best = mention.best
            if best is None or not (best.subject or best.in_catalogue):
                continue
            out.append(mention)
        return out

    def understand_constraints(self) -> None:
        """Study modes, a town and a distance; "anywhere" clears them."""
        r = self.c.reading
        p = self.c.profile
        if r.clears_constraints:
            self.c.profile = p.without_filters()
            messages.say(self.out, "constraint_cleared")
            return
        if r.modes:
            p = p.replace(modes=r.modes)
        town = r.town
        if town is None and (self.c.pending == "town" or r.near_me or r.distance_km):
            town = r.mentioned_town or self.town_in_text()
        if town:
            try:
                name, _centre = town_location(self.session, town, self.network)
            except CatalogueError:
                name = None
            if name is None:
                name = self.town_in_text()  # "near accrington or church": the one it knows
            if name is None:
                towns = ", ".join(known_towns(self.session, self.network)) or "none"
                messages.say(self.out, "town_unknown", town=town, towns=towns)
                self.c.asking = "town"
                self.c.town_unknown = True
            else:
                p = p.replace(town=name, max_distance_km=r.distance_km)
        elif r.distance_km and p.town:
            p = p.replace(max_distance_km=r.distance_km)
        elif (r.near_me or r.distance_km) and not p.town:
            self.c.asking = "town"
        self.c.profile = p

    def town_in_text(self) -> Optional[str]:
        """A catalogue town named in the message text."""
        lowered = f" {' '.join(terms(self.c.reading.text, keep_stop_words=True))} "
        for town in sorted(known_towns(self.session, self.network), key=len, reverse=True):
            if f" {' '.join(terms(town, keep_stop_words=True))} " in lowered:
                return town
        return None
