"""CSV cells that a spreadsheet would run as formulas are defused."""

from __future__ import annotations

import csv
import io

import pytest

from web.export import COLUMNS, safe_cell, to_csv


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700", "'+44 7700"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Sam Patel", "Sam Patel"),
        ("a=b", "a=b"),
        (None, ""),
        (3, "3"),
    ],
)
def test_safe_cell(value: object, written: str) -> None:
    assert safe_cell(value) == written


def test_to_csv_round_trips_with_the_prefix() -> None:
    text = to_csv([{"reference": "PW-1", "learner_name": '=HYPERLINK("http://x","y")'}])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(COLUMNS)
    assert rows[1][COLUMNS.index("learner_name")] == '\'=HYPERLINK("http://x","y")'
