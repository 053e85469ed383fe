"""Where the database lives and how to connect to it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine

from storage.profile import is_scale, postgres_url

DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "var" / "pathways.db"
#: the environment variable naming the database (catalogue and enquiries share it)
URL_ENV = "CATALOGUE_URL"
#: the conversations (Rasa's tracker store): its variable and default SQLite file
TRACKER_URL_ENV = "TRACKER_STORE_URL"
DEFAULT_TRACKER_PATH = DEFAULT_DB_PATH.with_name("tracker.db")


def database_url() -> str:
    """Return ``CATALOGUE_URL``, else the profile's database.

    The ``local`` profile's is the SQLite file under ``var/``; the ``scale`` profile's
    is PostgreSQL (:func:`storage.profile.postgres_url`).
    """
    url = os.environ.get(URL_ENV, "").strip()
    if url:
        return url
    if is_scale():
        return postgres_url()
    return f"sqlite:///{DEFAULT_DB_PATH}"


def tracker_database_url() -> str:
    """Return ``TRACKER_STORE_URL``, else the profile's conversations database.

    The ``local`` profile's is ``var/tracker.db``; the ``scale`` profile's is its
    PostgreSQL conversations database (:func:`storage.profile.postgres_url`).
    """
    url = os.environ.get(TRACKER_URL_ENV, "").strip()
    if url:
        return url
    if is_scale():
        return postgres_url(tracker=True)
    return f"sqlite:///{DEFAULT_TRACKER_PATH}"


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """On a new SQLite connection: foreign keys on, WAL journal, ``synchronous=NORMAL``.

    In WAL mode readers do not wait for the writer, and a commit appends to the log
    without syncing the database file each time (a crash loses at most the last
    commits, never the file's consistency).
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: Optional[str] = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` (default: :func:`database_url`).

    SQLite files get their folder created, foreign keys switched on and WAL mode.
    Statement parameters are kept out of error messages (``hide_parameters``), so a
    failed insert logged with ``logger.exception`` does not print a learner's details.
    Server databases (PostgreSQL) get ``pool_pre_ping``: a pooled connection that
    died with a database restart is replaced instead of failing the next query.
    """
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    kwargs.setdefault("hide_parameters", True)
    if not url.startswith("sqlite"):
        kwargs.setdefault("pool_pre_ping", True)
    engine = create_engine(url, future=True, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", sqlite_pragmas)
    return engine
