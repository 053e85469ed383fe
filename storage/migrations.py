"""Alembic migrations, one script directory and one version table per package.

A package that owns tables keeps an Alembic script directory whose ``env.py`` is
two lines::

    from enquiries.models import Base
    run_migrations(Base.metadata, version_table="enquiries_alembic_version")

and migrates with ``upgrade(engine, <that directory>)``. Each package records its
revision in its own version table and only ever sees its own tables, so several
packages can share one database without knowing of each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from storage.engine import make_engine

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Engine
    from sqlalchemy.sql.schema import MetaData


def alembic_config(engine: Engine, script_location: Path) -> Config:
    """An Alembic config that runs ``script_location`` on ``engine``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    # for information only (env.py migrates ``engine``): without the password, and with
    # "%" escaped for ConfigParser, whose errors would otherwise print the whole URL
    shown = engine.url.render_as_string(hide_password=True)
    config.set_main_option("sqlalchemy.url", shown.replace("%", "%%"))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, script_location: Path, revision: str = "head") -> None:
    """Bring the tables of the script directory ``script_location`` up to ``revision``."""
    from alembic import command

    command.upgrade(alembic_config(engine, script_location), revision)


def own_tables(metadata: MetaData) -> Callable[[Optional[str], str, object], bool]:
    """An Alembic ``include_name`` filter that sees only the tables of ``metadata``.

    Autogenerate then never proposes dropping another package's tables (or its
    version table). A table dropped from the models must be dropped by hand in
    the migration that removes it.
    """

    def include_name(name: Optional[str], type_: str, _parents: object) -> bool:
        return type_ != "table" or name in metadata.tables

    return include_name


def run_migrations(metadata: MetaData, version_table: str) -> None:
    """The body of a package's ``env.py``: migrate with its own version table.

    Runs on the engine that :func:`upgrade` put in the config, or on the config's
    ``sqlalchemy.url`` when Alembic is driven some other way.
    """
    from alembic import context

    config = context.config
    engine: Engine = config.attributes.get("engine") or make_engine(
        config.get_main_option("sqlalchemy.url")
    )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            version_table=version_table,
            include_name=own_tables(metadata),
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
