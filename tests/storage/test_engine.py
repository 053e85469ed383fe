"""The shared engine: SQLite files get their folder, foreign keys and WAL mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import database_url, make_engine
from storage.engine import DEFAULT_DB_PATH


def test_a_sqlite_file_gets_its_folder_and_pragmas(tmp_path: Path) -> None:
    eng = make_engine(f"sqlite:///{tmp_path / 'sub' / 'x.db'}")
    with eng.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert (tmp_path / "sub" / "x.db").exists()
    eng.dispose()


def test_the_url_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGUE_URL", "postgresql+psycopg2://u:p@db/pathways")
    assert database_url() == "postgresql+psycopg2://u:p@db/pathways"
    monkeypatch.delenv("CATALOGUE_URL")
    assert database_url() == f"sqlite:///{DEFAULT_DB_PATH}"


def test_the_migration_config_never_holds_the_password() -> None:
    from storage.migrations import alembic_config

    eng = make_engine("postgresql+psycopg2://learner:p%40ss%25word@127.0.0.1:1/pathways")
    config = alembic_config(eng, Path("unused"))  # a "%" in it used to raise, showing it
    shown = config.get_main_option("sqlalchemy.url") or ""
    assert "p%40ss" not in shown and "p@ss" not in shown and "***" in shown
    eng.dispose()
