"""Schema: the insights' own migrations match their models; the CLI migrates and refreshes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from insights.__main__ import main
from insights.db import VERSION_TABLE, upgrade
from insights.models import Base
from storage import make_engine
from tests.conftest import schema_diff
from tests.insights.conftest import Tracker, start, user


def test_a_fresh_database_gets_only_the_insights_tables(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    upgrade(engine)
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) == {
        "insights_weekly", "insights_conversation", "insights_progress", VERSION_TABLE
    }
    assert schema_diff(engine, Base.metadata, VERSION_TABLE, ignored=()) == []
    engine.dispose()


def test_the_cli_refreshes_twice_without_counting_twice(
    tmp_path: Path, tracker: Tracker, capsys: pytest.CaptureFixture
) -> None:
    tracker.add("rest:a", [*start(), user()])
    args = ["--db", f"sqlite:///{tmp_path / 'cli.db'}", "--tracker-db", str(tracker.engine.url)]
    assert main([*args, "refresh"]) == 0
    assert "read 4 event(s), recounted 1 conversation(s)" in capsys.readouterr().out
    assert main([*args, "refresh"]) == 0
    assert "read 0 event(s), recounted 0 conversation(s)" in capsys.readouterr().out
