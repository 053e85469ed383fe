"""Read and validate a network folder (the import contract in ``catalogue.contract``).

:func:`read_network` never touches a database. It collects *every* problem in the
folder, each with its file, line and column, and raises :class:`ImportProblems`
if there is any.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Set, Tuple

import yaml

from pathways_catalogue.contract import (
    AGREEMENT_KINDS,
    COLUMNS,
    FORMULA_EXEMPT,
    FORMULA_STARTS,
    INSTITUTION_KINDS,
    MAX_LEVEL,
    MAY_BE_EMPTY,
    MIN_LEVEL,
    NETWORK_FILE,
    STUDY_MODES,
)
from pathways_catalogue.importers.records import (
    ContactRecord,
    CourseRecord,
    ImportProblems,
    InstitutionRecord,
    NetworkRecord,
    Problem,
    ProgressionRecord,
)
from storage import contacts

Row = Dict[str, str]
#: how much of a bad cell a problem message quotes
SHOWN_CHARS = 60


def split_items(value: str) -> List[str]:
    """Split a ';'-separated cell into stripped, non-empty items."""
    return [item.strip() for item in value.split(";") if item.strip()]


def shown(value: str, limit: int = SHOWN_CHARS) -> str:
    """Quote a cell for a problem message, cut short so a huge cell cannot flood it."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


def is_text(value: str) -> bool:
    """Whether ``value`` can be stored and printed: no NUL, no lone surrogate."""
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def yaml_reason(err: yaml.YAMLError) -> str:
    """PyYAML's error in one line, without its quoted excerpt of the file."""
    parts = [getattr(err, "context", None), getattr(err, "problem", None)]
    reason = ", ".join(str(p) for p in parts if p)
    return reason or str(err).splitlines()[0]


