"""The tracker store opens where it is told, creates its folder, and refuses to start otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.tracker_store import CheckedSQLTrackerStore, TrackerStoreUnavailable, tracker_url


def test_creates_the_folder_of_a_new_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "not" / "there" / "tracker.db"
    store = CheckedSQLTrackerStore(url=f"sqlite:///{path}")
    assert path.exists()
    store.engine.dispose()


def test_the_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'env' / 'tracker.db'}"
    monkeypatch.setenv("TRACKER_STORE_URL", url)
    assert tracker_url() == url
    store = CheckedSQLTrackerStore()
    assert str(store.engine.url) == url
    store.engine.dispose()


def test_the_default_is_var_tracker_db_in_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    assert tracker_url().endswith("/var/tracker.db")


def test_a_folder_that_cannot_be_created_stops_the_store(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(TrackerStoreUnavailable, match="cannot create the folder"):
        CheckedSQLTrackerStore(url=f"sqlite:///{blocker / 'tracker.db'}")


def test_a_database_that_cannot_be_reached_stops_the_store_without_its_password() -> None:
    with pytest.raises(TrackerStoreUnavailable) as info:
        CheckedSQLTrackerStore(url="postgresql+psycopg2://learner:s3cret@127.0.0.1:1/tracker")
    assert "s3cret" not in str(info.value)
    assert "cannot be used" in str(info.value)

