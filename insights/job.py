"""The incremental job: tracker events after the high-water mark into the weekly aggregates.

Each run reads the events stored since the last one (by event id, in batches). For
every sender with new events it re-reads the conversation those events belong to,
from its ``session_started``, works out what that conversation adds
(:mod:`insights.conversation`), and moves the aggregates by the difference from what
it added before (kept in ``insights_conversation`` while it goes on). Running twice
counts nothing twice; a conversation that goes on between runs is counted once, with
what it came to. A batch and the new high-water mark are written in one transaction,
which is given up if another run moved the mark meanwhile.

Conversations quiet for :data:`RETIRE_AFTER_S` lose their working row: their counts
stay in the aggregates, and events added to them later (a rating long after) are not
read. Works on SQLite and PostgreSQL alike (SQLAlchemy Core; upserts are a select,
then an update or insert).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from insights.conversation import Contribution, contribution
from insights.models import OpenConversation, Progress, Weekly
from pathways_catalogue.models import Course, Institution

#: how long a conversation may be quiet before its working row goes (Rasa starts a
#: new session after 60 minutes)
RETIRE_AFTER_S = 2 * 24 * 3600
#: the most tracker events read in one transaction
BATCH = 5000
SOURCE = "tracker"

#: Rasa's ``events`` table (``rasa.core.tracker_store.SQLTrackerStore``), as read here
_tracker = sa.MetaData()
EVENTS = sa.Table(
    "events", _tracker,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255)),
    sa.Column("type_name", sa.String(255)),
    sa.Column("timestamp", sa.Float),
    sa.Column("data", sa.Text),
)  # fmt: skip
WEEKLY = Weekly.__table__
OPEN = OpenConversation.__table__
PROGRESS = Progress.__table__
#: week, institution, subject, level, measure, item
CountKey = Tuple[Any, str, str, int, str, str]


class Conflict(RuntimeError):
    """Another run moved the high-water mark during this one: this batch is given up."""


@dataclass
class Refreshed:
    """What a run did."""

    events: int = 0
    conversations: int = 0
    retired: int = 0
    seconds: float = 0.0
    last_event_id: int = 0


@dataclass(frozen=True)
class Row:
    """One stored tracker event."""

    id: int
    timestamp: float
    data: Dict[str, Any]


def _load(text: Optional[str]) -> Dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def segments(rows: List[Row]) -> List[List[Row]]:
    """A sender's events cut into conversations, each from a ``session_started``."""
    out: List[List[Row]] = []
    for row in rows:
        if not out or row.data.get("event") == "session_started":
            out.append([])
        out[-1].append(row)
    return out


def _start(tracker: Connection, sender: str, first_new: int) -> int:
    """The id of the first event of the conversation holding event ``first_new``."""
    started = tracker.execute(
        sa.select(sa.func.max(EVENTS.c.id)).where(
            EVENTS.c.sender_id == sender, EVENTS.c.type_name == "session_started",
            EVENTS.c.id <= first_new,
        )
    ).scalar()
    if started is not None:
        return int(started)
    first = tracker.execute(
        sa.select(sa.func.min(EVENTS.c.id)).where(EVENTS.c.sender_id == sender)
    ).scalar()
    return int(first if first is not None else first_new)


def _rows(tracker: Connection, sender: str, start: int, last: int) -> List[Row]:
    found = tracker.execute(
        sa.select(EVENTS.c.id, EVENTS.c.timestamp, EVENTS.c.data)
        .where(EVENTS.c.sender_id == sender, EVENTS.c.id >= start, EVENTS.c.id <= last)
        .order_by(EVENTS.c.id)
    )
    return [Row(int(r.id), float(r.timestamp or 0.0), _load(r.data)) for r in found]


def _add(deltas: Counter, found: Optional[Contribution], sign: int) -> None:
    if found is None:
        return
    week, institution, subject, level = found.key
    for (measure, item), n in found.counts.items():
        deltas[(week, institution, subject, level, measure, item)] += sign * n


