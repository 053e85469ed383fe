"""The network folder importer: one test per kind of bad input, and atomicity."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, List

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.importers.folder import read_network
from pathways_catalogue.importers.records import ImportProblems, Problem
from pathways_catalogue.models import Course, Network, Progression
from pathways_catalogue.service import import_folder
from tests.conftest import TEST_DATA

MINI = TEST_DATA / "networks" / "mini"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the mini network."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def problems_of(folder: Path) -> List[Problem]:
    with pytest.raises(ImportProblems) as info:
        read_network(folder)
    return info.value.problems


def test_mini_network_reads_cleanly() -> None:
    record = read_network(MINI)
    assert record.slug == "mini"
    assert record.name == "Mini Test Network (fictional)"
    assert len(record.courses) == 6
    eng = next(c for c in record.courses if c.code == "e-eng-l3")
    assert eng.level == 3
    assert eng.aliases == ["ext dip engineering", "L3 engineering"]
    assert eng.keywords == ["robotics", "electronics", "maintenance engineer"]
    assert record.contacts[1].subjects == []


Mutation = Callable[[Path], None]

BAD_INPUTS = [
    pytest.param(
        lambda f: append(
            f / "courses.csv",
            "e-eng-l3,eastcol,Another,BTEC,3,Engineering,full-time,,,,,,,",
        ),
        ("courses.csv", 8, "id", "duplicate id 'e-eng-l3' (first on line 2)"),
        id="duplicate-id",
    ),
    pytest.param(
        lambda f: edit(f / "courses.csv", "e-car-l3,eastcol,", "e-car-l3,nowhere,"),
        ("courses.csv", 3, "institution_id", "unknown institution 'nowhere'"),
        id="unknown-institution",
    ),
    pytest.param(
        lambda f: edit(f / "progressions.csv", "m-eng-fd,w-eng-beng", "m-eng-fd,w-missing"),
        ("progressions.csv", 4, "to_course_id", "unknown course 'w-missing'"),
        id="unknown-course-reference",
    ),
    pytest.param(
        lambda f: edit(
            f / "courses.csv", "BTEC Level 3 National Extended Diploma,3,", "BTEC L3,three,"
        ),
        ("courses.csv", 2, "level", "level 'three' must be a whole number 1..8"),
        id="level-three",
    ),
    pytest.param(
        lambda f: edit(
            f / "courses.csv", "full-time;part-time,,1 year", "full-time;weekends,,1 year"
        ),
        ("courses.csv", 3, "modes", "unknown mode 'weekends'"),
        id="unknown-mode",
    ),
    pytest.param(
        lambda f: edit(f / "progressions.csv", "guaranteed-interview", "promise"),
        ("progressions.csv", 2, "kind", "unknown kind 'promise'"),
        id="unknown-agreement-kind",
    ),
    pytest.param(
        lambda f: edit(
            f / "institutions.csv",
            "eastcol,East Test College,college",
            "eastcol,East Test College,school",
        ),
        ("institutions.csv", 2, "kind", "unknown kind 'school'"),
        id="unknown-institution-kind",
    ),
    pytest.param(
        lambda f: edit(f / "courses.csv", "id,institution_id,title,", "id,institution_id,name,"),
        ("courses.csv", 1, "title", "required column is missing from the header"),
        id="missing-column",
    ),
    pytest.param(
        lambda f: (f / "contacts.csv").write_bytes(b""),
        ("contacts.csv", 1, "", "file is empty"),
        id="empty-file",
    ),
    pytest.param(
        lambda f: (f / "institutions.csv").write_bytes(
            (MINI / "institutions.csv").read_bytes().replace(b"Selby", b"S\xe9lby")
        ),
        ("institutions.csv", 2, "", "file is not UTF-8"),
        id="not-utf8",
    ),
    pytest.param(
        lambda f: edit(f / "contacts.csv", ",01632 960001,", ",,"),
        ("contacts.csv", 3, "email", "contact has no email or phone"),
        id="contact-unreachable",
    ),
    pytest.param(
        lambda f: (f / "network.yml").write_text("region: Test Region\n", encoding="utf-8"),
        ("network.yml", 1, "name", "network.yml has no name"),
        id="network-without-name",
    ),
    pytest.param(
        lambda f: (f / "network.yml").write_text("name: [unclosed\n", encoding="utf-8"),
        ("network.yml", 1, "", "invalid YAML"),
        id="network-bad-yaml",
    ),
    # found by test_folder_fuzz.py: each of these was a traceback or a vague message
    pytest.param(
        lambda f: (f / "network.yml").write_text(
            "name: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8"
        ),
        ("network.yml", 1, "", "invalid YAML: nested too deeply"),
        id="network-yaml-nested-too-deeply",
    ),
    pytest.param(
        lambda f: (f / "network.yml").write_text('name: "Mini \\ud800"\n', encoding="utf-8"),
        ("network.yml", 1, "name", "contains a NUL or an invalid character"),
        id="network-yaml-lone-surrogate",
    ),
    pytest.param(
        lambda f: (f / "network.yml").write_text("region: R\nname: [a, b]\n", encoding="utf-8"),
        ("network.yml", 2, "name", "must be plain text, not a list"),
        id="network-yaml-name-is-a-list",
    ),
    pytest.param(
        lambda f: edit(
            f / "courses.csv",
            "BTEC Level 3 National Extended Diploma,3,",
            "BTEC,3" + "0" * 5000 + ",",
        ),
        ("courses.csv", 2, "level", "must be a whole number 1..8"),
        id="level-with-5000-digits",
    ),
    pytest.param(
        lambda f: edit(
            f / "courses.csv", "BTEC Level 3 National Extended Diploma,3,", "BTEC,\uff13,"
        ),
        ("courses.csv", 2, "level", "level '\uff13' must be a whole number 1..8"),
        id="level-full-width-digit",
    ),
    pytest.param(
        lambda f: (f / "progressions.csv").unlink(),
        ("progressions.csv", 0, "", "file is missing"),
        id="missing-file",
    ),
    pytest.param(
        lambda f: append(f / "progressions.csv", "w-eng-beng,m-eng-hnc,recognised-route,"),
        ("progressions.csv", 6, "to_course_id", "goes down from level 6 to level 4"),
        id="level-drop",
    ),
    pytest.param(
        lambda f: append(f / "progressions.csv", "e-eng-l3,e-eng-l3,recognised-route,"),
        ("progressions.csv", 6, "to_course_id", "a course cannot progress to itself"),
        id="self-loop",
    ),
    pytest.param(
        lambda f: append(f / "progressions.csv", "e-eng-l3,m-eng-hnc,guaranteed-place,"),
        ("progressions.csv", 6, "", "duplicate agreement (first on line 2)"),
        id="duplicate-agreement",
    ),
    pytest.param(
        lambda f: edit(f / "institutions.csv", "53.7836", "153.7836"),
        ("institutions.csv", 2, "latitude", "153.7836 is outside -90..90"),
        id="latitude-out-of-range",
    ),
    pytest.param(
        lambda f: edit(f / "contacts.csv", "ann@example.ac.uk", "ann at example"),
        ("contacts.csv", 2, "email", "'ann at example' is not an email address"),
        id="bad-email",
    ),
    pytest.param(
        lambda f: append(
            f / "courses.csv", "x1,eastcol,Extra,BTEC,3,Engineering,full-time,,,,,,,,,extra"
        ),
        ("courses.csv", 8, "", "row has 16 fields but the header has 14"),
        id="too-many-fields",
    ),
    pytest.param(
        lambda f: append(f / "courses.csv", 'x2,eastcol,"Unclosed,BTEC,3'),
        ("courses.csv", 8, "", "malformed CSV"),
        id="bad-quoting",
    ),
    pytest.param(
        lambda f: (f / "courses.csv").write_text(
            (MINI / "courses.csv").read_text().splitlines()[0] + "\n", encoding="utf-8"
        ),
        ("courses.csv", 1, "", "file has a header but no rows"),
        id="header-only",
    ),
]


@pytest.mark.parametrize("mutate, expected", BAD_INPUTS)
def test_bad_input_is_reported_with_file_line_and_column(
    folder: Path, mutate: Mutation, expected: tuple
) -> None:
    mutate(folder)
    file, line, column, message = expected
    found = problems_of(folder)
    assert any(
        p.file == file and p.line == line and p.column == column and message in p.message
        for p in found
    ), "\n".join(str(p) for p in found)


def test_every_problem_is_reported_not_just_the_first(folder: Path) -> None:
    edit(folder / "courses.csv", "BTEC Level 3 National Extended Diploma,3,", "BTEC,three,")
    edit(folder / "progressions.csv", "guaranteed-interview", "promise")
    edit(folder / "contacts.csv", ",01632 960001,", ",,")
    found = problems_of(folder)
    assert {p.file for p in found} == {"courses.csv", "progressions.csv", "contacts.csv"}


def test_cycle_is_reported(folder: Path) -> None:
    # a same-level cycle: levels never drop, but the agreements loop
    append(folder / "courses.csv", "x-a,eastcol,Course A,BTEC,3,Engineering,full-time,,,,,,,")
    append(folder / "courses.csv", "x-b,eastcol,Course B,BTEC,3,Engineering,full-time,,,,,,,")
    append(folder / "progressions.csv", "x-a,x-b,recognised-route,")
    append(folder / "progressions.csv", "x-b,x-a,recognised-route,")
    found = problems_of(folder)
    assert any("cycle: x-a -> x-b -> x-a" in p.message for p in found)


def test_problem_text_names_file_line_and_column() -> None:
    problem = Problem("courses.csv", 7, "level", "level 'three' must be a whole number 1..8")
    assert str(problem) == (
        "courses.csv:7: column 'level': level 'three' must be a whole number 1..8"
    )


def counts(engine: Engine) -> tuple:
    with Session(engine, future=True) as session:
        return tuple(
            session.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Network, Course, Progression)
        )


def test_bad_import_leaves_database_exactly_as_it_was(engine: Engine, folder: Path) -> None:
    import_folder(engine, MINI)
    before = counts(engine)
    edit(folder / "progressions.csv", "guaranteed-interview", "promise")
    with pytest.raises(ImportProblems):
        import_folder(engine, folder)
    assert counts(engine) == before == (1, 6, 4)


def test_reimport_replaces_network(engine: Engine, folder: Path) -> None:
    import_folder(engine, MINI)
    append(folder / "courses.csv", "x-new,eastcol,New Course,BTEC,3,Engineering,full-time,,,,,,,")
    import_folder(engine, folder)
    assert counts(engine) == (1, 7, 4)


def test_failure_while_writing_rolls_back(engine: Engine, folder: Path) -> None:
    """A database error half-way through an import keeps the old network intact."""
    import_folder(engine, MINI)
    record = read_network(folder)
    record.progressions.append(record.progressions[0])  # violates the unique constraint
    from pathways_catalogue.service import import_record

    with pytest.raises(Exception, match="UNIQUE"):
        import_record(engine, record)
    assert counts(engine) == (1, 6, 4)


def test_extra_columns_and_missing_optional_columns_are_allowed(folder: Path) -> None:
    edit(folder / "courses.csv", ",url\n", ",url,internal_note\n")
    text = (folder / "contacts.csv").read_text()
    (folder / "contacts.csv").write_text(
        "\n".join(line.rsplit(",", 1)[0] for line in text.splitlines()) + "\n"
    )  # drops the optional 'notes' column
    record = read_network(folder)
    assert record.contacts[0].notes == ""


def test_yaml_error_is_one_line_within_the_file(folder: Path) -> None:
    (folder / "network.yml").write_text('"name: unclosed\nregion: R\n', encoding="utf-8")
    [problem] = problems_of(folder)
    assert (problem.file, problem.line) == ("network.yml", 2)  # not line 3, past the end
    assert problem.message == (
        "invalid YAML: while scanning a quoted scalar, found unexpected end of stream"
    )


def test_a_huge_cell_is_quoted_short(folder: Path) -> None:
    edit(folder / "courses.csv", ",48,", "," + "4" * 100_000 + ",")
    [problem] = problems_of(folder)
    assert (problem.file, problem.line, problem.column) == ("courses.csv", 4, "ucas_points")
    assert len(str(problem)) < 200
    assert problem.message == "4" * 60 + "... is outside 0..1000"


def test_a_file_read_halfway_does_not_make_its_ids_unknown(folder: Path) -> None:
    edit(folder / "courses.csv", ",48,", "," + "4" * 200_000 + ",")  # over the csv field limit
    found = problems_of(folder)
    assert [str(p) for p in found] == [
        "courses.csv:4: malformed CSV: field larger than field limit (131072)"
    ]  # and no "unknown course 'm-eng-hnc'" for the courses after line 4
