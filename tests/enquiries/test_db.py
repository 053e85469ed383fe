"""Schema: the enquiries' own migrations, on a fresh database and on an older one."""

from __future__ import annotations

from pathlib import Path
from typing import Collection, List

from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries.__main__ import main
from enquiries.db import VERSION_TABLE, upgrade
from enquiries.models import Base, Enquiry
from pathways_catalogue import db as catalogue_db
from pathways_catalogue.models import Base as CatalogueBase
from storage import make_engine
from tests.conftest import schema_diff as shared_schema_diff

#: the enquiry table as the catalogue's revision 0001 created it before the
#: enquiries had migrations of their own (copied from such a database, re-wrapped)
OLD_ENQUIRY_DDL = (
    """CREATE TABLE enquiry (
        id INTEGER NOT NULL, reference VARCHAR(20) NOT NULL, created_at DATETIME NOT NULL,
        status VARCHAR(20) NOT NULL, network_slug VARCHAR(100) NOT NULL,
        sender_id VARCHAR(200) NOT NULL, channel VARCHAR(50) NOT NULL,
        learner_name VARCHAR(200) NOT NULL, email VARCHAR(300) NOT NULL,
        phone VARCHAR(50) NOT NULL, consent BOOLEAN NOT NULL, consent_text TEXT NOT NULL,
        profile TEXT NOT NULL, routes TEXT NOT NULL, transcript TEXT NOT NULL,
        message TEXT NOT NULL, PRIMARY KEY (id), UNIQUE (reference))""",
    "CREATE INDEX ix_enquiry_status ON enquiry (status)",
)

#: an enquiry saved before the console's columns existed
OLD_ENQUIRY_ROW = (
    "INSERT INTO enquiry VALUES (1, 'PW-AAAAAA', '2026-01-05 10:00:00', 'new', '', '', '',"
    " 'Sam', '', '', 0, '', '{}', '[]', '[]', '')"
)


def schema_diff(engine: Engine, ignored: Collection[str]) -> List[object]:
    """What the enquiries' models have that the database lacks, or the other way round."""
    return shared_schema_diff(engine, Base.metadata, VERSION_TABLE, ignored)


def test_migrations_match_the_models(engine: Engine) -> None:
    # the database also holds the catalogue's tables; they are not the enquiries' concern
    catalogue_tables = set(CatalogueBase.metadata.tables) | {catalogue_db.VERSION_TABLE}
    assert schema_diff(engine, ignored=catalogue_tables) == []
    assert schema_diff(engine, ignored=()) != [], "the catalogue's tables are really there"


def test_a_fresh_database_gets_only_the_enquiry_tables(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    upgrade(eng)
    upgrade(eng)
    assert set(inspect(eng).get_table_names()) == {
        "enquiry", "adviser", "enquiry_note", "enquiry_audit", "console_session", VERSION_TABLE
    }
    assert schema_diff(eng, ignored=()) == []
    eng.dispose()


def test_an_enquiry_table_made_by_the_old_catalogue_migration_is_kept(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    catalogue_db.upgrade(eng)
    with eng.begin() as connection:
        for statement in OLD_ENQUIRY_DDL:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(OLD_ENQUIRY_ROW)

    upgrade(eng)

    with Session(eng, future=True) as s:
        assert s.execute(select(Enquiry.learner_name, Enquiry.institution_id,
                                Enquiry.kind, Enquiry.interest_route)).all() == [
            ("Sam", None, "handover", None)
        ]  # fmt: skip
    with eng.connect() as connection:
        assert connection.exec_driver_sql(f"SELECT * FROM {VERSION_TABLE}").all() == [
            ("enquiries_0004",)
        ]
    catalogue_tables = set(CatalogueBase.metadata.tables) | {catalogue_db.VERSION_TABLE}
    assert schema_diff(eng, ignored=catalogue_tables) == []
    eng.dispose()


def test_the_command_line_migrates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", url, "upgrade"]) == 0
    eng = make_engine(url)
    assert "enquiry" in inspect(eng).get_table_names()
    eng.dispose()


def test_console_sessions_arrive_and_leave_with_the_audit_trail_kept(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'sessions.db'}")
    upgrade(eng, "enquiries_0002")
    with eng.begin() as connection:
        connection.exec_driver_sql(OLD_ENQUIRY_ROW.replace("'')", "'', NULL, NULL)"))
        connection.exec_driver_sql(
            "INSERT INTO adviser (id, email, name, role, institution_id, password_hash,"
            " active, created_at) VALUES (1, 'a@x.example', 'A', 'adviser', 'x', '-', 1,"
            " '2026-01-05 10:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO enquiry_audit (enquiry_id, adviser_id, at, action, old_value,"
            " new_value) VALUES (1, 1, '2026-01-05 10:00:00', 'status', 'new', 'closed')"
        )
    upgrade(eng)
    assert "console_session" in inspect(eng).get_table_names()
    with eng.connect() as connection:
        kept = connection.exec_driver_sql("SELECT enquiry_id, action FROM enquiry_audit").all()
        assert kept == [(1, "status")]
    from alembic import command

    from storage.migrations import alembic_config

    command.downgrade(alembic_config(eng, Path(__file__).resolve().parents[2]
                                     / "enquiries" / "migrations"), "enquiries_0002")  # fmt: skip
    assert "console_session" not in inspect(eng).get_table_names()
    eng.dispose()


def test_route_interests_arrive_and_leave_with_the_enquiries_kept(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'interest.db'}")
    upgrade(eng, "enquiries_0003")
    with eng.begin() as connection:
        connection.exec_driver_sql(OLD_ENQUIRY_ROW.replace("'')", "'', NULL, NULL)"))
    upgrade(eng)
    with Session(eng, future=True) as s:
        assert s.execute(select(Enquiry.reference, Enquiry.kind)).all() == [
            ("PW-AAAAAA", "handover")
        ]
    from alembic import command

    from storage.migrations import alembic_config

    command.downgrade(alembic_config(eng, Path(__file__).resolve().parents[2]
                                     / "enquiries" / "migrations"), "enquiries_0003")  # fmt: skip
    with eng.connect() as connection:
        assert connection.exec_driver_sql("SELECT reference FROM enquiry").all() == [
            ("PW-AAAAAA",)
        ]
    assert "kind" not in {c["name"] for c in inspect(eng).get_columns("enquiry")}
    eng.dispose()
