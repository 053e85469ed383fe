"""The database every Pathways package shares: engines and per-package migrations.

This is the lowest layer. It imports none of our packages; each package that owns
tables (``pathways_catalogue``, ``enquiries``) keeps its own declarative metadata
and its own Alembic script directory with its own version table, and migrates
through :func:`upgrade`.
"""

from storage.engine import database_url, make_engine, tracker_database_url
from storage.migrations import run_migrations, upgrade

__all__ = ["database_url", "make_engine", "run_migrations", "tracker_database_url", "upgrade"]
