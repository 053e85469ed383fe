"""The enquiries' schema migrations (their own Alembic scripts and version table).

Whatever stores enquiries migrates them first: ``make db`` runs
``python -m enquiries upgrade`` and the action server calls :func:`upgrade` when it
creates its engine.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

import storage

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: where Alembic records the enquiries' revision, apart from the catalogue's
VERSION_TABLE = "enquiries_alembic_version"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the enquiry tables of ``engine`` up to ``revision``."""
    storage.upgrade(engine, MIGRATIONS_DIR, revision)
