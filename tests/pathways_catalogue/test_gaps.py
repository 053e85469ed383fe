"""The gaps report on a network built for it, and dead ends on every shipped network."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Dict, Iterator, List, Set

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue import gaps
from pathways_catalogue.queries import CatalogueError
from pathways_catalogue.service import import_folder
from pathways_catalogue.settings import DEMO_NETWORK, PROJECT_ROOT
from tests.conftest import TEST_DATA

EVALUATION = PROJECT_ROOT / "evaluation" / "networks"
SHIPPED = sorted(p for p in EVALUATION.iterdir() if (p / "courses.csv").exists())

INSTITUTIONS = [
    ("col", "Gap Test College", "college"),
    ("uni", "University of Gapshire", "university"),
]
#: id, institution, level, subject
COURSES = [
    ("col-eng-l2", "col", 2, "Engineering"),
    ("col-eng-l3", "col", 3, "Engineering"),
    ("col-eng-hnc", "col", 4, "Engineering"),
    ("col-eng-hnd", "col", 5, "Engineering"),
    ("col-eng-extra", "col", 4, "Engineering"),
    ("uni-eng-beng", "uni", 6, "Engineering"),
    ("col-art-l3", "col", 3, "Art"),
    ("col-art-fd", "col", 5, "Art"),
    ("col-care-l3", "col", 3, "Care"),
    ("uni-care-bsc", "uni", 6, "Care"),
    ("col-sci-l3", "col", 3, "Science"),
    ("uni-sci-bsc", "uni", 6, "Science"),
    ("uni-law-llb", "uni", 6, "Law"),
]
#: from, to, conditions
AGREEMENTS = [
    ("col-eng-l2", "col-eng-l3", "Pass with Merit"),
    ("col-eng-l3", "col-eng-hnc", "Pass with at least MPP overall"),
    ("col-eng-hnc", "col-eng-hnd", "Pass the HNC; you join the second year of the HND"),
    ("col-eng-hnd", "uni-eng-beng", "Pass the HND with Merit overall"),
    ("col-art-l3", "col-art-fd", ""),
    # science leads into engineering, which reaches a degree: not a science route
    ("col-sci-l3", "col-eng-hnc", "Achieve DMM (112 UCAS points)"),
]


def _write(path: Path, header: List[str], rows: List[List[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def build_network(folder: Path) -> Path:
    """The purpose-built network ``gapland`` (every kind of gap, with known answers)."""
    folder.mkdir()
    (folder / "network.yml").write_text(
        'name: "Gapland (fictional)"\nregion: "Test"\ndescription: "Invented for the tests."\n'
    )
    _write(folder / "institutions.csv", ["id", "name", "kind", "town"],
           [[i, n, k, "York"] for i, n, k in INSTITUTIONS])  # fmt: skip
    _write(
        folder / "courses.csv",
        ["id", "institution_id", "title", "qualification", "level", "subject", "modes"],
        [[c, i, f"{s} at level {lv} ({c})", "Diploma", lv, s, "full-time"]
         for c, i, lv, s in COURSES],
    )  # fmt: skip
    _write(folder / "progressions.csv", ["from_course_id", "to_course_id", "kind", "conditions"],
           [[a, b, "guaranteed-place", why] for a, b, why in AGREEMENTS])  # fmt: skip
    # the college lists only an engineering contact; the university a general one
    _write(
        folder / "contacts.csv",
        ["id", "institution_id", "name", "email", "subjects"],
        [["c1", "col", "Eng Lead", "eng@col.example", "engineering"],
         ["c2", "uni", "Admissions", "ask@uni.example", ""]],
    )
    return folder


@pytest.fixture
def session(engine: Engine, tmp_path: Path) -> Iterator[Session]:
    import_folder(engine, build_network(tmp_path / "gapland"))
    with Session(engine, future=True) as s:
        yield s


def ids(found: List[gaps.CourseGap]) -> Set[str]:
    return {g.course_id for g in found}


def test_dead_ends(session: Session) -> None:
    found = gaps.dead_ends(session, "gapland")
    assert ids(found) == {"col-art-fd", "col-care-l3", "col-eng-extra"}
    first = next(g for g in found if g.course_id == "col-art-fd")
    assert (first.institution, first.institution_id, first.level) == ("Gap Test College", "col", 5)


def test_subjects_without_route(session: Session) -> None:
    found = {g.subject: g.detail for g in gaps.subjects_without_route(session, "gapland")}
    assert found == {
        "Art": "no course at level 6 or above in the network",
        "Care": "no chain of agreements from a level 3 course to level 6",
        "Science": "no chain of agreements from a level 3 course to level 6",
        "Law": "no level 3 course in the network",
    }


def test_without_top_up(session: Session) -> None:
    found = {g.course_id: g.detail for g in gaps.without_top_up(session, "gapland")}
    assert found == {
        "col-eng-hnc": "agreements reach level 5 at most",
        "col-eng-extra": "no agreement out of this course",
        "col-art-fd": "no agreement out of this course",
    }


def test_without_contact(session: Session) -> None:
    found = {(g.institution_id, g.subject, g.courses) for g in gaps.without_contact(session)}
    assert found == {("col", "Art", 2), ("col", "Care", 1), ("col", "Science", 1)}


def test_without_grade(session: Session) -> None:
    found = {(g.from_course_id, g.to_course_id) for g in gaps.without_grade(session, "gapland")}
    assert found == {("col-eng-hnc", "col-eng-hnd"), ("col-art-l3", "col-art-fd")}


def test_unreached_skips_each_subjects_entry_level(session: Session) -> None:
    found = {g.course_id: g.detail for g in gaps.unreached(session, "gapland")}
    assert found == {
        "col-eng-extra": "Engineering starts at level 2",
        "uni-care-bsc": "Care starts at level 3",
        "uni-sci-bsc": "Science starts at level 3",
    }


def test_report_json_rows_and_text(session: Session) -> None:
    report = gaps.gaps_report(session)
    data = json.loads(report.to_json())
    assert data["network"] == "gapland"
    assert data["counts"] == {
        "dead_ends": 3, "subjects_without_route": 4, "without_top_up": 3,
        "without_contact": 3, "without_grade": 2, "unreached": 3,
    }  # fmt: skip
    for row in data["dead_ends"]:
        assert {"course_id", "title", "institution", "level"} <= set(row)
    rows = report.rows()
    assert len(rows) == sum(data["counts"].values())
    assert all(tuple(r) == gaps.ROW_COLUMNS for r in rows)
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(kinds, key=list(gaps.KINDS).index)
    text = gaps.format_report(report)
    assert "Dead ends: 3" in text and "col-art-fd" in text
    assert "Institutions and subjects with no contact: 3" in text


def test_network_map_marks_dead_ends(session: Session) -> None:
    drawn = gaps.network_map(session, "gapland")
    assert len(drawn.courses) == len(COURSES)
    assert set(drawn.agreements) == {(a, b) for a, b, _ in AGREEMENTS}
    assert {c.course_id for c in drawn.courses if c.dead_end} == {
        "col-art-fd", "col-care-l3", "col-eng-extra",
    }  # fmt: skip


def test_network_must_be_named_when_several(engine: Engine, tmp_path: Path) -> None:
    import_folder(engine, build_network(tmp_path / "gapland"))
    import_folder(engine, TEST_DATA / "networks" / "mini")
    with Session(engine, future=True) as s:
        with pytest.raises(CatalogueError, match="several networks"):
            gaps.gaps_report(s)
        with pytest.raises(CatalogueError, match="no network 'nowhere'"):
            gaps.dead_ends(s, "nowhere")
        assert [slug for slug, _ in gaps.network_slugs(s)] == ["gapland", "mini"]
        assert ids(gaps.dead_ends(s, "mini")) == {"e-car-l3"}


def csv_dead_ends(folder: Path) -> Set[str]:
    """Dead ends read straight from the CSV files: below level 6, never a "from" course."""
    with (folder / "progressions.csv").open(newline="", encoding="utf-8") as f:
        leaving = {row["from_course_id"].strip() for row in csv.DictReader(f)}
    with (folder / "courses.csv").open(newline="", encoding="utf-8") as f:
        return {
            row["id"].strip() for row in csv.DictReader(f)
            if int(row["level"]) < 6 and row["id"].strip() not in leaving
        }  # fmt: skip


@pytest.mark.parametrize("folder", [*SHIPPED, DEMO_NETWORK], ids=lambda p: p.name)
def test_dead_ends_match_a_plain_reading_of_the_csv(engine: Engine, folder: Path) -> None:
    record = import_folder(engine, folder)
    expected = csv_dead_ends(folder)
    with Session(engine, future=True) as s:
        report = gaps.gaps_report(s, record.slug)
    found: Dict[str, gaps.CourseGap] = {g.course_id: g for g in report.dead_ends}
    assert set(found) == expected
    assert len(found) == len(report.dead_ends)
    assert all(g.level < 6 and g.title and g.institution for g in found.values())
