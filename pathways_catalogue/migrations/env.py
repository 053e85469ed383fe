"""Alembic environment for the catalogue tables (run by :func:`pathways_catalogue.db.upgrade`)."""

from __future__ import annotations

from pathways_catalogue.db import VERSION_TABLE
from pathways_catalogue.models import Base
from storage import run_migrations

run_migrations(Base.metadata, version_table=VERSION_TABLE)
