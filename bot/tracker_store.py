"""Where conversations are kept: Rasa's SQL tracker store, checked before the server starts.

Rasa's own ``SQLTrackerStore`` logs an error and carries on when its database cannot
be opened (a missing folder, a database that is down); every turn then silently
starts a new conversation in memory. :class:`CheckedSQLTrackerStore` takes one URL
(``TRACKER_STORE_URL``, default ``sqlite:///<project>/var/tracker.db``), creates the
folder of an SQLite file, and proves it can write before Rasa starts; if it cannot,
it raises and the server does not start. Configured in ``bot/endpoints.yml``.

An SQLite store is switched to WAL mode with ``synchronous=NORMAL`` (as the catalogue
database is): a turn's commit no longer waits for the disk, and the console reading
conversations never blocks a turn. Its engine hides statement parameters from error
messages (a failed insert would otherwise print a learner's messages into the log), and
it keeps the promise "I won't
pass anything on": when a turn sets the ``details_withdrawn`` slot (the learner typed
their name or contact details and then declined), :func:`scrub_events` rewrites the
conversation's stored events so that the personal slots' values are gone and the
learner's messages that held them read ``[withdrawn]``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Set

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.exceptions import RasaException
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from storage import tracker_database_url
from storage.engine import DEFAULT_TRACKER_PATH, TRACKER_URL_ENV, sqlite_pragmas
from storage.logs import redact

#: environment variable with the tracker store's database URL
URL_ENV = TRACKER_URL_ENV
DEFAULT_PATH = DEFAULT_TRACKER_PATH
#: the slots that hold the learner's own details (bot/domain/handover.yml)
PERSONAL_SLOTS = frozenset({"learner_name", "contact_email", "contact_phone"})
#: set to true by the action that tells the learner nothing will be passed on
WITHDRAWN_SLOT = "details_withdrawn"
#: what a message holding withdrawn details reads afterwards
WITHDRAWN_TEXT = "[withdrawn]"
#: shorter slot values are not searched for in messages ("no" would match everywhere)
MIN_SECRET_LENGTH = 3


class TrackerStoreUnavailable(RasaException):
    """The tracker store's database cannot be used; the server must not start."""


def tracker_url(url: Optional[str] = None) -> str:
    """The tracker store URL: ``url``, else ``TRACKER_STORE_URL``, else the profile's.

    The ``local`` profile's is the default SQLite file; the ``scale`` profile's is its
    PostgreSQL conversations database (:func:`storage.profile.postgres_url`).
    """
    return url or tracker_database_url()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


class CheckedSQLTrackerStore(SQLTrackerStore):
    """An SQL tracker store that refuses to start on a database it cannot write."""

    engine: sa.engine.Engine

    def __init__(
        self, domain: Any = None, host: Optional[str] = None, url: Optional[str] = None,
        event_broker: Any = None, **kwargs: Any,
    ) -> None:  # fmt: skip
        """Open the store at ``url`` (see :func:`tracker_url`).

        Raises:
            TrackerStoreUnavailable: if the database cannot be created, opened or written.

        """
        address = tracker_url(url or host)
        parts = make_url(address)
        if parts.get_backend_name() == "sqlite" and parts.database:
            try:
                Path(parts.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise TrackerStoreUnavailable(
                    f"cannot create the folder of the tracker store {_safe(address)}: {error}"
                ) from error
        for key in ("dialect", "db", "username", "password", "port", "query", "login_db"):
            kwargs.pop(key, None)
        # a whole URL as the host is taken as it is (SQLTrackerStore.get_db_url)
        super().__init__(domain=domain, host=address, event_broker=event_broker, **kwargs)
        # the same database, with statement parameters kept out of error messages and,
        # on a database server, pooled connections tested before use
        self._rebuild_engine()
        self._check(address)

    def _rebuild_engine(self) -> None:
        """Rebuild Rasa's engine with ``hide_parameters``, and ``pool_pre_ping`` or WAL mode.

        Rasa's engine would print a learner's details in a failed statement's error, and
        keeps connections that a database restart killed (the next turn of each would fail).
        """
        old: Engine = self.engine  # type: ignore[has-type]  # set by SQLTrackerStore
        extra = {} if old.dialect.name == "sqlite" else {"pool_pre_ping": True}
        self.engine = sa.create_engine(
            old.url, hide_parameters=True, **extra, **create_engine_kwargs(old.url)
        )
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", sqlite_pragmas)  # WAL, as the catalogue's
        self.sessionmaker = sessionmaker(bind=self.engine)
        old.dispose()

    async def save(self, tracker: Any) -> None:
        """Store the turn's events; if it withdrew the learner's details, scrub them."""
        await super().save(tracker)
        if withdrawn_this_turn(tracker.events):
            with self.engine.begin() as connection:
                scrub_events(connection, self.SQLEvent.__table__, tracker.sender_id)

    def _check(self, address: str) -> None:
        """Read and write the events table in a transaction that is rolled back."""
        table = self.SQLEvent.__table__
        try:
            with self.engine.connect() as connection:
                transaction = connection.begin()
                try:
                    connection.execute(select(table.c.id).limit(1))
                    connection.execute(
                        table.insert().values(sender_id="startup-check", type_name="check")
                    )
                finally:
                    transaction.rollback()
        except SQLAlchemyError as error:
            raise TrackerStoreUnavailable(
                f"the tracker store {_safe(address)} cannot be used "
                f"({error.__class__.__name__}: {error.orig if hasattr(error, 'orig') else error})"
            ) from error


def withdrawn_this_turn(events: Any) -> bool:
    """Whether the events since the learner's last message set ``details_withdrawn``."""
    for event in reversed(list(events)):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, SlotSet) and event.key == WITHDRAWN_SLOT and event.value:
            return True
    return False


