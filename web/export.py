"""The queue as CSV, safe to open in a spreadsheet (no formula injection)."""

from __future__ import annotations

import csv
import io
from typing import Any, Dict, Iterable, Sequence

from aiohttp import web

COLUMNS: Sequence[str] = (
    "reference",
    "created_at",
    "waiting_days",
    "status",
    "kind",
    "institution",
    "institution_id",
    "subject",
    "learner_name",
    "email",
    "phone",
    "assigned_to",
)
#: a cell starting with one of these could be read as a formula by a spreadsheet
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """The cell text, prefixed with ``'`` when it starts like a formula (OWASP advice)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_csv(rows: Iterable[Dict[str, Any]]) -> str:
    """The rows as CSV text with a header line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in COLUMNS])
    return out.getvalue()


def csv_response(rows: Iterable[Dict[str, Any]]) -> web.Response:
    """A CSV download of ``rows``."""
    return web.Response(
        text=to_csv(rows),
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": 'attachment; filename="enquiries.csv"',
            "Cache-Control": "no-store",
        },
    )
