"""The actions' engine: it brings the enquiry schema up to date before storing."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import inspect

from actions import db
from enquiries.db import VERSION_TABLE
from enquiries.store import create_enquiry
from pathways_catalogue.db import make_engine, upgrade


@pytest.fixture
def catalogue_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database migrated by the catalogue alone (as ``catalogue import`` leaves it)."""
    url = f"sqlite:///{tmp_path / 'catalogue-only.db'}"
    eng = make_engine(url)
    upgrade(eng)
    eng.dispose()
    monkeypatch.setenv("CATALOGUE_URL", url)
    db.reset_engine()
    yield url
    db.reset_engine()


def test_an_enquiry_can_be_stored_in_a_database_the_catalogue_made(catalogue_only: str) -> None:
    with db.session() as s:
        create_enquiry(s, learner_name="Sam", email="sam@example.com", consent=True)
        s.commit()
    tables = set(inspect(db.engine()).get_table_names())
    assert {"enquiry", VERSION_TABLE, "network"} <= tables
