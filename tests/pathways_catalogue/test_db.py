"""Schema: the Alembic migrations build exactly what the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from pathways_catalogue.db import make_engine, upgrade
from pathways_catalogue.models import Base


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_is_idempotent_and_creates_every_table(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    upgrade(eng)
    upgrade(eng)
    tables = set(inspect(eng).get_table_names())
    assert {"network", "institution", "course", "progression", "contact", "qualification",
            "enquiry", "alembic_version"} <= tables  # fmt: skip
    eng.dispose()
