"""Fuzz the Ofqual gazetteer importer: every file imports, or is rejected cleanly.

Each example mutates a small real export (the JSON title list or a Register CSV):
odd items, lone-surrogate escapes, deep nesting, truncation, stray bytes and quotes,
BOMs, latin-1. The property, as for network folders: the import succeeds and the
gazetteer holds the file's titles, or it raises :class:`ImportProblems` naming the
file, a line in it and a one-line message, with the database row for row unchanged.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator, List

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from sqlalchemy.engine import Engine

from pathways_catalogue.db import make_engine
from pathways_catalogue.importers.ofqual import import_ofqual, parse_ofqual
from pathways_catalogue.importers.records import ImportProblems
from pathways_catalogue.models import Qualification
from tests.conftest import TEST_DATA, migrate
from tests.pathways_catalogue.importers.test_folder_fuzz import (
    FUZZ,
    MAX_PROBLEM_CHARS,
    ODD_VALUES,
    Dump,
    dump,
)

TITLES = TEST_DATA / "ofqual" / "all_qualification_titles.json"
PEARSON = TEST_DATA / "ofqual" / "pearson_qualifications.csv"

ITEMS = st.one_of(
    st.builds(lambda t: {"text": t}, st.one_of(ODD_VALUES, st.text(max_size=30))),
    st.sampled_from([None, 3, [], "title", {"title": "x"}, {"text": None}, {"text": ["a"]}]),
)


@st.composite
def json_files(draw: st.DrawFn) -> bytes:
    """A title list: real items and odd ones, then perhaps a raw text mutation."""
    items = json.loads(TITLES.read_text(encoding="utf-8"))[:5]
    items += draw(st.lists(ITEMS, max_size=4))
    text = json.dumps(items, indent=draw(st.sampled_from([None, 1])), ensure_ascii=False)
    change = draw(st.integers(0, 6))
    if change == 1:
        text = text.replace('"text": "', '"text": "\\ud800', 1)  # a lone surrogate escape
    elif change == 2:
        text = "[" * 5000 + text + "]" * 5000
    elif change == 3:
        text = text[: draw(st.integers(0, len(text)))]
    elif change == 4:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["{", "]", ",", '"', "NaN", "\n"])) + text[at:]
    data = text.encode("utf-8", "surrogatepass")
    return _bytes(draw, data)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A Register CSV cut to a few rows, then perhaps mutated."""
    lines = PEARSON.read_text(encoding="utf-8-sig").splitlines(keepends=True)[:6]
    text = "".join(lines)
    change = draw(st.integers(0, 4))
    if change == 1:
        text = text.replace("Qualification Level", "Level", 1)
    elif change == 2:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(ODD_VALUES) + text[at:]
    elif change == 3:
        text = text[: draw(st.integers(0, len(text)))]
    return _bytes(draw, text.encode("utf-8", "surrogatepass"))


def rows_of(rows: Dump) -> List[Any]:
    """The gazetteer rows of a dump, with their column names."""
    names = [c.name for c in Qualification.__table__.columns]
    return [SimpleNamespace(**dict(zip(names, row, strict=True))) for row in rows["qualification"]]


def _bytes(draw: st.DrawFn, data: bytes) -> bytes:
    change = draw(st.integers(0, 5))
    if change == 1:
        return b"\xef\xbb\xbf" + data
    if change == 2:
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.sampled_from([b"\xe9", b"\x00", b"\xed\xa0\x80"])) + data[at:]
    return data


@pytest.fixture(scope="module")
def gazetteer_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database whose gazetteer holds the Pearson titles."""
    eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('ofqual-fuzz') / 'catalogue.db'}")
    migrate(eng)
    import_ofqual(eng, [PEARSON])
    yield eng
    eng.dispose()


@FUZZ
@given(
    kind_and_data=st.one_of(
        st.tuples(st.just("titles.json"), json_files()),
        st.tuples(st.just("register.csv"), csv_files()),
    )
)
def test_every_ofqual_file_imports_or_is_rejected_cleanly(
    gazetteer_engine: Engine, kind_and_data: tuple
) -> None:
    name, data = kind_and_data
    before = dump(gazetteer_engine)
    root = Path(tempfile.mkdtemp(prefix="ofqual-fuzz-"))
    try:
        path = root / name
        path.write_bytes(data)
        try:
            import_ofqual(gazetteer_engine, [path])
        except ImportProblems as err:
            event(f"{name}: rejected")
            assert err.problems
            lines = len(data.splitlines()) or 1
            for problem in err.problems:
                text = str(problem)
                text.encode("utf-8")
                assert "\n" not in text and len(text) <= MAX_PROBLEM_CHARS, text
                assert problem.file == name and problem.message.strip(), text
                assert 1 <= problem.line <= lines, f"{text} (the file has {lines} lines)"
            assert dump(gazetteer_engine) == before, "a rejected import changed the database"
            return
        event(f"{name}: imported")
        held = {(r.title, r.awarding_body) for r in rows_of(before) if r.source != name}
        expected = [r for r in parse_ofqual(path) if (r.title, r.awarding_body) not in held]
        after = dump(gazetteer_engine)
        assert sum(1 for r in rows_of(after) if r.source == name) == len(expected)
        assert [r for r in rows_of(after) if r.source != name] == [
            r for r in rows_of(before) if r.source != name
        ]
    finally:
        shutil.rmtree(root)
