"""The catalogue fingerprint changes exactly when the recognisable names change."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.fingerprint import catalogue_fingerprint, catalogue_version
from pathways_catalogue.service import import_folder
from tests.conftest import TEST_DATA


def fingerprint(engine: Engine) -> str:
    with Session(engine, future=True) as session:
        return catalogue_fingerprint(session)


def test_fingerprint_tracks_imports(engine: Engine, tmp_path: Path) -> None:
    empty = fingerprint(engine)
    import_folder(engine, TEST_DATA / "networks" / "mini")
    loaded = fingerprint(engine)
    assert loaded != empty
    import_folder(engine, TEST_DATA / "networks" / "mini")
    assert fingerprint(engine) == loaded, "re-importing the same folder changes nothing"
    changed = tmp_path / "mini"
    shutil.copytree(TEST_DATA / "networks" / "mini", changed)
    text = (changed / "courses.csv").read_text().replace("car mechanics", "car mechanic course")
    (changed / "courses.csv").write_text(text)
    import_folder(engine, changed)
    assert fingerprint(engine) != loaded


def test_the_version_changes_with_every_import_and_costs_two_queries(engine: Engine) -> None:
    with Session(engine, future=True) as session:
        empty = catalogue_version(session)
    import_folder(engine, TEST_DATA / "networks" / "mini")
    with Session(engine, future=True) as session:
        first = catalogue_version(session)
    import_folder(engine, TEST_DATA / "networks" / "mini")
    with Session(engine, future=True) as session:
        second = catalogue_version(session)
        assert catalogue_version(session) == second
    assert len({empty, first, second}) == 3
