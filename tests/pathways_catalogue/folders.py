"""Network folders as bytes for upload tests: the demo network, changed, zipped."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Dict, Mapping

from pathways_catalogue.settings import DEMO_NETWORK

#: a course the demo network does not have, and an agreement into it
NEW_COURSE = {
    "id": "ngc-marrob-l3", "institution_id": "northgate",
    "title": "Pearson BTEC Level 3 National Extended Diploma in Marine Robotics",
    "qualification": "BTEC Level 3 National Extended Diploma", "level": "3",
    "subject": "Engineering", "modes": "full-time", "duration": "2 years",
    "entry_requirements": "5 GCSEs at grade 4 or above including maths",
    "aliases": "marine robotics L3; level 3 marine robotics",
    "keywords": "underwater drones; rov pilot",
}  # fmt: skip
NEW_AGREEMENT = {
    "from_course_id": "ngc-eng-l2-td", "to_course_id": "ngc-marrob-l3",
    "kind": "guaranteed-interview", "conditions": "Pass with Merit",
}  # fmt: skip


def demo_files() -> Dict[str, bytes]:
    """The demo network folder's files by name."""
    return {path.name: path.read_bytes() for path in sorted(DEMO_NETWORK.iterdir())}


def append_row(data: bytes, row: Mapping[str, str]) -> bytes:
    """A CSV file's bytes with ``row`` added at the end (columns by its header)."""
    text = data.decode("utf-8")
    header = next(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=header, lineterminator="\n").writerow(
        {k: row.get(k, "") for k in header}
    )
    return (text if text.endswith("\n") else text + "\n").encode("utf-8") + out.getvalue().encode()


def with_new_course(files: Mapping[str, bytes]) -> Dict[str, bytes]:
    """``files`` with :data:`NEW_COURSE` and :data:`NEW_AGREEMENT` added."""
    changed = dict(files)
    changed["courses.csv"] = append_row(files["courses.csv"], NEW_COURSE)
    changed["progressions.csv"] = append_row(files["progressions.csv"], NEW_AGREEMENT)
    return changed


def zipped(files: Mapping[str, bytes], folder: str = "vale_and_wolds") -> bytes:
    """``files`` in a zip, in ``folder`` (or at the top when it is empty)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(f"{folder}/{name}" if folder else name, data)
    return buffer.getvalue()
