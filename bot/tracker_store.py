"""Where conversations are kept: Rasa's SQL tracker store, checked before the server starts.

Rasa's own ``SQLTrackerStore`` logs an error and carries on when its database cannot
be opened (a missing folder, a database that is down); every turn then silently
starts a new conversation in memory. :class:`CheckedSQLTrackerStore` takes one URL
(``TRACKER_STORE_URL``, default ``sqlite:///<project>/var/tracker.db``), creates the
folder of an SQLite file, and proves it can write before Rasa starts; if it cannot,
it raises and the server does not start. Configured in ``bot/endpoints.yml``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.exceptions import RasaException
from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from pathways_catalogue.settings import PROJECT_ROOT
from storage.profile import is_scale, postgres_url

#: environment variable with the tracker store's database URL
URL_ENV = "TRACKER_STORE_URL"
DEFAULT_PATH = PROJECT_ROOT / "var" / "tracker.db"


class TrackerStoreUnavailable(RasaException):
    """The tracker store's database cannot be used; the server must not start."""


def tracker_url(url: Optional[str] = None) -> str:
    """The tracker store URL: ``url``, else ``TRACKER_STORE_URL``, else the profile's.

    The ``local`` profile's is the default SQLite file; the ``scale`` profile's is its
    PostgreSQL conversations database (:func:`storage.profile.postgres_url`).
    """
    chosen = url or os.environ.get(URL_ENV, "").strip()
    if chosen:
        return chosen
    return postgres_url(tracker=True) if is_scale() else f"sqlite:///{DEFAULT_PATH}"


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


class CheckedSQLTrackerStore(SQLTrackerStore):
    """An SQL tracker store that refuses to start on a database it cannot write."""

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
        self._ping_before_use()
        self._check(address)

    def _ping_before_use(self) -> None:
        """On a database server, test pooled connections before use (``pool_pre_ping``).

        Rasa's engine keeps connections that a database restart killed; the next turn
        of each would fail. The engine is rebuilt with the same URL and pool settings.
        """
        old: Engine = self.engine  # type: ignore[has-type]  # set by SQLTrackerStore
        if old.dialect.name == "sqlite":
            return
        self.engine = create_engine(old.url, pool_pre_ping=True, **create_engine_kwargs(old.url))
        self.sessionmaker = sessionmaker(bind=self.engine)
        old.dispose()

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
