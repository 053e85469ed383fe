"""Alembic environment: migrates the engine handed over by catalogue.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Engine

import enquiries.models  # noqa: F401  (registers the tables)
import pathways_catalogue.models  # noqa: F401  (registers the tables)
from pathways_catalogue.db import make_engine
from pathways_catalogue.models import Base

config = context.config


def run_migrations() -> None:
    """Run migrations online, on the engine given in the config or its URL."""
    engine: Engine = config.attributes.get("engine") or make_engine(
        config.get_main_option("sqlalchemy.url")
    )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
