"""The Ofqual index on disk: the same index back, rebuilt when anything it depends on changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List

import pytest

from pathways_catalogue.resolve import Gazetteer, ofqual_cache
from pathways_catalogue.resolve.course_index import CourseIndex

TITLES: List[List[Any]] = [
    ["BTEC Level 3 National Extended Diploma in Engineering", 3, "BTEC National", "Engineering"],
    ["Level 2 Diploma in Plumbing Studies", 2, "Diploma", "Building and Construction"],
    ["HNC in Mechatronics", 4, "Higher National Certificate", ""],
]


def test_the_stored_index_is_the_built_one() -> None:
    built = Gazetteer(qualifications=TITLES)._index.ofqual()
    again = ofqual_cache.from_json(json.loads(json.dumps(ofqual_cache.to_json(built))))
    assert again == built


def test_a_newer_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        ofqual_cache.from_json({"version": ofqual_cache.FORMAT_VERSION + 1})


def test_the_key_follows_the_titles_and_the_code(tmp_path: Path) -> None:
    code = tmp_path / "analyser.py"
    code.write_text("A = 1\n")
    first = ofqual_cache.key(TITLES, [code])
    assert ofqual_cache.key(TITLES, [code]) == first
    assert ofqual_cache.key(TITLES[:2], [code]) != first
    code.write_text("A = 2\n")
    assert ofqual_cache.key(TITLES, [code]) != first
    # by default: this package's modules, text.py and abbreviations.yml
    names = {path.name for path in ofqual_cache.sources()}
    assert {"course_index.py", "analyser.py", "text.py", "abbreviations.yml"} <= names


def test_warm_up_stores_then_reuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Gazetteer(qualifications=TITLES)
    first.warm_up(tmp_path)
    stored = list(tmp_path.glob("ofqual-index-*.json"))
    assert len(stored) == 1

    def not_again(self: CourseIndex) -> Any:
        if not self.has_ofqual:
            raise AssertionError("the stored index was not used")
        return self._ofqual

    second = Gazetteer(qualifications=TITLES)
    monkeypatch.setattr(CourseIndex, "ofqual", not_again)
    second.warm_up(tmp_path)
    assert second._index._ofqual == first._index._ofqual
    monkeypatch.undo()
    found = second.resolve_course("level 3 extended diploma in engineering")
    assert found and found[0].source == "gazetteer"


def test_other_titles_replace_the_stored_index(tmp_path: Path) -> None:
    Gazetteer(qualifications=TITLES).warm_up(tmp_path)
    Gazetteer(qualifications=TITLES[:1]).warm_up(tmp_path)
    (stored,) = tmp_path.glob("ofqual-index-*.json")
    assert stored == ofqual_cache.path(tmp_path, ofqual_cache.key(TITLES[:1]))


def test_an_unreadable_file_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = ofqual_cache.path(tmp_path, ofqual_cache.key(TITLES))
    path.write_text("{not json")
    gazetteer = Gazetteer(qualifications=TITLES)
    gazetteer.warm_up(tmp_path)
    assert "unreadable" in caplog.text
    assert json.loads(path.read_text())["version"] == ofqual_cache.FORMAT_VERSION
    assert len(gazetteer._index.ofqual()[0]) == len(TITLES)


def test_a_folder_that_cannot_be_written_is_only_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    gazetteer = Gazetteer(qualifications=TITLES)
    gazetteer.warm_up(blocked / "cache")  # a folder under a file
    assert "not stored" in caplog.text
    assert gazetteer._index.has_ofqual


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ofqual_cache.DEFAULT_DIR),
        ({ofqual_cache.CACHE_DIR_ENV: "/srv/cache"}, Path("/srv/cache")),
        ({ofqual_cache.ENABLED_ENV: "0"}, None),
        ({ofqual_cache.ENABLED_ENV: "no", ofqual_cache.CACHE_DIR_ENV: "/srv/cache"}, None),
    ],
)
def test_the_cache_folder(env: Any, expected: Any) -> None:
    assert ofqual_cache.folder(env) == expected


def test_make_db_builds_it(
    engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from pathways_catalogue.cli import main

    url = str(engine.url)
    monkeypatch.setenv(ofqual_cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    assert main(["--db", url, "ofqual-index"]) == 0
    assert len(list((tmp_path / "cache").glob("ofqual-index-*.json"))) == 1
    monkeypatch.setenv(ofqual_cache.ENABLED_ENV, "0")
    assert main(["--db", url, "ofqual-index"]) == 0
    assert "off" in capsys.readouterr().out