class Run:
    """One batch: the conversations touched by events ``(mark, last]``."""

    def __init__(self, db: Connection, tracker: Connection, mark: int, now: float) -> None:
        self.db, self.tracker, self.mark, self.now = db, tracker, mark, now
        self.deltas: Counter = Counter()
        self.conversations = 0
        self.catalogue = sa.inspect(db).has_table(Course.__tablename__)
        self.institutions: Dict[str, str] = {}

    def institution_of(self, course_id: str) -> str:
        """The institution of catalogue course ``course_id`` ("" if the catalogue lacks it)."""
        if not self.catalogue:
            return ""
        if course_id not in self.institutions:
            name = self.db.execute(
                sa.select(Institution.name).join(Course, Course.institution_id == Institution.id)
                .where(Course.code == course_id).order_by(Course.id).limit(1)
            ).scalar()  # fmt: skip
            self.institutions[course_id] = name or ""
        return self.institutions[course_id]

    def sender(self, sender: str, first_new: int, last: int) -> None:
        """Recount the conversations of ``sender`` that have events after the mark."""
        start = _start(self.tracker, sender, first_new)
        for conversation in segments(_rows(self.tracker, sender, start, last)):
            if conversation[-1].id > self.mark:
                self.conversation(conversation)

    def conversation(self, rows: List[Row]) -> None:
        """Move the aggregates by what this conversation adds now, less what it added."""
        key = rows[0].id
        stored = self.db.execute(sa.select(OPEN.c.contribution).where(
            OPEN.c.first_event_id == key)).scalar()  # fmt: skip
        if stored is None and key <= self.mark:
            seen = [r.timestamp for r in rows if r.id <= self.mark]
            if seen and max(seen) < self.now - RETIRE_AFTER_S:
                return  # retired: its counts are in, and stay as they were
        before = Contribution.from_json(json.loads(stored)) if stored else None
        after = contribution([r.data for r in rows], rows[0].timestamp, self.institution_of)
        _add(self.deltas, before, -1)
        _add(self.deltas, after, +1)
        if after is None and stored is None:
            return  # nothing to count yet (no learner message)
        self.conversations += 1
        last_seen = max(r.timestamp for r in rows)
        body = json.dumps(after.as_json() if after else {})
        if stored is None:
            self.db.execute(OPEN.insert().values(
                first_event_id=key, last_seen=last_seen, contribution=body))  # fmt: skip
        else:
            self.db.execute(OPEN.update().where(OPEN.c.first_event_id == key).values(
                last_seen=last_seen, contribution=body))  # fmt: skip

    def write(self) -> None:
        """Apply the deltas to ``insights_weekly`` (select, then update or insert)."""
        changed = {k: n for k, n in self.deltas.items() if n}
        weeks = {k[0] for k in changed}
        current: Dict[CountKey, int] = {}
        if weeks:
            for r in self.db.execute(sa.select(WEEKLY).where(WEEKLY.c.week_start.in_(weeks))):
                current[(r.week_start, r.institution, r.subject, r.level, r.measure, r.item)] = (
                    r.count
                )
        for key, n in changed.items():
            where = _where(key)
            if key in current:
                total = current[key] + n
                if total > 0:
                    self.db.execute(WEEKLY.update().where(*where).values(count=total))
                else:
                    self.db.execute(WEEKLY.delete().where(*where))
            elif n > 0:
                week, institution, subject, level, measure, item = key
                self.db.execute(WEEKLY.insert().values(
                    week_start=week, institution=institution, subject=subject, level=level,
                    measure=measure, item=item, count=n))  # fmt: skip


def _where(key: CountKey) -> Iterable[Any]:
    week, institution, subject, level, measure, item = key
    c = WEEKLY.c
    return (c.week_start == week, c.institution == institution, c.subject == subject,
            c.level == level, c.measure == measure, c.item == item)  # fmt: skip


def _mark(db: Connection) -> int:
    mark = db.execute(
        sa.select(PROGRESS.c.last_event_id).where(PROGRESS.c.source == SOURCE)
    ).scalar()
    if mark is None:
        db.execute(PROGRESS.insert().values(source=SOURCE, last_event_id=0))
        return 0
    return int(mark)


def _batch(db: Connection, tracker: Connection, now: float, size: int) -> Tuple[int, int, int]:
    """One batch in the caller's transaction: (events read, conversations, new mark)."""
    mark = _mark(db)
    news = tracker.execute(
        sa.select(EVENTS.c.id, EVENTS.c.sender_id).where(EVENTS.c.id > mark)
        .order_by(EVENTS.c.id).limit(size)
    ).all()  # fmt: skip
    if not news:
        return 0, 0, mark
    last = int(news[-1].id)
    first_of: Dict[str, int] = {}
    for event in news:
        first_of.setdefault(event.sender_id, int(event.id))
    run = Run(db, tracker, mark, now)
    for sender, first_new in first_of.items():
        run.sender(sender, first_new, last)
    run.write()
    moved = db.execute(
        PROGRESS.update().where(PROGRESS.c.source == SOURCE, PROGRESS.c.last_event_id == mark)
        .values(last_event_id=last, refreshed_at=now)
    )  # fmt: skip
    if moved.rowcount != 1:
        raise Conflict("another insights run moved the high-water mark; try again")
    return len(news), run.conversations, last


def has_events(tracker: Engine) -> bool:
    """Whether the tracker store has its ``events`` table yet."""
    return sa.inspect(tracker).has_table("events")


def refresh(
    tracker: Engine, db: Engine, now: Optional[float] = None, batch: int = BATCH
) -> Refreshed:
    """Read the new tracker events of ``tracker`` into the aggregates in ``db``.

    ``db`` must be migrated (:func:`insights.db.upgrade`). ``now`` (seconds since the
    epoch) decides which conversations are retired.

    Raises:
        Conflict: if another run moved the high-water mark during a batch (that batch
            is rolled back; the batches before it stay).

    """
    began = time.perf_counter()
    now = time.time() if now is None else now
    done = Refreshed()
    if has_events(tracker):
        while True:
            with db.begin() as connection, tracker.connect() as source:
                events, conversations, mark = _batch(connection, source, now, batch)
            done.events += events
            done.conversations += conversations
            done.last_event_id = mark
            if events < batch:
                break
    with db.begin() as connection:
        done.retired = connection.execute(
            OPEN.delete().where(OPEN.c.last_seen < now - RETIRE_AFTER_S)
        ).rowcount
    done.seconds = time.perf_counter() - began
    return done