def _secrets(events: List[Dict[str, Any]]) -> Set[str]:
    """The values the personal slots ever had in these events."""
    found = set()
    for data in events:
        if data.get("event") == "slot" and data.get("name") in PERSONAL_SLOTS:
            value = str(data.get("value") or "").strip()
            if len(value) >= MIN_SECRET_LENGTH:
                found.add(value)
    return found


def _holds(text: str, secrets: Set[str]) -> bool:
    lowered = text.lower()
    return any(secret.lower() in lowered for secret in secrets)


def scrub_value(value: Any, secrets: Set[str]) -> Any:
    """``value`` (JSON) with its strings that hold personal details replaced.

    A string holding one of ``secrets``, an email address or a phone number becomes
    ``[withdrawn]``; dicts and lists are scrubbed item by item.
    """
    if isinstance(value, dict):
        return {key: scrub_value(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub_value(item, secrets) for item in value]
    if isinstance(value, str) and (_holds(value, secrets) or redact(value) != value):
        return WITHDRAWN_TEXT
    return value


def _scrub_metadata(data: Dict[str, Any], secrets: Set[str]) -> bool:
    metadata = data.get("metadata")
    if not metadata:
        return False
    scrubbed = scrub_value(metadata, secrets)
    if scrubbed == metadata:
        return False
    data["metadata"] = scrubbed
    return True


def scrub_event(data: Dict[str, Any], secrets: Set[str]) -> bool:
    """Remove the learner's details from one serialised event; True if it changed.

    Personal slots lose their value; a learner's message that holds one of
    ``secrets``, an email address or a phone number becomes ``[withdrawn]`` (its
    entities too); an assistant message loses the secrets it repeated; in any
    event's ``metadata`` (what a channel passed on: a WhatsApp or SMS sender's
    number, a profile), each string holding one of them becomes ``[withdrawn]``.
    """
    in_metadata = _scrub_metadata(data, secrets)
    return _scrub_content(data, secrets) or in_metadata


def _scrub_content(data: Dict[str, Any], secrets: Set[str]) -> bool:
    kind = data.get("event")
    if kind == "slot" and data.get("name") in PERSONAL_SLOTS and data.get("value") is not None:
        data["value"] = None
        return True
    text = data.get("text")
    if not isinstance(text, str) or not text:
        return False
    if kind == "user" and (_holds(text, secrets) or redact(text) != text):
        data["text"] = WITHDRAWN_TEXT
        parse = data.get("parse_data")
        if isinstance(parse, dict):
            parse["text"] = WITHDRAWN_TEXT
            parse["entities"] = []
        return True
    if kind == "bot" and _holds(text, secrets):
        for secret in secrets:
            text = text.replace(secret, WITHDRAWN_TEXT)
        data["text"] = text
        return True
    return False


def scrub_events(connection: Connection, table: sa.Table, sender_id: str) -> int:
    """Scrub the learner's details from every stored event of ``sender_id``.

    Rows are rewritten, never deleted: Rasa counts the stored events of a session to
    know which ones are new. Returns the number of events changed.
    """
    rows = connection.execute(
        select(table.c.id, table.c.data).where(table.c.sender_id == sender_id)
    ).all()
    events = {row.id: json.loads(row.data) for row in rows if row.data}
    secrets = _secrets(list(events.values()))
    changed = 0
    for event_id, data in events.items():
        if scrub_event(data, secrets):
            connection.execute(
                table.update().where(table.c.id == event_id).values(data=json.dumps(data))
            )
            changed += 1
    return changed
