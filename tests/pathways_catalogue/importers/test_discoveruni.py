"""Discover Uni importer, on a York subset of the real tables (tests/data/discoveruni_york)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Dict, List, Optional

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.cli import main
from pathways_catalogue.contract import COLUMNS
from pathways_catalogue.importers.discoveruni import (
    course_level,
    load_hecos,
    normalise_website,
    parse_address,
    read_discoveruni,
    title_subject,
)
from pathways_catalogue.importers.folder import FolderReader, read_network
from pathways_catalogue.importers.records import CourseRecord, ImportProblems, NetworkRecord
from pathways_catalogue.models import Contact, Course, Institution, Network
from pathways_catalogue.service import import_record
from tests.conftest import TEST_DATA

YORK = TEST_DATA / "discoveruni_york"
ASKHAM, UOY, YORK_COLLEGE, YSJ, HYMS = "10000415", "10007167", "10007709", "10007713", "99999998"


@pytest.fixture(scope="module")
def record() -> NetworkRecord:
    return read_discoveruni(YORK, slug="york-he", name="York HE", region="York")


def course(record: NetworkRecord, code: str) -> CourseRecord:
    return next(c for c in record.courses if c.code == code)


def rewrite(path: Path, change: Dict[int, Dict[str, str]], drop: Optional[str] = None) -> None:
    """Edit a CSV in place: {data row index: {column: value}}, optionally dropping a column."""
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = [c for c in reader.fieldnames or [] if c != drop]
        rows = list(reader)
    for index, values in change.items():
        rows[index].update(values)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def york_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "york"
    shutil.copytree(YORK, folder)
    return folder


def test_askham_bryan_animal_bioscience(record: NetworkRecord) -> None:
    c = course(record, f"{ASKHAM}-BSAS3F")
    assert c.title == "BSc (Hons) Animal BioScience"
    assert (c.qualification, c.level, c.modes, c.town) == ("BSc", 6, ["full-time"], "York")
    assert c.institution == ASKHAM
    assert c.subject == "Animal science"  # HECoS 100523
    assert c.keywords == ["animal", "science"]
    assert "bsc animal bioscience" in c.aliases
    assert c.duration == "3 years full-time"
    assert c.url.startswith("https://www.askham-bryan.ac.uk/courses/")


def test_foundation_degrees_are_level_5(record: NetworkRecord) -> None:
    foundation = [c for c in record.courses if c.qualification in ("FdSc", "FD")]
    assert len(foundation) == 18  # 14 FdSc at Askham Bryan, 4 FD at York College
    assert {c.level for c in foundation} == {5}
    fdsc = course(record, f"{ASKHAM}-DFEASF")
    assert fdsc.title == "FdSc Animal Science with Management (including Foundation Year)"
    assert "foundation degree animal science with management" in fdsc.aliases
    assert fdsc.subject == course(record, f"{ASKHAM}-BSAS3F").subject  # same ladder


@pytest.mark.parametrize(
    ("code", "title", "level"),
    [
        (f"{HYMS}-UUBMEDSMED5~UBMEDSYRK5", "MBBS Medicine", 7),
        (f"{YSJ}-U1LLBLAWS", "LLB (Hons) Law", 6),
        (f"{YSJ}-U1LLLLAWI", "MLaw (Hons) Law", 7),
        (f"{YSJ}-U1BSPHSCI", "MSci (Hons) Physical Education and Sports Coaching", 7),
        # University of York rows have no aim code: the QUALIFICATION column is used
        (f"{UOY}-UUBARCSART3~UBARCSART3", "BA Archaeology", 6),
        (f"{UOY}-UUMCHESABD4~UMCHESABD4", "MChem Chemistry (with a year abroad)", 7),
        (f"{UOY}-UUMELESENG4~UMELESENG4", "MEng Engineering", 7),
    ],
)
def test_titles_and_levels(record: NetworkRecord, code: str, title: str, level: int) -> None:
    c = course(record, code)
    assert (c.title, c.level) == (title, level)


def test_mode_rows_merge_into_one_course(record: NetworkRecord) -> None:
    with (YORK / "york_courses.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 48
    assert len(record.courses) == len({(r["PUBUKPRN"], r["KISCOURSEID"]) for r in rows}) == 40
    assert course(record, f"{YORK_COLLEGE}-4T9B").modes == ["full-time", "part-time"]
    assert course(record, f"{YSJ}-U1BAACTGS").modes == ["full-time", "part-time"]
    assert course(record, f"{YORK_COLLEGE}-2A5T").modes == ["full-time"]
    assert len({c.code for c in record.courses}) == len(record.courses)


def test_course_towns_are_teaching_locations(record: NetworkRecord) -> None:
    assert course(record, f"{ASKHAM}-DFVNXF").town == "Gateshead, York"
    assert course(record, f"{YORK_COLLEGE}-F1M2").town == "Sim Balk Lane"
    assert course(record, f"{YSJ}-U1BSCOSCS").subject == "Computer Science"  # no HECoS: title


def test_institutions_and_contacts(record: NetworkRecord) -> None:
    by_code = {i.code: i for i in record.institutions}
    assert sorted(by_code) == sorted([ASKHAM, UOY, YORK_COLLEGE, YSJ, HYMS])
    askham = by_code[ASKHAM]
    assert (askham.name, askham.kind, askham.town, askham.postcode) == (
        "Askham Bryan College",
        "college",
        "York",
        "YO23 3FR",
    )
    # its main teaching site (York), not the first location row (Gateshead)
    assert (askham.latitude, askham.longitude) == (53.920958, -1.162255)
    assert askham.website == "https://www.askham-bryan.ac.uk"
    assert askham.ukprn == ASKHAM
    assert by_code[YSJ].kind == by_code[UOY].kind == by_code[HYMS].kind == "university"
    assert by_code[YORK_COLLEGE].website == "https://www.yorkcollege.ac.uk"
    phones = {c.institution: c.phone for c in record.contacts}
    assert phones[ASKHAM] == "01904 772277"
    assert len(record.contacts) == 5
    assert {c.role for c in record.contacts} == {"Admissions (from Discover Uni)"}
    assert {c.email for c in record.contacts} == {""}


def test_ukprn_filter(york_copy: Path) -> None:
    record = read_discoveruni(york_copy, ukprns=[YORK_COLLEGE])
    assert [i.code for i in record.institutions] == [YORK_COLLEGE]
    assert len(record.courses) == 8
    assert {c.institution for c in record.courses} == {YORK_COLLEGE}
    with pytest.raises(ImportProblems) as err:
        read_discoveruni(york_copy, ukprns=["10099999"])
    assert any("10099999" in p.message for p in err.value.problems)


def write_folder(record: NetworkRecord, folder: Path) -> None:
    """Write a record as a network folder (the import contract)."""
    folder.mkdir()
    (folder / "network.yml").write_text(f"id: {record.slug}\nname: {record.name}\n")
    tables: Dict[str, List[Dict[str, object]]] = {
        "institutions.csv": [{"id": i.code, **vars(i)} for i in record.institutions],
        "courses.csv": [
            {**vars(c), "id": c.code, "institution_id": c.institution} for c in record.courses
        ],
        "progressions.csv": [],
        "contacts.csv": [
            {**vars(c), "id": c.code, "institution_id": c.institution} for c in record.contacts
        ],
    }
    for name, rows in tables.items():
        required, optional = COLUMNS[name]
        with (folder / name).open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, [*required, *optional], extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {
                        k: ";".join(v) if isinstance(v, list) else ("" if v is None else v)
                        for k, v in row.items()
                    }
                )


def test_output_passes_the_network_folder_rules(record: NetworkRecord, tmp_path: Path) -> None:
    write_folder(record, tmp_path / "york-he")
    again = read_network(tmp_path / "york-he")  # raises ImportProblems on any rule broken
    assert len(again.courses) == len(record.courses)
    assert [c.level for c in again.courses] == [c.level for c in record.courses]


def test_import_into_database(engine: Engine, record: NetworkRecord) -> None:
    import_record(engine, record)
    with Session(engine, future=True) as session:
        c = session.execute(select(Course).where(Course.code == f"{ASKHAM}-BSAS3F")).scalar_one()
        assert (c.title, c.level, c.town, c.modes) == (
            "BSc (Hons) Animal BioScience",
            6,
            "York",
            "full-time",
        )
        assert c.institution.name == "Askham Bryan College"
        assert c.subject_key == "animal science"
        levels = dict(
            session.execute(select(Course.level, func.count()).group_by(Course.level)).all()
        )
        assert levels == {5: 18, 6: 14, 7: 8}
        assert session.execute(select(func.count()).select_from(Contact)).scalar_one() == 5


def counts(engine: Engine) -> List[int]:
    with Session(engine, future=True) as session:
        return [
            session.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Network, Institution, Course, Contact)
        ]


def test_missing_column_is_reported_and_nothing_imported(
    engine: Engine, york_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(engine.url)
    assert main(["--db", db, "import-discoveruni", str(YORK), "--slug", "york-he"]) == 0
    before = counts(engine)
    rewrite(york_copy / "york_courses.csv", {}, drop="KISAIMCODE")
    with pytest.raises(ImportProblems) as err:
        read_discoveruni(york_copy)
    [problem] = err.value.problems
    assert (problem.file, problem.line, problem.column) == ("york_courses.csv", 1, "KISAIMCODE")
    assert main(["--db", db, "import-discoveruni", str(york_copy), "--slug", "york-he"]) == 1
    assert "york_courses.csv:1: column 'KISAIMCODE'" in capsys.readouterr().err
    assert counts(engine) == before


def test_missing_file_is_reported(york_copy: Path) -> None:
    (york_copy / "KISAIM.csv").unlink()
    (york_copy / "york_locations.csv").unlink()
    with pytest.raises(ImportProblems) as err:
        read_discoveruni(york_copy)
    missing = {(p.file, p.message.split(" (")[0]) for p in err.value.problems if not p.line}
    assert ("KISAIM.csv", "file is missing") in missing
    assert ("LOCATION.csv", "file is missing") in missing  # names the accepted alternatives
    assert any("york_locations.csv" in p.message for p in err.value.problems)


def test_bad_rows_are_all_reported_with_line_and_column(york_copy: Path) -> None:
    rewrite(
        york_copy / "york_courses.csv",
        {0: {"KISAIMCODE": "999"}, 2: {"KISLEVEL": "09"}, 4: {"KISMODE": "07"}},
    )
    with pytest.raises(ImportProblems) as err:
        read_discoveruni(york_copy)
    found = {(p.file, p.line, p.column) for p in err.value.problems}
    assert found == {
        ("york_courses.csv", 2, "KISAIMCODE"),
        ("york_courses.csv", 4, "KISLEVEL"),
        ("york_courses.csv", 6, "KISMODE"),
    }


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportProblems):
        read_discoveruni(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("qualification", "title", "kislevel", "level"),
    [
        ("BSc", "Animal BioScience", "03", 6),
        ("BEng", "", "", 6),
        ("LLB", "", "", 6),
        ("BA/BSc", "", "", 6),
        ("MEng", "", "03", 7),
        ("MPhys", "", "", 7),
        ("MBChB", "Medicine", "03", 7),
        ("BVSc", "Veterinary Science", "03", 7),
        ("FdA", "", "04", 5),
        ("FDEng", "", "04", 5),
        ("HND", "", "04", 5),
        ("DipHE", "", "04", 5),
        ("HNC", "", "04", 4),
        ("CertHE", "", "04", 4),
        ("BA", "Business Management (Top-up)", "03", 6),
        ("FdSc", "Animal Science top-up", "04", 6),
        ("Diploma", "", "03", 6),
        ("Diploma", "", "04", None),
    ],
)
def test_course_level(
    qualification: str, title: str, kislevel: str, level: Optional[int]
) -> None:
    assert course_level(qualification, title, kislevel) == level


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("Agriculture (including Foundation year)", "Agriculture"),
        ("Physical Education & Sports Coaching", "Physical Education and Sports Coaching"),
        ("Cyber Security with a year in industry", "Cyber Security"),
        ("Marketing with Placement Year", "Marketing"),
        ("Medicine with a Gateway Year", "Medicine"),
        ("Chemistry (with a year abroad)", "Chemistry"),
        ("BSc (Hons) Computing", "Computing"),
        ("Computer Science with Cyber Security", "Computer Science with Cyber Security"),
    ],
)
def test_title_subject(title: str, subject: str) -> None:
    assert title_subject(title, "BSc") == subject


def test_address_and_website() -> None:
    assert parse_address("Wootton Road, Abingdon, Oxfordshire, OX14 1GG") == (
        "Abingdon",
        "OX14 1GG",
    )
    assert parse_address("Cone Ripman House, 14 Bath Road, Chiswick , London, W4 1LY") == (
        "London",
        "W4 1LY",
    )
    assert parse_address("13-15, Parkwood Road, Bournemouth, BH5 2DF") == ("Bournemouth", "BH5 2DF")
    assert parse_address("") == ("", "")
    assert normalise_website("www.york.ac.uk") == "https://www.york.ac.uk"
    assert normalise_website("http://www.yusu.org/") == "https://www.yusu.org"
    assert normalise_website("https://a.ac.uk/courses/") == "https://a.ac.uk/courses/"


def test_hecos_nested_too_deeply_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "hecos.json"
    path.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    reader = FolderReader(tmp_path)
    assert load_hecos(path, reader) == {}
    assert [str(p) for p in reader.problems] == ["hecos.json:1: invalid JSON: nested too deeply"]


def test_hecos_cut_short_names_its_last_line(tmp_path: Path) -> None:
    path = tmp_path / "hecos.json"
    path.write_text('[\n {"code": "100001", "term": "Engineering"},\n', encoding="utf-8")
    reader = FolderReader(tmp_path)
    assert load_hecos(path, reader) == {}
    assert [str(p) for p in reader.problems] == [
        "hecos.json:2: invalid JSON: the file ends too early"
    ]


def test_a_huge_cell_is_quoted_short(york_copy: Path) -> None:
    rewrite(york_copy / "york_courses.csv", {0: {"PUBUKPRN": "3" * 5000}})
    with pytest.raises(ImportProblems) as err:
        read_discoveruni(york_copy)
    [problem] = [p for p in err.value.problems if p.column == "PUBUKPRN"]
    assert problem.message == "unknown provider '" + "3" * 60 + "...'"
