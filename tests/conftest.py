"""Shared fixtures: a migrated SQLite database per test, and the demo network.

Like the assistant's database, they hold the catalogue tables and the enquiry
tables, each migrated by its own package.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Collection, Iterator, List

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries.db import upgrade as upgrade_enquiries
from evaluation.servers import Deployment, prepare, train
from pathways_catalogue.db import make_engine
from pathways_catalogue.db import upgrade as upgrade_catalogue
from pathways_catalogue.service import import_folder
from pathways_catalogue.settings import DEMO_NETWORK

TESTS = Path(__file__).resolve().parent
TEST_DATA = TESTS / "data"
SECOND_NETWORK = TEST_DATA / "networks" / "fenland_coast"


#: folders whose tests share session-scoped servers, and the fixture that serves them:
#: under pytest-xdist (``make test`` runs ``-n 2 --dist loadgroup``) the tests that use
#: it run in one worker, so its servers start once; the folder's other tests (which
#: start servers of their own) form a second group, free to run in the other worker,
#: and every other test goes to whichever worker is free
SERVER_GROUPS = {"e2e": "demo_servers", "browser": "stack"}


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    """Keep the tests that share a folder's servers in one xdist group."""
    for item in items:
        parts = item.path.relative_to(TESTS).parts
        if len(parts) > 1 and parts[0] in SERVER_GROUPS:
            shared = SERVER_GROUPS[parts[0]] in getattr(item, "fixturenames", ())
            group = parts[0] if shared else f"{parts[0]}-own"
            item.add_marker(pytest.mark.xdist_group(group))


#: the group that trains the demo model (when no cached one fits) and runs first
TRAINS_FIRST = "e2e"
#: the share of the single tests run before the other server groups, while it trains
UNITS_FIRST = 0.5


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadgroup``, ordered so that nobody waits for the model being trained.

    xdist hands out the biggest groups first, so on a fresh clone both workers began
    with a group that needs the demo model and one of them idled while the other
    trained it. Now one worker starts the ``e2e`` group (and trains), the other runs
    half of the single tests meanwhile; the other server groups follow, then the rest
    of the single tests fill the end.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class TrainFirst(LoadGroupScheduling):  # type: ignore[misc]
        ordered = False

        def _assign_work_unit(self, node: Any) -> None:
            if not self.ordered:
                self.ordered = True
                scopes = list(self.workqueue)
                groups = [s for s in scopes if "::" not in s and s != TRAINS_FIRST]
                units = [s for s in scopes if "::" in s]
                cut = int(len(units) * UNITS_FIRST)
                first = [TRAINS_FIRST] if TRAINS_FIRST in self.workqueue else []
                for scope in [*first, *units[:cut], *groups, *units[cut:]]:
                    self.workqueue.move_to_end(scope)
            super()._assign_work_unit(node)

    return TrainFirst(config, log)


def migrate(engine: Engine) -> None:
    """Bring both schemas up to date: the catalogue's and the enquiries'."""
    upgrade_catalogue(engine)
    upgrade_enquiries(engine)


def schema_diff(
    engine: Engine, metadata: MetaData, version_table: str, ignored: Collection[str]
) -> List[object]:
    """What ``metadata`` has that the database lacks, or the other way round.

    Tables named in ``ignored`` are left out of the comparison.
    """
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "version_table": version_table,
                "include_name": lambda name, type_, _parents: (
                    type_ != "table" or name not in ignored
                ),
            },
        )
        return list(compare_metadata(context, metadata))


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A fresh, migrated SQLite database file."""
    eng = make_engine(f"sqlite:///{tmp_path / 'catalogue.db'}")
    migrate(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def demo_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A database holding the demo network and the second test network (read-only use)."""
    path = tmp_path_factory.mktemp("demo") / "catalogue.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate(eng)
    import_folder(eng, DEMO_NETWORK)
    import_folder(eng, SECOND_NETWORK)
    yield eng
    eng.dispose()


@pytest.fixture
def demo_session(demo_engine: Engine) -> Iterator[Session]:
    """A session on the demo database inside a transaction rolled back afterwards."""
    with demo_engine.connect() as connection:
        transaction = connection.begin()
        session = Session(bind=connection, future=True)
        try:
            yield session
        finally:
            session.close()
            transaction.rollback()


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    """The demo network's database and a model trained on it, outside ``var/`` (slow).

    The end-to-end and browser tests share it, so a session trains once.
    """
    deployment = prepare(tmp_path_factory.mktemp("deployment"), DEMO_NETWORK, "vale_and_wolds")
    train(deployment)
    return deployment


DEMO_SLUG = "vale_and_wolds"
SECOND_SLUG = "fenland_coast"


def copy_database(engine: Engine, target: Path) -> str:
    """Copy an SQLite database (WAL included) to ``target``; return its URL."""
    source = sqlite3.connect(str(engine.url.database))
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return f"sqlite:///{target}"


@pytest.fixture
def actions_db(
    tmp_path: Path, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Engine]:
    """A private copy of the demo database that the custom actions use.

    ``CATALOGUE_URL`` points at it and ``PATHWAYS_NETWORK`` names the demo network;
    the actions' cached engine is reset before and after. Yields an engine on the
    same file for the test's own queries.
    """
    from actions import db

    url = copy_database(demo_engine, tmp_path / "actions.db")
    monkeypatch.setenv("CATALOGUE_URL", url)
    monkeypatch.setenv("PATHWAYS_NETWORK", DEMO_SLUG)
    db.reset_engine()
    eng = make_engine(url)
    yield eng
    eng.dispose()
    db.reset_engine()


def is_reference(text: str) -> bool:
    """True if ``text`` has the form of an enquiry reference ("PW-" and 6 characters)."""
    from enquiries.store import REFERENCE_ALPHABET, REFERENCE_LENGTH, REFERENCE_PREFIX

    body = text[len(REFERENCE_PREFIX) :]
    return (
        text.startswith(REFERENCE_PREFIX)
        and len(body) == REFERENCE_LENGTH
        and all(c in REFERENCE_ALPHABET for c in body)
    )
