"""The insights' schema migrations (their own Alembic scripts and version table).

``make db`` runs ``python -m insights upgrade``; the web front and ``python -m insights
refresh`` call :func:`upgrade` before they use the tables.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

import storage

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: where Alembic records the insights' revision, apart from the other packages'
VERSION_TABLE = "insights_alembic_version"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the insights tables of ``engine`` up to ``revision``."""
    storage.upgrade(engine, MIGRATIONS_DIR, revision)
