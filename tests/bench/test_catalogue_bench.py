"""The benchmark's synthetic network is valid under the import contract."""

from __future__ import annotations

from pathlib import Path

from bench.catalogue_bench import generate
from pathways_catalogue.contract import COLUMNS
from pathways_catalogue.importers.folder import read_network


def test_the_synthetic_network_validates(tmp_path: Path) -> None:
    generate(tmp_path, institutions=12, courses=300, agreements=600, seed=1)
    record = read_network(tmp_path)  # raises ImportProblems on any problem
    assert (len(record.institutions), len(record.courses)) == (12, 300)
    assert len(record.progressions) == 600
    for name, (required, optional) in COLUMNS.items():
        header = (tmp_path / name).read_text(encoding="utf-8").splitlines()[0]
        assert header.split(",") == [*required, *optional]
