"""Schema: the catalogue's Alembic migrations build exactly what its models describe."""

from __future__ import annotations

from pathlib import Path
from typing import Collection, List

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from enquiries import db as enquiries_db
from enquiries.models import Base as EnquiriesBase
from pathways_catalogue.db import VERSION_TABLE, make_engine, upgrade
from pathways_catalogue.models import Base
from tests.conftest import schema_diff as shared_schema_diff

CATALOGUE_TABLES = {
    "network", "institution", "course", "progression", "contact", "qualification",
    "catalogue_version", "catalogue_draft",
}  # fmt: skip


def schema_diff(engine: Engine, ignored: Collection[str]) -> List[object]:
    """What the catalogue's models have that the database lacks, or the other way round."""
    return shared_schema_diff(engine, Base.metadata, VERSION_TABLE, ignored)


def test_migrations_match_the_models(engine: Engine) -> None:
    # the database also holds the enquiries' tables; they are not the catalogue's concern
    enquiry_tables = set(EnquiriesBase.metadata.tables) | {enquiries_db.VERSION_TABLE}
    assert schema_diff(engine, ignored=enquiry_tables) == []
    assert schema_diff(engine, ignored=()) != [], "the enquiries' tables are really there"


def test_upgrade_is_idempotent_and_creates_only_the_catalogue_tables(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    upgrade(eng)
    upgrade(eng)
    assert set(inspect(eng).get_table_names()) == CATALOGUE_TABLES | {VERSION_TABLE}
    eng.dispose()
