"""Ofqual gazetteer importer, on small subsets of real Register exports (tests/data/ofqual)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Dict, Optional

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.cli import main
from pathways_catalogue.importers.ofqual import (
    import_ofqual,
    parse_ofqual,
    qualification_level,
    qualification_type,
)
from pathways_catalogue.importers.records import ImportProblems
from pathways_catalogue.models import Qualification
from tests.conftest import TEST_DATA

OFQUAL = TEST_DATA / "ofqual"
TITLES = OFQUAL / "all_qualification_titles.json"
PEARSON = OFQUAL / "pearson_qualifications.csv"
FULL = OFQUAL / "qualifications_full_fields_sample.csv"
ENGINEERING = "Pearson BTEC Level 3 National Extended Diploma in Engineering"


def by_source(engine: Engine) -> Dict[str, int]:
    with Session(engine, future=True) as session:
        query = select(Qualification.source, func.count()).group_by(Qualification.source)
        return {source: count for source, count in session.execute(query)}


@pytest.mark.parametrize(
    ("title", "level"),
    [
        (ENGINEERING, 3),
        ("AQA Level 1/Level 2 GCSE (9-1) in Biology", 2),
        ("ASDAN Level 1/2 Technical Award in Customer Service", 2),
        ("Level 1/Level 2", 2),  # a Register "Qualification Level" cell
        ("Entry Level", 0),  # Entry Level is 0: below Level 1, and None means unknown
        ("Ascentis Entry Level 3 Award in Mathematics", 0),  # Entry 3, not Level 3
        ("City & Guilds Functional Skills qualification in English at Entry 2", 0),
        ("OCR Entry 3/Level 1 Award in Mathematics", 1),
        ("NCFE Level 2 Diploma for Entry to the Uniformed Services", 2),
        ("SIAS L3 EPA Engineering Fitter", 3),
        ("CBAC Lefel 1/Lefel 2 TGAU mewn Cymraeg Ail laith (Peilot)", 2),
        ("AQA Advanced GCE in Music", 3),
        ("EDEXCEL Intermediate GNVQ in Science", 2),
        ("T Level Technical Qualification in Accounting (Level 3) (delivered by Pearson)", 3),
        ("Pearson BTEC Level 4 Higher National Certificate in Agriculture", 4),
        ("Pearson BTEC Higher National Diploma in Agriculture", 5),
        ("Plant Maintenance", None),
    ],
)
def test_qualification_level(title: str, level: Optional[int]) -> None:
    assert qualification_level(title) == level


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        (ENGINEERING, "Extended Diploma"),
        ("City & Guilds Level 3 Diploma in Plumbing", "Diploma"),
        ("Pearson BTEC Level 3 National Extended Certificate in IT", "Extended Certificate"),
        ("VTCT Level 2 Certificate in Hairdressing", "Certificate"),
        ("SFEDI Awards Level 1 Award in Enterprise", "Award"),  # not from "Awards"
        ("1st Awards Level 2 Baker End Point Assessment", "End Point Assessment"),
        ("AAT Level 2 End-Point Assessment for Accounts assistant", "End Point Assessment"),
        ("Pearson Edexcel Level 3 NVQ Diploma in Fabrication and Welding", "NVQ"),
        ("T Level Technical Qualification in Digital Production (Level 3)", "T Level"),
        ("AQA Level 1/Level 2 GCSE (9-1) in Biology", "GCSE"),
        ("Plant Maintenance", ""),
    ],
)
def test_qualification_type(title: str, kind: str) -> None:
    assert qualification_type(title) == kind


def test_parse_titles_json() -> None:
    rows = parse_ofqual(TITLES)
    assert len(rows) == 56  # 60 items, duplicate titles dropped
    assert len({r.title for r in rows}) == 56
    assert {r.source for r in rows} == {"all_qualification_titles.json"}
    found = {r.title: r for r in rows}
    eng = found[ENGINEERING]
    assert (eng.awarding_body, eng.level, eng.qualification_type, eng.subject) == (
        "Pearson",
        3,
        "Extended Diploma",
        "Engineering",
    )
    baker = found["1st Awards Level 2 Baker End Point Assessment"]
    assert (baker.awarding_body, baker.level, baker.qualification_type) == (
        "1st Awards",
        2,
        "End Point Assessment",
    )
    unsure = found["Lead Adult Care Worker"]
    assert (unsure.awarding_body, unsure.level) == ("", None)


def test_parse_pearson_csv() -> None:
    rows = parse_ofqual(PEARSON)  # starts with a UTF-8 BOM
    assert len(rows) == 40
    found = {r.title: r for r in rows}
    eng = found[ENGINEERING]
    assert (eng.awarding_body, eng.level, eng.qualification_type) == (
        "Pearson Education Ltd",
        3,
        "Extended Diploma",
    )
    # the level column wins: "Level 1/Level 2" -> 2, "Entry Level" -> 0
    assert found["Pearson Edexcel International GCSE in French"].level == 2
    assert found["EDEXCEL Entry Level Certificate in English"].level == 0
    # trailing spaces in the source title are dropped
    assert "Pearson BTEC Level 3 National Award in Media Production" in found
    # no type in the title: the Register's type is kept
    assert found["Pearson Edexcel Level 1 Key Skills in Improving Own Learning and Performance"]


def test_parse_full_export_takes_subject_from_ssa() -> None:
    rows = parse_ofqual(FULL)
    assert len(rows) == 10
    assert {r.subject for r in rows} == {"Warehousing and distribution"}
    assert rows[0].title == "EDEXCEL Level 1 NVQ in Warehousing and Storage"
    assert (rows[0].level, rows[0].qualification_type) == (1, "NVQ")


def test_import_is_idempotent_and_replaces_by_source(engine: Engine, tmp_path: Path) -> None:
    assert import_ofqual(engine, [TITLES, PEARSON, FULL]) == 56 + 40 + 10
    first = by_source(engine)
    assert import_ofqual(engine, [TITLES, PEARSON, FULL]) == 106
    assert import_ofqual(engine, [PEARSON]) == 106
    assert by_source(engine) == first
    # a newer, shorter export with the same file name replaces only its own rows
    newer = tmp_path / "all_qualification_titles.json"
    newer.write_text('[{"text": "NCFE Level 2 Certificate in Counselling Skills"}]')
    assert import_ofqual(engine, [newer]) == 1 + 40 + 10
    with Session(engine, future=True) as session:
        row = session.execute(
            select(Qualification).where(Qualification.source == newer.name)
        ).scalar_one()
        assert (row.awarding_body, row.level, row.qualification_type, row.subject) == (
            "NCFE",
            2,
            "Certificate",
            "Counselling Skills",
        )


def test_same_title_and_body_from_two_files_is_kept_once(engine: Engine, tmp_path: Path) -> None:
    copy = tmp_path / "pearson_copy.csv"
    shutil.copyfile(PEARSON, copy)
    assert import_ofqual(engine, [PEARSON, copy]) == 40
    assert by_source(engine) == {"pearson_qualifications.csv": 40}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_malformed_files_are_reported_and_nothing_changes(
    engine: Engine, tmp_path: Path
) -> None:
    import_ofqual(engine, [TITLES])
    before = by_source(engine)
    broken = write(
        tmp_path / "all_qualification_titles.json",
        '[\n {"text": "AQA Level 2 Certificate in Cooking"},\n {"text": "Oops"\n]',
    )
    no_level = write(
        tmp_path / "register.csv",
        "Qualification Title,Owner Organisation Name,Qualification Type\nA,B,C\n",
    )
    with pytest.raises(ImportProblems) as err:
        import_ofqual(engine, [broken, no_level, PEARSON])
    found = [(p.file, p.line, p.column) for p in err.value.problems]
    assert found == [
        ("all_qualification_titles.json", 4, ""),
        ("register.csv", 1, "Qualification Level"),
    ]
    assert "invalid JSON" in err.value.problems[0].message
    assert by_source(engine) == before


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("titles.json", '[\n {"text": "A"},\n {"title": "B"}\n]', ("titles.json", 3, "text")),
        ("titles.json", '{"610/3177/X": {}}', ("titles.json", 1, "")),
        ("titles.json", "", ("titles.json", 1, "")),
        ("titles.txt", "A title", ("titles.txt", 0, "")),
        ("missing.csv", None, ("missing.csv", 0, "")),
        # found by test_ofqual_fuzz.py: these crashed (RecursionError, UnicodeEncodeError),
        # or named the line after the last
        ("titles.json", '[\n {"text": "A"},\n', ("titles.json", 2, "")),
        ("titles.json", "[" * 5000 + "]" * 5000, ("titles.json", 1, "")),
        ("titles.json", '[\n {"text": "A"},\n {"text": "B\\ud800"}\n]', ("titles.json", 3, "text")),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: Optional[str], where: tuple) -> None:
    path = tmp_path / name
    if content is not None:
        write(path, content)
    with pytest.raises(ImportProblems) as err:
        parse_ofqual(path)
    assert [(p.file, p.line, p.column) for p in err.value.problems] == [where]


def test_not_utf8_is_reported_with_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "register.csv",
        "Qualification Title,Owner Organisation Name,Qualification Level,Qualification Type\n"
        "Level 2 Certificate in Caf\u00e9 Skills,NCFE,Level 2,QCF\n",
        encoding="latin-1",
    )
    with pytest.raises(ImportProblems) as err:
        parse_ofqual(path)
    [problem] = err.value.problems
    assert (problem.file, problem.line) == ("register.csv", 2)
    assert "not UTF-8" in problem.message


def test_cli_import_ofqual(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(engine.url), "import-ofqual", str(TITLES), str(PEARSON)]) == 0
    assert "gazetteer now holds 96 qualification titles" in capsys.readouterr().out
