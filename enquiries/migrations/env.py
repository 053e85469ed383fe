"""Alembic environment for the enquiry tables (run by :func:`enquiries.db.upgrade`)."""

from __future__ import annotations

from enquiries.db import VERSION_TABLE
from enquiries.models import Base
from storage import run_migrations

run_migrations(Base.metadata, version_table=VERSION_TABLE)
