"""Fuzz the network folder importer: every input imports, or is rejected cleanly.

Each example starts from the mini network and applies a few mutations (columns
dropped, renamed, doubled or added; odd cell values; rows doubled or removed;
dangling references; cycles; empty, missing or header-only files; BOMs, latin-1
bytes, NULs, lone surrogates, stray quotes, truncation; YAML garbage). Then it
imports the folder into a real, migrated SQLite database that already holds two
networks. The property:

- the import succeeds and reads back with the same counts, other networks untouched; or
- it raises :class:`ImportProblems` whose every problem names a file of the folder,
  a line in that file and a short message, and the database is row for row unchanged.

Anything else (a traceback, a partial write) fails. ``HYPOTHESIS_PROFILE=long``
runs many more examples.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.contract import COLUMNS, NETWORK_FILE
from pathways_catalogue.db import make_engine
from pathways_catalogue.importers.records import ImportProblems, NetworkRecord
from pathways_catalogue.models import Base, Contact, Course, Institution, Network, Progression
from pathways_catalogue.service import import_folder
from tests.conftest import SECOND_NETWORK, TEST_DATA, migrate

MINI = TEST_DATA / "networks" / "mini"
CSV_FILES = tuple(COLUMNS)
FILES = (NETWORK_FILE, *CSV_FILES)
#: the longest problem text we call readable (a huge cell must not flood the terminal)
MAX_PROBLEM_CHARS = 400

EXAMPLES = {"long": 10_000}.get(os.environ.get("HYPOTHESIS_PROFILE", ""), 150)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

Table = Tuple[List[str], List[List[str]]]


@dataclass
class Folder:
    """A network folder being mutated: CSV tables, network.yml text, then raw bytes."""

    tables: Dict[str, Table]
    network_yml: str
    raw: Dict[str, Optional[bytes]] = field(default_factory=dict)

    def ids(self, name: str, column: str = "id") -> List[str]:
        """The values of ``column`` in table ``name`` (if it still has it)."""
        header, rows = self.tables.get(name, ([], []))
        if column not in header:
            return []
        i = header.index(column)
        return [row[i] for row in rows if i < len(row)]


def load_mini() -> Folder:
    """The mini network as tables."""
    tables: Dict[str, Table] = {}
    for name in CSV_FILES:
        rows = list(csv.reader(io.StringIO((MINI / name).read_text(encoding="utf-8"))))
        tables[name] = (rows[0], rows[1:])
    return Folder(tables, (MINI / NETWORK_FILE).read_text(encoding="utf-8"))


# -- strategies ----------------------------------------------------------------

ODD_VALUES = st.sampled_from(
    [
        "",
        " ",
        "three",
        "0",
        "9",
        "-1",
        "3.5",
        "nan",
        "inf",
        "1e400",
        "\uff13",  # a full-width 3
        "3" * 5000,
        "x" * 200_000,
        '"',
        'a "quoted" word',
        "a\nb",
        "a\r\nb",
        ";",
        ";;",
        "full-time;;weekends",
        "FULL-TIME",
        "College",
        "Guaranteed-Place",
        "\ufeffid",
        "\x00",
        "\ud800",
        "caf\u00e9",
        "\U0001f642",
        "=1+1",
        "  padded  ",
        "91",
        "-180.5",
        "a@b",
        "@.",
        "+44 (0)1632 960000",
        "nowhere",
    ]
)
CELL = st.one_of(ODD_VALUES, st.text(max_size=12))

YAML_TEXTS = st.sampled_from(
    [
        "",
        "   \n",
        "name: [unclosed\n",
        "- a\n- b\n",
        "just a string\n",
        "name: " + "[" * 3000 + "]" * 3000 + "\n",
        'name: "a\\ud800b"\n',
        'name: "tab\\0nul"\n',
        "name: !!python/object/apply:os.system [echo]\n",
        "name: x\n---\nname: y\n",
        "name: {a: 1}\n",
        "name: [a, b]\n",
        "name: 2020-01-01\n",
        "name: null\n",
        "name: 12\n",
        "name: yes\n",
        "a: &a [*a, *a]\nname: &n [*a, *a, *a]\n",
        "id: '!!!'\nname: X\n",
        "id: fenland_coast\nname: Takes over the other network\n",
        "? [a, b]\n: c\nname: X\n",
        "name: X\nname: Y\n",
        "name: X\n\tregion: tab\n",
        "name: '" + "n" * 5000 + "'\n",
        "\ufeffname: BOM twice\n",
    ]
)


@st.composite
def mutated_folders(draw: st.DrawFn) -> Folder:
    """The mini network after a few random mutations."""
    folder = load_mini()
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from([*TABLE_OPS, yaml_op]))
        op(draw, folder)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        name = draw(st.sampled_from(FILES))
        folder.raw.setdefault(name, encode(folder, name, draw))
        raw = folder.raw[name]
        if raw is not None:
            folder.raw[name] = draw(st.sampled_from(BYTE_OPS))(draw, raw)
        else:
            folder.raw[name] = None
    return folder


def _table(draw: st.DrawFn, folder: Folder) -> Tuple[str, List[str], List[List[str]]]:
    name = draw(st.sampled_from(sorted(folder.tables)))
    header, rows = folder.tables[name]
    return name, header, rows


def _row_index(draw: st.DrawFn, rows: List[List[str]]) -> Optional[int]:
    return draw(st.integers(0, len(rows) - 1)) if rows else None


def set_cell(draw: st.DrawFn, folder: Folder) -> None:
    """Put an odd value, or another file's id, into one cell."""
    _, header, rows = _table(draw, folder)
    i = _row_index(draw, rows)
    if i is None or not header:
        return
    column = draw(st.integers(0, len(header) - 1))
    ids = folder.ids("institutions.csv") + folder.ids("courses.csv") + ["ghost"]
    value = draw(st.one_of(CELL, st.sampled_from(ids)))
    rows[i] += [""] * (len(header) - len(rows[i]))
    rows[i][column] = value


