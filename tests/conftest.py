"""Shared fixtures: a migrated SQLite database per test, and the demo network."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.db import make_engine, upgrade
from pathways_catalogue.service import import_folder
from pathways_catalogue.settings import DEMO_NETWORK

TESTS = Path(__file__).resolve().parent
TEST_DATA = TESTS / "data"
SECOND_NETWORK = TEST_DATA / "networks" / "fenland_coast"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A fresh, migrated SQLite database file."""
    eng = make_engine(f"sqlite:///{tmp_path / 'catalogue.db'}")
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def demo_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A database holding the demo network and the second test network (read-only use)."""
    path = tmp_path_factory.mktemp("demo") / "catalogue.db"
    eng = make_engine(f"sqlite:///{path}")
    upgrade(eng)
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
