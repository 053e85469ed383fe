"""Retention and erasure of learners' data: ``python -m bot privacy prune|erase``.

- ``prune [--older-than 180d] [--max-age 730d]`` removes the conversations (tracker
  store) and the enquiries, open or closed, whose last activity is older than
  ``--older-than`` (default ``PATHWAYS_RETENTION_DAYS``, 180), and those that began
  before ``--max-age`` (default ``PATHWAYS_RETENTION_MAX_DAYS``, 730) however active,
  with the rows that refer to them (notes, audit entries: :mod:`enquiries.retention`).
- ``erase --email E | --phone P | --sender S`` removes one learner's data everywhere:
  the enquiries with that email, phone number (any spelling) or sender id; the
  conversations of those enquiries' sender ids, of senders whose id *is* the number
  (``whatsapp:+447700900123``, ``+447700900123``: SMS and WhatsApp learners), and of
  any conversation that mentions the email or the number in any spelling; and what
  refers to those enquiries. Numbers are compared by :mod:`storage.contacts`.

Both report what they removed; with ``--dry-run`` they report what they would remove
and change nothing (the deletions run and are rolled back).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set

from sqlalchemy import MetaData, Table, distinct, func, inspect, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from enquiries.db import upgrade as upgrade_enquiries
from enquiries.retention import delete_enquiries, inactive_before, matching
from storage import contacts, make_engine

#: the tracker store's events table (Rasa's ``SQLTrackerStore``)
EVENTS_TABLE = "events"
#: settings: days of inactivity before data goes, and the most days anything is kept
RETENTION_ENV = "PATHWAYS_RETENTION_DAYS"
MAX_AGE_ENV = "PATHWAYS_RETENTION_MAX_DAYS"
DEFAULT_RETENTION_DAYS = 180
DEFAULT_MAX_AGE_DAYS = 730
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


def setting_days(name: str, default: int, env: Optional[Mapping[str, str]] = None) -> dt.timedelta:
    """A number of days from the environment variable ``name`` (``"180"`` or ``"180d"``)."""
    value = (os.environ if env is None else env).get(name, "").strip()
    return parse_age(value) if value else dt.timedelta(days=default)


def events_table(connection: Connection) -> Optional[Table]:
    """The tracker store's events table, or None if the store has none yet."""
    if not inspect(connection).has_table(EVENTS_TABLE):
        return None
    return Table(EVENTS_TABLE, MetaData(), autoload_with=connection)


def _stamp(when: dt.datetime) -> float:
    return when.replace(tzinfo=dt.timezone.utc).timestamp()


def stale_senders(
    connection: Connection, cutoff: dt.datetime, started_before: Optional[dt.datetime] = None
) -> Set[str]:
    """Sender ids whose last event is older than ``cutoff`` (naive UTC).

    With ``started_before``, also those whose first event is older than it.
    """
    table = events_table(connection)
    if table is None:
        return set()
    old = func.max(table.c.timestamp) < _stamp(cutoff)
    if started_before is not None:
        old = or_(old, func.min(table.c.timestamp) < _stamp(started_before))
    query = select(table.c.sender_id).group_by(table.c.sender_id).having(old)
    return set(connection.execute(query).scalars())


def senders_with_number(connection: Connection, e164: str) -> Set[str]:
    """Sender ids that are the number ``e164`` in any spelling, with any channel prefix.

    SMS and WhatsApp conversations are stored under the learner's number
    (``whatsapp:+447700900123``). The last digits narrow the search in the database;
    :func:`storage.contacts.normalise_phone` decides.
    """
    table = events_table(connection)
    if table is None:
        return set()
    query = select(distinct(table.c.sender_id)).where(
        table.c.sender_id.contains(contacts.phone_tail(e164), autoescape=True)
    )
    return {
        sender
        for sender in connection.execute(query).scalars()
        if contacts.normalise_phone(sender) == e164
    }


def senders_mentioning_number(connection: Connection, e164: str) -> Set[str]:
    """Sender ids with an event whose stored data holds the number in any spelling.

    Events holding the number's last digits are read and searched with
    :func:`storage.contacts.find_phones`, so spacing and the country code do not matter.
    """
    table = events_table(connection)
    if table is None:
        return set()
    query = select(table.c.sender_id, table.c.data).where(
        table.c.data.contains(contacts.phone_tail(e164), autoescape=True)
    )
    found = set()
    for sender, data in connection.execute(query):
        if sender not in found and any(
            f.value == e164 for f in contacts.find_phones(str(data or ""))
        ):
            found.add(sender)
    return found


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
    now: Optional[dt.datetime] = None, max_age: Optional[dt.timedelta] = None,
) -> Removed:  # fmt: skip
    """Remove conversations and enquiries idle for ``older_than`` or begun before ``max_age``."""
    today = (now or dt.datetime.now(dt.timezone.utc)).replace(tzinfo=None)
    cutoff = today - older_than
    started = today - max_age if max_age is not None else None
    removed = Removed()
    with Session(db, future=True) as session, trackers.connect() as connection:
        transaction = connection.begin()
        removed.conversations = stale_senders(connection, cutoff, started)
        removed.events = delete_conversations(connection, removed.conversations)
        old = inactive_before(session, cutoff, started)
        removed.rows = delete_enquiries(session, [e.id for e in old])
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
        number = contacts.normalise_phone(phone) if phone else None
        senders = {sender} if sender else set()
        senders |= senders_mentioning(connection, [email or ""])
        if number:
            senders |= senders_with_number(connection, number)
            senders |= senders_mentioning_number(connection, number)
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
    old = sub.add_parser("prune", help="remove conversations and enquiries past retention")
    old.add_argument("--older-than", type=parse_age, metavar="DAYS",
                     help=f"idle for this long, such as 180d (default: ${RETENTION_ENV} "
                          f"or {DEFAULT_RETENTION_DAYS}d)")  # fmt: skip
    old.add_argument("--max-age", type=parse_age, metavar="DAYS",
                     help=f"begun this long ago, however active (default: ${MAX_AGE_ENV} "
                          f"or {DEFAULT_MAX_AGE_DAYS}d)")  # fmt: skip
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
            older_than = args.older_than or setting_days(RETENTION_ENV, DEFAULT_RETENTION_DAYS)
            max_age = args.max_age or setting_days(MAX_AGE_ENV, DEFAULT_MAX_AGE_DAYS)
            removed = prune(
                db, trackers, older_than, dry_run=args.dry_run, max_age=max_age
            )
        elif args.phone and contacts.normalise_phone(args.phone) is None:
            raise SystemExit(f"error: {args.phone!r} is not a phone number")
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
