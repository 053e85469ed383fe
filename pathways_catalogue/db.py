"""The catalogue's engine and schema migrations (its own Alembic scripts and version table)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

import storage
from storage import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: where Alembic records the catalogue's revision (the default name, kept for old databases)
VERSION_TABLE = "alembic_version"

__all__ = ["MIGRATIONS_DIR", "VERSION_TABLE", "make_engine", "upgrade"]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the catalogue tables of ``engine`` up to ``revision``."""
    storage.upgrade(engine, MIGRATIONS_DIR, revision)
