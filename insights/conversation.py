"""What one conversation adds to the aggregates, read from its stored tracker events.

A conversation is one Rasa session of one sender: its events from a
``session_started`` to the next. It counts only if the learner wrote something.
Everything is read from what the assistant already stores: the slots (course,
subject, level, institution, interests, a new field, the enquiry reference, the
learner's rating), the ``message_key`` of each of the custom actions' messages
(``actions/messages.yml``; the learner's own words for a course the catalogue does
not have travel with it as ``message_values``) and the hand-over form starting.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from insights.phrases import clean, clean_all

# -- measures (the ``measure`` column of ``insights_weekly``) --------------------------
CONVERSATIONS = "conversations"
#: the learner's current course (or its subject and level) is known
COURSE_KNOWN = "course_known"
WANTED_INTEREST = "wanted_interest"
WANTED_TARGET = "wanted_target"
UNMET_INTEREST = "unmet_interest"
UNMET_TARGET = "unmet_target"
UNMET_COURSE = "unmet_course"
#: a route search found nothing
NO_ROUTE = "no_route"
HANDOVER_REQUESTED = "handover_requested"
HANDOVER_REASON = "handover_reason"
HANDOVER_MADE = "handover_made"
#: routes or an answer about a course were given
ANSWERED = "answered"
RESOLVED_WITHOUT_STAFF = "resolved_without_staff"
FALLBACK_REPLIES = "fallback_replies"
FALLBACK_CONVERSATIONS = "fallback_conversations"
ENDED_AFTER_FALLBACK = "ended_after_fallback"
RATING_UP = "rating_up"
RATING_DOWN = "rating_down"
RATING_COMMENT = "rating_comment"

#: the slot the widget's thumbs up or down is stored in (``bot/domain/core.yml``)
RATING_SLOT = "rating"
HANDOVER_FORM = "handover_form"
#: "didn't quite get that" replies (``actions/fallback.py``)
CLARIFY_KEYS = frozenset({"clarify", "clarify_offer_adviser"})
#: replies that give routes or answer a question about a course
ANSWER_KEYS = frozenset({
    "routes_intro", "starts_intro", "route_details", "route_requirements",
    "no_entry_requirements", "route_contact", "institution_contact", "route_after",
})  # fmt: skip
#: replies saying the catalogue has no such course (the learner's words: ``text``)
UNKNOWN_COURSE_KEYS = frozenset(
    {"course_unknown", "course_unknown_at_college", "course_not_at_college"}
)
#: replies saying a course the learner aims for is not on their routes
UNREACHABLE_KEYS = frozenset({"course_not_reachable", "kind_not_reachable"})
NO_ROUTE_KEYS = frozenset({"no_routes"})
INTERESTS_UNMET_KEYS = frozenset({"interests_unmatched"})
#: why a hand-over was asked for: the assistant's last reply before it
REASONS: Mapping[str, str] = {
    **{key: "not understood" for key in CLARIFY_KEYS},
    **{key: "no route found" for key in (*NO_ROUTE_KEYS, "no_routes_with_filters")},
    **{key: "course not found" for key in (*UNKNOWN_COURSE_KEYS, *UNREACHABLE_KEYS)},
}
ASKED = "asked for an adviser"
SEPARATOR = ";"

Event = Mapping[str, Any]
#: week (its Monday), institution, subject, level (0: not known)
Key = Tuple[dt.date, str, str, int]


def week_of_date(day: dt.date) -> dt.date:
    """The Monday of the ISO week of ``day``."""
    return day - dt.timedelta(days=day.weekday())


def week_of(timestamp: float) -> dt.date:
    """The Monday (UTC) of the ISO week of ``timestamp``."""
    return week_of_date(dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date())


def _level(value: Any) -> int:
    try:
        level = int(float(value))
    except (TypeError, ValueError):
        return 0
    return level if 1 <= level <= 8 else 0


def _text(value: Any, limit: int = 200) -> str:
    return str(value).strip()[:limit] if isinstance(value, str) else ""


@dataclass
class Contribution:
    """The counts one conversation adds, under its week, institution, subject and level."""

    key: Key
    counts: Counter = field(default_factory=Counter)

    def as_json(self) -> Dict[str, Any]:
        """A JSON-able form (stored while the conversation goes on)."""
        week, institution, subject, level = self.key
        return {
            "key": [week.isoformat(), institution, subject, level],
            "counts": [[m, i, n] for (m, i), n in sorted(self.counts.items())],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Optional[Contribution]:
        """Read :meth:`as_json`'s form back (None for an empty one)."""
        if not data.get("key"):
            return None
        week, institution, subject, level = data["key"]
        counts: Counter = Counter({(m, i): int(n) for m, i, n in data.get("counts", [])})
        return cls((dt.date.fromisoformat(week), institution, subject, int(level)), counts)


