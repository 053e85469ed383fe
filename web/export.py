"""Console data (the queue, the network's gaps) as CSV, safe in a spreadsheet (no formulas)."""

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


def to_csv(rows: Iterable[Dict[str, Any]], columns: Sequence[str] = COLUMNS) -> str:
    """The rows as CSV text with a header line (the queue's columns by default)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return out.getvalue()


def csv_response(
    rows: Iterable[Dict[str, Any]],
    columns: Sequence[str] = COLUMNS,
    filename: str = "enquiries.csv",
) -> web.Response:
    """A CSV download of ``rows`` as ``filename`` (a fixed name, never from the request)."""
    return web.Response(
        text=to_csv(rows, columns),
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
