"""Engine creation and schema migrations (Alembic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from sqlalchemy import event
from sqlalchemy.engine import Engine, create_engine

from pathways_catalogue.settings import database_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: Optional[str] = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` (default: :func:`database_url`).

    SQLite files get their folder created, foreign keys switched on and WAL mode.
    """
    url = url or database_url()
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(engine: Engine) -> Any:
    """Build an Alembic config that migrates ``engine``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", str(engine.url))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema of ``engine`` up to ``revision``."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)