def yaml_key_line(text: str, key: object) -> int:
    """The line of ``key:`` at the start of a line of ``text``, else 1."""
    pattern = re.compile(rf"^\s*['\"]?{re.escape(str(key))}['\"]?\s*:", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def slugify(text: str) -> str:
    """Make a lower-case slug of letters, digits, underscores and hyphens."""
    return re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-") or "network"


def _padded_row(header: Sequence[str], cells: Sequence[str], optional: Sequence[str]) -> Row:
    """The stripped cells by column; missing cells and optional columns read as ""."""
    row = {column: (cells[i].strip() if i < len(cells) else "") for i, column in enumerate(header)}
    for column in optional:
        row.setdefault(column, "")
    return row


class FolderReader:
    """Reads one network folder, collecting problems as it goes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: List[Problem] = []
        #: CSV files not read to the end: ids missing from them are not reported as unknown
        self.unreadable: Set[str] = set()

    def problem(self, file: str, line: int, column: str, message: str) -> None:
        """Record a problem."""
        self.problems.append(Problem(file, line, column, message))

    # -- files -----------------------------------------------------------

    def read_text(self, name: str) -> Optional[str]:
        """Return the UTF-8 text of a file, or None after recording why not."""
        path = self.folder / name
        if not path.is_file():
            self.problem(name, 0, "", "file is missing")
            return None
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            self.problem(
                name,
                line,
                "",
                f"file is not UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start});"
                " save it as 'CSV UTF-8'",
            )
            return None
        if not text.strip():
            self.problem(name, 1, "", "file is empty")
            return None
        return text

    def rows(self, name: str) -> Iterator[Tuple[int, Row]]:
        """Yield (line number, row) for each data row of a network-folder CSV file."""
        required, optional = COLUMNS[name]
        for line, row in self.table(
            name, required, optional, contract=True, require_rows=name not in MAY_BE_EMPTY
        ):
            self.no_formulas(name, line, row)
            yield line, row

    def no_formulas(self, name: str, line: int, row: Row) -> None:
        """Record each text cell a spreadsheet would run as a formula (=, +, -, @)."""
        for column, value in row.items():
            if column not in FORMULA_EXEMPT and value.startswith(FORMULA_STARTS):
                self.problem(
                    name,
                    line,
                    column,
                    f"{shown(value)} starts with {value[0]!r}, which a spreadsheet runs as "
                    "a formula; remove it or start the cell with a letter",
                )

    def table(
        self,
        name: str,
        required: Sequence[str],
        optional: Sequence[str] = (),
        contract: bool = False,
        require_rows: bool = False,
    ) -> Iterator[Tuple[int, Row]]:
        """Yield (line number, row) for each non-blank row of CSV file ``name``.

        Missing optional columns read as "". A missing required column is a problem,
        and then no rows are yielded. With ``contract``, a column named twice in the
        header and a row wider than the header are problems too; with
        ``require_rows``, so is a file with a header and no rows.
        """
        text = self.read_text(name)
        if text is None:
            self.unreadable.add(name)
            return
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = self._header(name, reader, required, contract)
        if header is None:
            return
        count = 0
        line = reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                self.problem(name, line, "", f"malformed CSV: {err}")
                self.unreadable.add(name)
                return
            if not any(c.strip() for c in cells):
                line = reader.line_num + 1
                continue
            extra = cells[len(header) :]
            if contract and any(c.strip() for c in extra):
                self.problem(
                    name,
                    line,
                    "",
                    f"row has {len(cells)} fields but the header has {len(header)}",
                )
            count += 1
            yield line, _padded_row(header, cells, optional)
            line = reader.line_num + 1
        if count == 0 and require_rows:
            self.problem(name, 1, "", "file has a header but no rows")

    def _header(
        self, name: str, reader: Iterator[List[str]], required: Sequence[str], contract: bool
    ) -> Optional[List[str]]:
        """Read and check the header row of ``name``; None if its rows cannot be read.

        With ``contract``, a column named twice is a problem (the rows are still read).
        """
        try:
            header = [h.strip() for h in next(reader)]
        except (StopIteration, csv.Error) as err:
            self.problem(name, 1, "", f"cannot read the header row: {err}")
            self.unreadable.add(name)
            return None
        if contract:
            seen: Set[str] = set()
            for column in header:
                if column and column in seen:
                    self.problem(name, 1, column, "column appears twice in the header")
                seen.add(column)
        missing = [c for c in required if c not in header]
        for column in missing:
            self.problem(name, 1, column, "required column is missing from the header")
        if missing:
            self.unreadable.add(name)
            return None
        return header

    def known(self, name: str) -> bool:
        """Whether every id of CSV file ``name`` was read (so a missing one is unknown)."""
        return name not in self.unreadable

    def json_problem(self, name: str, text: str, err: json.JSONDecodeError) -> None:
        """Record invalid JSON where it is; a file that ends too early, on its last line."""
        if text[err.pos :].strip():
            self.problem(name, err.lineno, "", f"invalid JSON: {err.msg} (column {err.colno})")
        else:
            last = max(1, len(text.splitlines()))
            self.problem(name, min(err.lineno, last), "", "invalid JSON: the file ends too early")

    # -- cells -----------------------------------------------------------

    def require(self, name: str, line: int, row: Row, column: str) -> str:
        """Return a required cell, recording a problem if blank."""
        value = row.get(column, "")
        if not value:
            self.problem(name, line, column, "value is required")
        return value

    def number(
        self,
        name: str,
        line: int,
        row: Row,
        column: str,
        convert: Callable[[str], float],
        low: float,
        high: float,
    ) -> Optional[float]:
        """Parse an optional number in [low, high]."""
        value = row.get(column, "")
        if not value:
            return None
        try:
            number = convert(value)
        except ValueError:
            if re.fullmatch(r"[+-]?[0-9]+", value):  # too many digits for int()
                number = float("inf")
            else:
                self.problem(name, line, column, f"{shown(value)} is not a number")
                return None
        if not low <= number <= high:
            self.problem(name, line, column, f"{shown(value)[1:-1]} is outside {low:g}..{high:g}")
            return None
        return number

    def unique(self, name: str, line: int, seen: Dict[str, int], code: str) -> None:
        """Record a duplicate id."""
        if code and code in seen:
            self.problem(
                name, line, "id", f"duplicate id {shown(code)} (first on line {seen[code]})"
            )
        elif code:
            seen[code] = line

    # -- records ---------------------------------------------------------

    def network(self) -> Tuple[str, Dict[str, str]]:
        """Read network.yml; return (slug, fields)."""
        text = self.read_text(NETWORK_FILE)
        if text is None:
            return slugify(self.folder.name), {}
        last_line = max(1, len(text.splitlines()))
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = min(mark.line + 1, last_line) if mark is not None else 1
            self.problem(NETWORK_FILE, line, "", f"invalid YAML: {yaml_reason(err)}")
            return slugify(self.folder.name), {}
        except RecursionError:
            self.problem(NETWORK_FILE, 1, "", "invalid YAML: nested too deeply")
            return slugify(self.folder.name), {}
        if not isinstance(data, dict):
            self.problem(NETWORK_FILE, 1, "", "must be a mapping of name, region, ...")
            return slugify(self.folder.name), {}
        fields: Dict[str, str] = {}
        for key, value in data.items():
            if value is None:
                continue
            line = yaml_key_line(text, key)
            if not isinstance(value, (str, int, float, datetime.date)):
                self.problem(
                    NETWORK_FILE,
                    line,
                    str(key),
                    f"must be plain text, not a {type(value).__name__}",
                )
                continue
            value = str(value).strip()
            if not is_text(value):
                self.problem(NETWORK_FILE, line, str(key), "contains a NUL or an invalid character")
                continue
            fields[str(key)] = value
        if not fields.get("name") and not any(p.column == "name" for p in self.problems):
            self.problem(NETWORK_FILE, 1, "name", "network.yml has no name")
        slug = slugify(fields.get("id") or self.folder.name)
        return slug, fields

    def institutions(self) -> List[InstitutionRecord]:
        """Read institutions.csv."""
        name = "institutions.csv"
        seen: Dict[str, int] = {}
        out: List[InstitutionRecord] = []
        for line, row in self.rows(name):
            code = self.require(name, line, row, "id")
            self.unique(name, line, seen, code)
            kind = self.require(name, line, row, "kind").lower()
            if kind and kind not in INSTITUTION_KINDS:
                self.problem(
                    name,
                    line,
                    "kind",
                    f"unknown kind {shown(kind)}; "
                    f"use one of {', '.join(sorted(INSTITUTION_KINDS))}",
                )
            out.append(
                InstitutionRecord(
                    code=code,
                    name=self.require(name, line, row, "name"),
                    kind=kind,
                    town=row["town"],
                    postcode=row["postcode"],
                    latitude=self.number(name, line, row, "latitude", float, -90, 90),
                    longitude=self.number(name, line, row, "longitude", float, -180, 180),
                    website=row["website"],
                    ukprn=row["ukprn"],
                )
            )
        return out

    def courses(self, institutions: Set[str]) -> List[CourseRecord]:
        """Read courses.csv, checking institution references."""
        name = "courses.csv"
        seen: Dict[str, int] = {}
        out: List[CourseRecord] = []
        for line, row in self.rows(name):
            code = self.require(name, line, row, "id")
            self.unique(name, line, seen, code)
            institution = self.require(name, line, row, "institution_id")
            if institution and institution not in institutions and self.known("institutions.csv"):
                self.problem(
                    name, line, "institution_id", f"unknown institution {shown(institution)}"
                )
            level_text = self.require(name, line, row, "level")
            level = 0
            if level_text:
                # ASCII digits only, and few of them: int() refuses 4,300-digit strings
                if (
                    re.fullmatch(r"[0-9]{1,3}", level_text)
                    and MIN_LEVEL <= int(level_text) <= MAX_LEVEL
                ):
                    level = int(level_text)
                else:
                    self.problem(
                        name,
                        line,
                        "level",
                        f"level {shown(level_text)} must be a whole number "
                        f"{MIN_LEVEL}..{MAX_LEVEL}",
                    )
            modes = [m.lower() for m in split_items(self.require(name, line, row, "modes"))]
            for mode in modes:
                if mode not in STUDY_MODES:
                    self.problem(
                        name,
                        line,
                        "modes",
                        f"unknown mode {shown(mode)}; use ';'-separated values from "
                        f"{', '.join(sorted(STUDY_MODES))}",
                    )
            points = self.number(name, line, row, "ucas_points", int, 0, 1000)
            out.append(
                CourseRecord(
                    code=code,
                    institution=institution,
                    title=self.require(name, line, row, "title"),
                    qualification=self.require(name, line, row, "qualification"),
                    level=level,
                    subject=self.require(name, line, row, "subject"),
                    modes=modes,
                    town=row["town"],
                    duration=row["duration"],
                    entry_requirements=row["entry_requirements"],
                    ucas_points=int(points) if points is not None else None,
                    aliases=split_items(row["aliases"]),
                    keywords=split_items(row["keywords"]),
                    url=row["url"],
                )
            )
        return out

    def progressions(self, levels: Dict[str, int]) -> List[ProgressionRecord]:
        """Read progressions.csv, checking references, levels and cycles."""
        name = "progressions.csv"
        seen: Dict[Tuple[str, str], int] = {}
        lines: Dict[Tuple[str, str], int] = {}
        out: List[ProgressionRecord] = []
        for line, row in self.rows(name):
            source = self.require(name, line, row, "from_course_id")
            target = self.require(name, line, row, "to_course_id")
            kind = self.require(name, line, row, "kind").lower()
            bad = False
            for column, code in (("from_course_id", source), ("to_course_id", target)):
                if code and code not in levels and self.known("courses.csv"):
                    self.problem(name, line, column, f"unknown course {shown(code)}")
                    bad = True
            if kind and kind not in AGREEMENT_KINDS:
                self.problem(
                    name,
                    line,
                    "kind",
                    f"unknown kind {shown(kind)}; use one of {', '.join(sorted(AGREEMENT_KINDS))}",
                )
            if source and source == target:
                self.problem(name, line, "to_course_id", "a course cannot progress to itself")
                bad = True
            pair = (source, target)
            if pair in seen:
                self.problem(name, line, "", f"duplicate agreement (first on line {seen[pair]})")
                bad = True
            seen[pair] = line
            low, high = levels.get(source, 0), levels.get(target, 0)
            if not bad and low and high:
                if high < low:
                    self.problem(
                        name,
                        line,
                        "to_course_id",
                        f"goes down from level {low} to level {high}",
                    )
                    bad = True
            if not bad and source and target:
                lines[pair] = line
            out.append(ProgressionRecord(source, target, kind, row["conditions"]))
        self.check_cycles(name, lines)
        return out

    def check_cycles(self, name: str, lines: Dict[Tuple[str, str], int]) -> None:
        """Record agreements that close a cycle (A -> ... -> A)."""
        graph: Dict[str, List[str]] = {}
        for source, target in sorted(lines, key=lambda p: lines[p]):
            graph.setdefault(source, []).append(target)
        state: Dict[str, int] = {}  # 1 = on the stack, 2 = done
        for start in graph:
            if state.get(start):
                continue
            stack: List[Tuple[str, Iterator[str]]] = [(start, iter(graph.get(start, [])))]
            state[start] = 1
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    state[node] = 2
                    stack.pop()
                elif state.get(child) == 1:
                    path = [n for n, _ in stack]
                    cycle = [*path[path.index(child) :], child]
                    self.problem(
                        name,
                        lines[(node, child)],
                        "",
                        "agreements form a cycle: " + " -> ".join(cycle),
                    )
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(graph.get(child, []))))

    def contacts(self, institutions: Set[str]) -> List[ContactRecord]:
        """Read contacts.csv."""
        name = "contacts.csv"
        seen: Dict[str, int] = {}
        out: List[ContactRecord] = []
        for line, row in self.rows(name):
            code = self.require(name, line, row, "id")
            self.unique(name, line, seen, code)
            institution = self.require(name, line, row, "institution_id")
            if institution and institution not in institutions and self.known("institutions.csv"):
                self.problem(
                    name, line, "institution_id", f"unknown institution {shown(institution)}"
                )
            email, phone = row["email"], row["phone"]
            if not email and not phone:
                self.problem(
                    name, line, "email", "contact has no email or phone: give at least one"
                )
            if email and contacts.normalise_email(email) is None:
                self.problem(name, line, "email", f"{shown(email)} is not an email address")
            if phone and contacts.normalise_phone(phone) is None:
                self.problem(name, line, "phone", f"{shown(phone)} is not a phone number")
            out.append(
                ContactRecord(
                    code=code,
                    institution=institution,
                    name=self.require(name, line, row, "name"),
                    role=row["role"],
                    email=email,
                    phone=phone,
                    subjects=split_items(row["subjects"]),
                    notes=row["notes"],
                )
            )
        return out


def read_network(folder: Path) -> NetworkRecord:
    """Read and validate a network folder.

    Raises:
        ImportProblems: listing every problem found, if there is any.

    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportProblems([Problem(str(folder), 0, "", "not a folder")])
    reader = FolderReader(folder)
    slug, fields = reader.network()
    institutions = reader.institutions()
    codes = {i.code for i in institutions if i.code}
    courses = reader.courses(codes)
    levels = {c.code: c.level for c in courses if c.code}
    progressions = reader.progressions(levels)
    contacts = reader.contacts(codes)
    if reader.problems:
        raise ImportProblems(reader.problems)
    return NetworkRecord(
        slug=slug,
        name=fields.get("name", ""),
        region=fields.get("region", ""),
        description=fields.get("description", ""),
        website=fields.get("website", ""),
        source=str(folder),
        institutions=institutions,
        courses=courses,
        progressions=progressions,
        contacts=contacts,
    )