FREE_TEXT = {
    "institutions.csv": ("name", "town", "postcode", "website", "ukprn"),
    "courses.csv": ("title", "qualification", "subject", "duration", "aliases", "keywords"),
    "progressions.csv": ("conditions",),
    "contacts.csv": ("name", "role", "subjects", "notes"),
}


def set_text(draw: st.DrawFn, folder: Folder) -> None:
    """Put any text (quotes, commas, newlines, any script) into a free-text cell."""
    name = draw(st.sampled_from(CSV_FILES))
    header, rows = folder.tables[name]
    i = _row_index(draw, rows)
    column = draw(st.sampled_from(FREE_TEXT[name]))
    if i is None or column not in header:
        return
    rows[i] += [""] * (len(header) - len(rows[i]))
    rows[i][header.index(column)] = draw(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
    )


def drop_column(draw: st.DrawFn, folder: Folder) -> None:
    """Remove a column (required or optional) from the header and every row."""
    _, header, rows = _table(draw, folder)
    if not header:
        return
    column = draw(st.integers(0, len(header) - 1))
    del header[column]
    for row in rows:
        if column < len(row):
            del row[column]


def rename_column(draw: st.DrawFn, folder: Folder) -> None:
    """Rename a header cell (case, spaces, BOM, nonsense)."""
    _, header, _ = _table(draw, folder)
    if not header:
        return
    column = draw(st.integers(0, len(header) - 1))
    old = header[column]
    header[column] = draw(
        st.sampled_from([old.upper(), f" {old} ", "\ufeff" + old, old + "_x", "", "id"])
    )


def add_column(draw: st.DrawFn, folder: Folder) -> None:
    """Add an extra column, or a second copy of one."""
    _, header, rows = _table(draw, folder)
    name = draw(st.one_of(st.sampled_from(header or ["x"]), st.text(max_size=8)))
    header.append(name)
    for row in rows:
        row.append(draw(CELL))


def widen_row(draw: st.DrawFn, folder: Folder) -> None:
    """Give a row more fields than the header."""
    _, header, rows = _table(draw, folder)
    i = _row_index(draw, rows)
    if i is not None:
        rows[i] = rows[i] + [""] * (len(header) - len(rows[i])) + [draw(CELL)]


def shorten_row(draw: st.DrawFn, folder: Folder) -> None:
    """Cut a row short."""
    _, _, rows = _table(draw, folder)
    i = _row_index(draw, rows)
    if i is not None:
        rows[i] = rows[i][: draw(st.integers(0, len(rows[i])))]


def duplicate_row(draw: st.DrawFn, folder: Folder) -> None:
    """Repeat a row (duplicate ids, duplicate agreements)."""
    _, _, rows = _table(draw, folder)
    i = _row_index(draw, rows)
    if i is not None:
        rows.insert(draw(st.integers(0, len(rows))), list(rows[i]))


def delete_rows(draw: st.DrawFn, folder: Folder) -> None:
    """Delete one row, or every row (header only)."""
    _, _, rows = _table(draw, folder)
    i = _row_index(draw, rows)
    if i is None:
        return
    if draw(st.booleans()):
        del rows[i]
    else:
        rows.clear()


