"""Retention and erasure of learners' data: ``python -m bot privacy prune|erase``.

- ``prune --older-than 180d`` removes the conversations (tracker store) whose last
  event is older than that, and the closed enquiries created before then, with the
  rows that refer to them (notes, audit entries: :mod:`enquiries.retention`).
- ``erase --email E | --phone P | --sender S`` removes one learner's data everywhere:
  the enquiries with that email, phone number or sender id, the conversations of
  those enquiries' sender ids and of any conversation that mentions the email or
  phone number, and what refers to those enquiries.

Both report what they removed; with ``--dry-run`` they report what they would remove
and change nothing (the deletions run and are rolled back).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set

from sqlalchemy import MetaData, Table, distinct, func, inspect, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from enquiries.db import upgrade as upgrade_enquiries
from enquiries.retention import closed_before, delete_enquiries, matching, phone_digits
from storage import make_engine

#: the tracker store's events table (Rasa's ``SQLTrackerStore``)
EVENTS_TABLE = "events"
_AGE = re.compile(r"^(\d+)\s*d?$")


@dataclass
class Removed:
    """What a prune or an erase removed (or would remove)."""

    conversations: Set[str] = field(default_factory=set)
    events: int = 0
    rows: Dict[str, int] = field(default_factory=dict)

    def lines(self, dry_run: bool) -> List[str]:
        """A short report, one line per kind of data."""
        verb = "would remove" if dry_run else "removed"
        rows = ", ".join(f"{table}: {n}" for table, n in sorted(self.rows.items())) or "none"
        return [
            f"{verb} {len(self.conversations)} conversation(s) ({self.events} events)",
            f"{verb} database rows: {rows}",
        ]


def parse_age(text: str) -> dt.timedelta:
    """``"180d"`` or ``"180"`` as a number of days.

    Raises:
        argparse.ArgumentTypeError: for anything else.

    """
    found = _AGE.match(text.strip())
    if not found:
        raise argparse.ArgumentTypeError(f"expected a number of days such as 180d, not {text!r}")
    return dt.timedelta(days=int(found.group(1)))


def events_table(connection: Connection) -> Optional[Table]:
    """The tracker store's events table, or None if the store has none yet."""
    if not inspect(connection).has_table(EVENTS_TABLE):
        return None
    return Table(EVENTS_TABLE, MetaData(), autoload_with=connection)


def stale_senders(connection: Connection, cutoff: dt.datetime) -> Set[str]:
    """Sender ids whose last event is older than ``cutoff`` (naive UTC)."""
    table = events_table(connection)
    if table is None:
        return set()
    limit = cutoff.replace(tzinfo=dt.timezone.utc).timestamp()
    query = (
        select(table.c.sender_id)
        .group_by(table.c.sender_id)
        .having(func.max(table.c.timestamp) < limit)
    )
    return set(connection.execute(query).scalars())


def senders_mentioning(connection: Connection, texts: Iterable[str]) -> Set[str]:
    """Sender ids with an event whose stored data contains one of ``texts`` (any case)."""
    table = events_table(connection)
    wanted = [t.lower() for t in texts if t and len(t) >= 5]
    if table is None or not wanted:
        return set()
    query = select(distinct(table.c.sender_id)).where(
        or_(*(func.lower(table.c.data).contains(t, autoescape=True) for t in wanted))
    )
    return set(connection.execute(query).scalars())


def stored_senders(connection: Connection, senders: Iterable[str]) -> Set[str]:
    """Those of ``senders`` that have a stored conversation."""
    table = events_table(connection)
    chosen = sorted(set(senders))
    if table is None or not chosen:
        return set()
    query = select(distinct(table.c.sender_id)).where(table.c.sender_id.in_(chosen))
    return set(connection.execute(query).scalars())


def delete_conversations(connection: Connection, senders: Iterable[str]) -> int:
    """Delete every stored event of these senders; return how many."""
    table = events_table(connection)
    chosen = sorted(set(senders))
    if table is None or not chosen:
        return 0
    result = connection.execute(table.delete().where(table.c.sender_id.in_(chosen)))
    return int(result.rowcount or 0)