class Reader:
    """Walks one conversation's events in order, keeping the slots as they stand."""

    def __init__(self) -> None:
        self.slots: Dict[str, Any] = {}
        self.counts: Counter = Counter()
        self.flags: set = set()
        self.wanted_interests: List[str] = []
        self.wanted_targets: List[str] = []
        self.unmet: List[Tuple[str, str]] = []
        #: outcomes seen in replies, read once the action's slot events are in
        self.pending: List[Tuple[str, Optional[str]]] = []
        self.last_key: Optional[str] = None
        self.reason: Optional[str] = None
        self.users = 0
        self.user_after_last_bot = False

    def read(self, events: Sequence[Event]) -> None:
        """Read every event."""
        for event in events:
            kind = event.get("event")
            if kind in ("action", "user"):
                self.settle()
            if kind == "slot":
                self.slot(str(event.get("name")), event.get("value"))
            elif kind in ("restart", "reset_slots"):
                self.slots.clear()
            elif kind == "user":
                self.users += 1
                self.user_after_last_bot = True
            elif kind == "bot":
                self.bot(event)
            elif kind in ("action", "active_loop") and event.get("name") == HANDOVER_FORM:
                self.handover()
        self.settle()

    def slot(self, name: str, value: Any) -> None:
        """Apply a slot event, noting what the learner wants."""
        self.slots[name] = value
        if name == "interests" and isinstance(value, str):
            self.wanted_interests += value.split(SEPARATOR)
        elif name == "new_subject" and isinstance(value, str):
            self.wanted_targets.append(value)
        elif name == "enquiry_reference" and value:
            self.flags.add(HANDOVER_MADE)

    def bot(self, event: Event) -> None:
        """An assistant message: its key says what happened."""
        self.user_after_last_bot = False
        metadata = event.get("metadata") or {}
        key = metadata.get("message_key") if isinstance(metadata, Mapping) else None
        self.last_key = key if isinstance(key, str) else None
        if key is None:
            return
        values = metadata.get("message_values") or {}
        words = values.get("text") if isinstance(values, Mapping) else None
        if key in CLARIFY_KEYS:
            self.counts[(FALLBACK_REPLIES, "")] += 1
            self.flags.add(FALLBACK_CONVERSATIONS)
        if key in ANSWER_KEYS:
            self.flags.add(ANSWERED)
        if key == "enquiry_submitted":
            self.flags.add(HANDOVER_MADE)
        if key in UNKNOWN_COURSE_KEYS | UNREACHABLE_KEYS | NO_ROUTE_KEYS | INTERESTS_UNMET_KEYS:
            self.pending.append((key, words if isinstance(words, str) else None))

    def handover(self) -> None:
        """The hand-over form started (its first start gives the reason)."""
        if HANDOVER_REQUESTED not in self.flags:
            self.flags.add(HANDOVER_REQUESTED)
            self.reason = REASONS.get(self.last_key or "", ASKED)

    def settle(self) -> None:
        """Read the outcomes of the last action's replies against the slots it set."""
        interests = str(self.slots.get("interests") or "").split(SEPARATOR)
        for key, words in self.pending:
            if key in UNKNOWN_COURSE_KEYS:
                typed: Optional[str] = words
                if typed is None and not self.slots.get("current_course_id"):
                    typed = _text(self.slots.get("current_course")) or None
                self.unmet.append((UNMET_COURSE, typed or ""))
            elif key in UNREACHABLE_KEYS:
                self.unmet.append((UNMET_TARGET, words or ""))
            else:
                if key in NO_ROUTE_KEYS:
                    self.flags.add(NO_ROUTE)
                target = self.slots.get("new_subject")
                if key in NO_ROUTE_KEYS and isinstance(target, str) and target:
                    self.unmet.append((UNMET_TARGET, target))
                self.unmet += [(UNMET_INTEREST, i) for i in interests if i.strip()]
        self.pending = []

    def contribution(
        self, started: float, institution_of: Optional[Callable[[str], str]] = None
    ) -> Optional[Contribution]:
        """The conversation's counts (None if the learner never wrote).

        ``institution_of`` names the institution of a catalogue course id, for a
        learner whose course was found without their naming the college.
        """
        if not self.users:
            return None
        s = self.slots
        institution = _text(s.get("institution"))
        course_id = _text(s.get("current_course_id"))
        if not institution and course_id and institution_of is not None:
            institution = _text(institution_of(course_id))
        key = (week_of(started), institution, _text(s.get("current_subject")),
               _level(s.get("current_level")))  # fmt: skip
        counts = Counter(self.counts)
        counts[(CONVERSATIONS, "")] = 1
        if s.get("current_course_id") or (key[2] and key[3]):
            counts[(COURSE_KNOWN, "")] = 1
        for flag in self.flags:
            counts[(flag, "")] = 1
        if ANSWERED in self.flags and HANDOVER_REQUESTED not in self.flags:
            counts[(RESOLVED_WITHOUT_STAFF, "")] = 1
        if self.reason is not None:
            counts[(HANDOVER_REASON, self.reason)] = 1
        if FALLBACK_CONVERSATIONS in self.flags and self.last_key in CLARIFY_KEYS and not (
            self.user_after_last_bot
        ):
            counts[(ENDED_AFTER_FALLBACK, "")] = 1
        for phrase in clean_all(self.wanted_interests):
            counts[(WANTED_INTEREST, phrase)] = 1
        for phrase in clean_all(self.wanted_targets):
            counts[(WANTED_TARGET, phrase)] = 1
        for measure, words in dict.fromkeys(self.unmet):
            kept = clean(words)
            if kept:
                counts[(measure, kept)] = 1
        self.rating(counts)
        return Contribution(key, counts)

    def rating(self, counts: Counter) -> None:
        """The learner's last thumbs up or down (a comment is counted, never kept)."""
        rated = self.slots.get(RATING_SLOT)
        if not isinstance(rated, Mapping):
            return
        if rated.get("value") == "up":
            counts[(RATING_UP, "")] = 1
        elif rated.get("value") == "down":
            counts[(RATING_DOWN, "")] = 1
        else:
            return
        if str(rated.get("comment") or "").strip():
            counts[(RATING_COMMENT, "")] = 1


def contribution(
    events: Sequence[Event], started: float,
    institution_of: Optional[Callable[[str], str]] = None,
) -> Optional[Contribution]:  # fmt: skip
    """What the conversation of ``events`` (in order, first at ``started``) adds."""
    reader = Reader()
    reader.read(events)
    return reader.contribution(started, institution_of)