def add_agreement(draw: st.DrawFn, folder: Folder) -> None:
    """Add an agreement between any two course ids (or an unknown one)."""
    courses = [*folder.ids("courses.csv"), "ghost-course"]
    header, rows = folder.tables["progressions.csv"]
    values = {
        "from_course_id": draw(st.sampled_from(courses)),
        "to_course_id": draw(st.sampled_from(courses)),
        "kind": draw(st.sampled_from(["guaranteed-place", "recognised-route", "promise"])),
        "conditions": draw(CELL),
    }
    rows.append([values.get(column, "") for column in header])


def add_cycle(draw: st.DrawFn, folder: Folder) -> None:
    """Add two or three courses at one level whose agreements form a ring."""
    header, rows = folder.tables["courses.csv"]
    size = draw(st.integers(2, 3))
    level = str(draw(st.integers(1, 8)))
    codes = [f"ring-{len(rows)}-{n}" for n in range(size)]
    for code in codes:
        values = {
            "id": code,
            "institution_id": "eastcol",
            "title": f"Ring course {code}",
            "qualification": "BTEC",
            "level": level,
            "subject": "Engineering",
            "modes": "full-time",
        }
        rows.append([values.get(column, "") for column in header])
    p_header, p_rows = folder.tables["progressions.csv"]
    for source, target in zip(codes, codes[1:] + codes[:1], strict=True):
        values = {"from_course_id": source, "to_course_id": target, "kind": "recognised-route"}
        p_rows.append([values.get(column, "") for column in p_header])


def yaml_op(draw: st.DrawFn, folder: Folder) -> None:
    """Replace network.yml with garbage, or set one of its fields to an odd value."""
    if draw(st.booleans()):
        folder.network_yml = draw(st.one_of(YAML_TEXTS, st.text(max_size=40)))
    else:
        key = draw(st.sampled_from(["name", "region", "id", "website", "other"]))
        value = draw(CELL)
        try:
            folder.network_yml += yaml.safe_dump({key: value}, allow_unicode=True)
        except yaml.YAMLError:
            folder.network_yml += f"{key}: {value}\n"


#: mutations of any CSV tables
GENERIC_OPS = [
    set_cell,
    set_cell,
    drop_column,
    rename_column,
    add_column,
    widen_row,
    shorten_row,
    duplicate_row,
    delete_rows,
]
#: mutations of a network folder's tables
TABLE_OPS = [set_text, set_text, *GENERIC_OPS, add_agreement, add_cycle]


def csv_text(table: Table, terminator: str) -> str:
    """RFC 4180 text of a table, quoting only where needed (NULs are written as they are)."""

    def cell(value: str) -> str:
        if any(c in value for c in ',"\r\n') or value != value.strip():
            return '"' + value.replace('"', '""') + '"'
        return value

    header, rows = table
    return "".join(",".join(cell(v) for v in row) + terminator for row in [header, *rows])


def encode(folder: Folder, name: str, draw: st.DrawFn) -> Optional[bytes]:
    """The bytes of one file (lone surrogates kept as their invalid UTF-8 bytes)."""
    if name == NETWORK_FILE:
        text = folder.network_yml
    else:
        text = csv_text(folder.tables[name], draw(st.sampled_from(["\n", "\r\n"])))
    return text.encode("utf-8", "surrogatepass")


def _insert(draw: st.DrawFn, raw: bytes, piece: bytes) -> bytes:
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + piece + raw[at:]


BYTE_OPS = [
    lambda draw, raw: b"\xef\xbb\xbf" + raw,
    lambda draw, raw: b"\xef\xbb\xbf\xef\xbb\xbf" + raw,
    lambda draw, raw: _insert(draw, raw, b"\xe9"),
    lambda draw, raw: _insert(draw, raw, b"\x00"),
    lambda draw, raw: _insert(draw, raw, b"\xed\xa0\x80"),
    lambda draw, raw: _insert(draw, raw, b'"'),
    lambda draw, raw: _insert(draw, raw, draw(st.binary(max_size=6))),
    lambda draw, raw: raw[: draw(st.integers(0, len(raw)))],
    lambda draw, raw: raw.decode("utf-8", "replace").encode("utf-16"),
    lambda draw, raw: b"",
    lambda draw, raw: b" \r\n\t\n",
    lambda draw, raw: None,  # the file is missing
]


# -- the database ----------------------------------------------------------------

Dump = Dict[str, List[Tuple[object, ...]]]