def _finish(session: Session, transaction: Any, dry_run: bool) -> None:
    """Commit both databases, or roll both back for a dry run."""
    if dry_run:
        session.rollback()
        transaction.rollback()
    else:
        session.commit()
        transaction.commit()


def prune(
    db: Engine, trackers: Engine, older_than: dt.timedelta, dry_run: bool = False,
    now: Optional[dt.datetime] = None,
) -> Removed:  # fmt: skip
    """Remove conversations and closed enquiries older than ``older_than``."""
    cutoff = (now or dt.datetime.now(dt.timezone.utc)).replace(tzinfo=None) - older_than
    removed = Removed()
    with Session(db, future=True) as session, trackers.connect() as connection:
        transaction = connection.begin()
        removed.conversations = stale_senders(connection, cutoff)
        removed.events = delete_conversations(connection, removed.conversations)
        removed.rows = delete_enquiries(session, [e.id for e in closed_before(session, cutoff)])
        _finish(session, transaction, dry_run)
    return removed


def erase(
    db: Engine, trackers: Engine, email: Optional[str] = None, phone: Optional[str] = None,
    sender: Optional[str] = None, dry_run: bool = False,
) -> Removed:  # fmt: skip
    """Remove one learner's enquiries and conversations (see the module docstring)."""
    removed = Removed()
    with Session(db, future=True) as session, trackers.connect() as connection:
        transaction = connection.begin()
        mentions = [email or "", phone or "", phone_digits(phone or "")]
        senders = {sender} if sender else set()
        senders |= senders_mentioning(connection, mentions)
        found = matching(session, email=email, phone=phone, sender_ids=sorted(senders))
        senders |= {e.sender_id for e in found if e.sender_id}
        found = matching(session, email=email, phone=phone, sender_ids=sorted(senders))
        removed.conversations = stored_senders(connection, senders)
        removed.events = delete_conversations(connection, senders)
        removed.rows = delete_enquiries(session, [e.id for e in found])
        _finish(session, transaction, dry_run)
    return removed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``privacy`` sub-commands and their options."""
    parser.add_argument("--db", help="enquiries database URL (default: $CATALOGUE_URL)")
    parser.add_argument("--tracker-db", help="tracker store URL (default: $TRACKER_STORE_URL)")
    sub = parser.add_subparsers(dest="privacy_command", required=True)
    old = sub.add_parser("prune", help="remove conversations and closed enquiries past retention")
    old.add_argument("--older-than", type=parse_age, required=True, metavar="DAYS",
                     help="age such as 180d")  # fmt: skip
    old.add_argument("--dry-run", action="store_true", help="report only; change nothing")
    one = sub.add_parser("erase", help="remove one learner's data everywhere")
    who = one.add_mutually_exclusive_group(required=True)
    who.add_argument("--email")
    who.add_argument("--phone")
    who.add_argument("--sender", help="a conversation's sender id")
    one.add_argument("--dry-run", action="store_true", help="report only; change nothing")


def run(args: argparse.Namespace, tracker_url: str) -> List[str]:
    """Run a parsed ``privacy`` command; return the report lines."""
    db, trackers = make_engine(args.db), make_engine(tracker_url)
    try:
        upgrade_enquiries(db)
        if args.privacy_command == "prune":
            removed = prune(db, trackers, args.older_than, dry_run=args.dry_run)
        else:
            removed = erase(
                db, trackers, email=args.email, phone=args.phone, sender=args.sender,
                dry_run=args.dry_run,
            )  # fmt: skip
    finally:
        db.dispose()
        trackers.dispose()
    return removed.lines(args.dry_run)


def main_lines(argv: Sequence[str], tracker_url: str) -> List[str]:
    """Parse ``argv`` (after ``privacy``) and run it."""
    parser = argparse.ArgumentParser(prog="python -m bot privacy", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(list(argv))
    return run(args, args.tracker_db or tracker_url)
