"""Fuzz the Discover Uni importer: every folder of tables imports, or is rejected cleanly.

Each example mutates the York subset of the Discover Uni tables with the generic table
and byte mutations of ``test_folder_fuzz`` (and sometimes breaks the HECoS JSON), then
reads it and writes it into a database that already holds the mini network. The
property is the one for network folders: it imports and reads back whole, or raises
:class:`ImportProblems` naming a file of the folder, a line in it and a one-line
message, with the database row for row unchanged.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path
from typing import Dict, Iterator

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from pathways_catalogue.db import make_engine
from pathways_catalogue.importers.discoveruni import read_discoveruni
from pathways_catalogue.importers.records import ImportProblems
from pathways_catalogue.service import import_folder, import_record
from tests.conftest import TEST_DATA, migrate
from tests.pathways_catalogue.importers.test_folder_fuzz import (
    BYTE_OPS,
    FUZZ,
    GENERIC_OPS,
    MAX_PROBLEM_CHARS,
    MINI,
    Folder,
    Table,
    csv_text,
    dump,
    read_back_counts,
)

YORK = TEST_DATA / "discoveruni_york"
HECOS = "hecos_terms_definitions.json"
SLUG = "york-he"


def load_york() -> Folder:
    """The York tables."""
    tables: Dict[str, Table] = {}
    for path in sorted(YORK.glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        tables[path.name] = (rows[0], rows[1:])
    return Folder(tables, "")


@st.composite
def york_folders(draw: st.DrawFn) -> Dict[str, bytes]:
    """The bytes of each file of a mutated York folder (a missing file is left out)."""
    folder = load_york()
    for _ in range(draw(st.integers(0, 4))):
        draw(st.sampled_from(GENERIC_OPS))(draw, folder)
    files = {
        name: csv_text(table, "\n").encode("utf-8", "surrogatepass")
        for name, table in folder.tables.items()
    }
    files[HECOS] = (YORK / HECOS).read_bytes()
    for _ in range(draw(st.sampled_from([0, 0, 1]))):
        name = draw(st.sampled_from(sorted(files)))
        data = draw(st.sampled_from(BYTE_OPS))(draw, files[name])
        if data is None:
            del files[name]
        else:
            files[name] = data
    return files


@pytest.fixture(scope="module")
def york_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database holding the mini network."""
    eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('york-fuzz') / 'catalogue.db'}")
    migrate(eng)
    import_folder(eng, MINI)
    yield eng
    eng.dispose()


@FUZZ
@given(files=york_folders())
def test_every_discoveruni_folder_imports_or_is_rejected_cleanly(
    york_engine: Engine, files: Dict[str, bytes]
) -> None:
    before = dump(york_engine)
    root = Path(tempfile.mkdtemp(prefix="york-fuzz-"))
    try:
        for name, data in files.items():
            (root / name).write_bytes(data)
        try:
            record = read_discoveruni(root, slug=SLUG, name="York HE")
            import_record(york_engine, record)
        except ImportProblems as err:
            event(f"rejected, first problem in {err.problems[0].file}")
            assert err.problems
            for problem in err.problems:
                text = str(problem)
                text.encode("utf-8")
                assert "\n" not in text and len(text) <= MAX_PROBLEM_CHARS, text[:500]
                assert problem.message.strip(), text
                path = root / problem.file
                assert path.parent == root, text
                if problem.line == 0:
                    continue  # a missing file, or a provider asked for that no file lists
                lines = len(path.read_bytes().splitlines()) or 1
                assert 1 <= problem.line <= lines, f"{text} (the file has {lines} lines)"
            assert dump(york_engine) == before, "a rejected import changed the database"
            return
        event("imported")
        expected = tuple(
            len(x)
            for x in (record.institutions, record.courses, record.progressions, record.contacts)
        )
        assert read_back_counts(york_engine, SLUG) == expected
        after = dump(york_engine)
        assert after["qualification"] == before["qualification"]
        mini = [row for row in before["network"] if row[1] == "mini"]
        assert [row for row in after["network"] if row[1] == "mini"] == mini
    finally:
        shutil.rmtree(root)