def dump(engine: Engine) -> Dump:
    """Every row of every catalogue table, in primary-key order."""
    with engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def network_dump(engine: Engine, slug: str) -> List[List[Tuple[object, ...]]]:
    """The rows of one network, table by table."""
    with engine.connect() as connection:
        network = connection.execute(select(Network.__table__).where(Network.slug == slug)).all()
        if not network:
            return []
        nid = network[0].id
        rows = [[tuple(r) for r in network]]
        for model in (Institution, Course, Progression, Contact):
            table = model.__table__
            query = select(table).where(table.c.network_id == nid).order_by(table.c.id)
            rows.append([tuple(r) for r in connection.execute(query)])
        return rows


def read_back_counts(engine: Engine, slug: str) -> Tuple[int, ...]:
    """How many institutions, courses, agreements and contacts network ``slug`` holds."""
    with Session(engine, future=True) as session:
        network = session.execute(select(Network).where(Network.slug == slug)).scalar_one()
        return tuple(
            len(session.execute(select(m.id).where(m.network_id == network.id)).all())
            for m in (Institution, Course, Progression, Contact)
        )


@pytest.fixture(scope="module")
def loaded_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database holding the mini network and another one."""
    path = tmp_path_factory.mktemp("fuzz") / "catalogue.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate(eng)
    import_folder(eng, MINI)
    import_folder(eng, SECOND_NETWORK)
    yield eng
    eng.dispose()


def write_folder(folder: Folder, root: Path) -> Path:
    """Write ``folder`` as ``root/mini`` (its name gives the slug when network.yml has no id)."""
    target = root / "mini"
    target.mkdir()
    for name in FILES:
        data = folder.raw[name] if name in folder.raw else encode_plain(folder, name)
        if data is not None:
            (target / name).write_bytes(data)
    return target


def encode_plain(folder: Folder, name: str) -> bytes:
    """The bytes of a file no byte mutation touched."""
    if name == NETWORK_FILE:
        return folder.network_yml.encode("utf-8", "surrogatepass")
    return csv_text(folder.tables[name], "\n").encode("utf-8", "surrogatepass")


# -- the property ------------------------------------------------------------------


def check_rejection(err: ImportProblems, target: Path) -> None:
    """Every problem names a file of the folder, a line in it and what is wrong."""
    assert err.problems, "ImportProblems without a problem"
    for problem in err.problems:
        text = str(problem)
        assert problem.file in FILES, text
        assert problem.message.strip(), text
        assert len(text) <= MAX_PROBLEM_CHARS, f"problem text is {len(text)} chars: {text[:200]}"
        text.encode("utf-8")  # printable: no lone surrogates
        assert "\n" not in text, f"problem text runs over several lines: {text[:200]}"
        path = target / problem.file
        if problem.line == 0:
            assert problem.message == "file is missing", text
            assert not path.is_file()
            continue
        lines = len(path.read_bytes().splitlines()) or 1
        assert 1 <= problem.line <= lines, f"{text} (the file has {lines} lines)"
        if problem.column and problem.file != NETWORK_FILE:
            required, optional = COLUMNS[problem.file]
            # the header cell as the file has it (a "\r" inside quotes stays a "\r")
            raw = path.read_bytes().decode("utf-8-sig", errors="replace")
            assert problem.column in (*required, *optional) or problem.column in raw, text


def check_import(record: NetworkRecord, engine: Engine, before: Dump) -> None:
    """A successful import reads back whole; other networks and the gazetteer are untouched."""
    expected = tuple(
        len(x) for x in (record.institutions, record.courses, record.progressions, record.contacts)
    )
    assert read_back_counts(engine, record.slug) == expected
    after = dump(engine)
    assert after["qualification"] == before["qualification"]
    old_slugs = {row[1] for row in before["network"]} - {record.slug}
    assert old_slugs <= {row[1] for row in after["network"]}


@FUZZ
@given(folder=mutated_folders())
def test_every_folder_imports_or_is_rejected_cleanly(loaded_engine: Engine, folder: Folder) -> None:
    before = dump(loaded_engine)
    others = {row[1]: network_dump(loaded_engine, str(row[1])) for row in before["network"]}
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        target = write_folder(folder, root)
        try:
            record = import_folder(loaded_engine, target)
        except ImportProblems as err:
            event(f"rejected, first problem in {err.problems[0].file}")
            check_rejection(err, target)
            assert dump(loaded_engine) == before, "a rejected import changed the database"
            return
        event("imported")
        check_import(record, loaded_engine, before)
        for slug, rows in others.items():
            if slug != record.slug:
                assert network_dump(loaded_engine, str(slug)) == rows, f"{slug} changed"
    finally:
        shutil.rmtree(root)
