"""Alembic environment for the insights tables (run by :func:`insights.db.upgrade`)."""

from __future__ import annotations

from insights.db import VERSION_TABLE
from insights.models import Base
from storage import run_migrations

run_migrations(Base.metadata, version_table=VERSION_TABLE)
