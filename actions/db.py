"""The database the actions use: one engine, created on first use.

The URL comes from ``CATALOGUE_URL`` (see :func:`pathways_catalogue.settings.database_url`).
The engine is created lazily and re-created if the URL changes, so nothing happens
at import and tests can point the actions at their own database. Sessions are
short-lived: one ``with session() as s:`` block per action run.

The actions store enquiries, so creating the engine also brings the enquiry
schema up to date; the catalogue is migrated by its own command line.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries.db import upgrade as upgrade_enquiries
from pathways_catalogue.db import make_engine
from pathways_catalogue.models import Network
from pathways_catalogue.settings import NETWORK_ENV, database_url

_lock = threading.Lock()
_engine: Optional[Engine] = None
_engine_url: Optional[str] = None


def engine() -> Engine:
    """Return the shared engine for the current ``CATALOGUE_URL``, creating it if needed."""
    global _engine, _engine_url
    url = database_url()
    with _lock:
        if _engine is None or _engine_url != url:
            if _engine is not None:
                _engine.dispose()
            _engine = make_engine(url)
            upgrade_enquiries(_engine)  # on failure the URL is not recorded: the next call retries
            _engine_url = url
        return _engine


def reset_engine() -> None:
    """Dispose of the shared engine; the next :func:`engine` call makes a new one."""
    global _engine, _engine_url
    with _lock:
        if _engine is not None:
            _engine.dispose()
        _engine = None
        _engine_url = None


@contextmanager
def session() -> Iterator[Session]:
    """Open a short-lived session on the shared engine; the caller commits."""
    with Session(engine(), future=True) as s:
        yield s


def network() -> Optional[str]:
    """The network slug set in ``PATHWAYS_NETWORK``, or None for every network."""
    return os.environ.get(NETWORK_ENV, "").strip() or None


def network_slug(s: Session) -> str:
    """The network served: ``PATHWAYS_NETWORK``, else the only network in the database.

    Returns an empty string when the database holds several networks and none is set.
    """
    chosen = network()
    if chosen:
        return chosen
    slugs = list(s.execute(select(Network.slug).limit(2)).scalars())
    return slugs[0] if len(slugs) == 1 else ""
