"""The catalogue command line, run in-process against a temporary database."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pathways_catalogue.cli import main
from tests.conftest import TEST_DATA

MINI = TEST_DATA / "networks" / "mini"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", url, "import", str(MINI)]) == 0
    return url


def test_validate_ok_and_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MINI)]) == 0
    assert "OK: 3 institutions, 6 courses, 4 agreements, 2 contacts" in capsys.readouterr().out
    bad = tmp_path / "bad"
    shutil.copytree(MINI, bad)
    (bad / "courses.csv").write_text(
        (MINI / "courses.csv").read_text().replace(",3,Engineering", ",three,Engineering", 1)
    )
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "courses.csv:2: column 'level': level 'three'" in err
    assert "nothing was imported" in err


def test_import_bad_folder_changes_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "mini"
    shutil.copytree(MINI, bad)
    (bad / "network.yml").write_text("region: nowhere\n")
    assert main(["--db", db, "import", str(bad)]) == 1
    capsys.readouterr()
    assert main(["--db", db, "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["networks"][0]["name"] == "Mini Test Network (fictional)"


def test_routes_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "routes", "--from-course", "e-eng-l3", "--interest", "robots",
                 "--json"]) == 0  # fmt: skip
    routes = json.loads(capsys.readouterr().out)
    assert routes[0]["steps"][0]["course_id"] == "m-eng-fd"
    assert routes[0]["contact"]["email"] == "ann@example.ac.uk"
    assert isinstance(routes[0]["score"], float) and routes[0]["why"]


def test_routes_by_level_and_subject_text(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "routes", "--level", "3", "--subject", "engineering",
                 "--mode", "part-time"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "L4 Pearson BTEC Higher National Certificate in Engineering" in out
    assert "no-formal-agreement" in out


def test_routes_errors(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "routes", "--from-course", "zzz"]) == 1
    assert "no course with id 'zzz'" in capsys.readouterr().err
    assert main(["--db", db, "routes"]) == 2


def test_courses_search(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "courses", "search", "hnc enginering", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["course_id"] == "m-eng-hnc"


def test_gaps_json_and_text(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "gaps", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["network"] == "mini"
    assert [d["course_id"] for d in report["dead_ends"]] == ["e-car-l3"]
    assert {"course_id", "title", "institution", "level"} <= set(report["dead_ends"][0])
    assert report["dead_ends"][0]["institution"] == "East Test College"
    assert main(["--db", db, "gaps", "--network", "mini"]) == 0
    text = capsys.readouterr().out
    assert "Dead ends: 1" in text and "L3 e-car-l3" in text
    assert main(["--db", db, "gaps", "--network", "nowhere"]) == 1
    assert "no network 'nowhere'" in capsys.readouterr().err
