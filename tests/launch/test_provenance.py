"""What a measurement was taken on (launch/provenance.py)."""

from __future__ import annotations

from pathlib import Path

from launch.provenance import ROOT, commit, machine


def test_the_checkout_names_its_commit() -> None:
    found = commit(ROOT)
    assert found["id"] is None or len(found["id"]) == 40
    assert commit(ROOT / "no-such-folder") == {"id": None, "changed": None}


def test_a_folder_outside_git_has_no_commit(tmp_path: Path) -> None:
    assert commit(tmp_path) == {"id": None, "changed": None}


def test_the_machine_says_its_cores_and_load() -> None:
    found = machine()
    assert found["cpus"] >= 1
    assert set(found["load_average"]) == {"1m", "5m", "15m"}
