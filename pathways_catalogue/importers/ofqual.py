"""Load Ofqual Register exports into the qualification gazetteer.

Accepted files; the format is told by the extension, then by the header:

* ``.json``: a list of ``{"text": title}`` objects, as in
  ``all_qualification_titles.json`` (every regulated title). Level, type, subject
  and awarding body are read from the title itself.
* ``.csv``: a Register download with the columns Qualification Title, Owner
  Organisation Name, Qualification Level and Qualification Type, as in
  ``pearson_qualifications.csv`` (UTF-8, BOM allowed); a full-fields export
  (``qualifications_full_fields_sample.csv``) also has Qualification SSA, the
  sector subject area, which becomes the subject.

Levels follow the RQF: "Level 3" is 3; "Level 1/Level 2" (GCSEs and technical
awards) takes the higher, 2. **Entry Level is 0**: it is below Level 1 and still
orders correctly, while None is kept for "level unknown". GCSE, A/AS Level,
T Level, HNC and HND titles without a "Level N" get their usual level.

The gazetteer is replaced per file: rows whose ``source`` is a file's name are
deleted and that file's rows inserted, all in one transaction. A (title,
awarding body) pair that another source already holds is skipped.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from tqdm import tqdm

from pathways_catalogue.importers.discoveruni import TableReader
from pathways_catalogue.importers.folder import is_text
from pathways_catalogue.importers.records import ImportProblems, Problem
from pathways_catalogue.models import Qualification

log = logging.getLogger(__name__)
BATCH = 5_000

TITLE = "Qualification Title"
OWNER = "Owner Organisation Name"
ACRONYM = "Owner Organisation Acronym"
LEVEL = "Qualification Level"
TYPE = "Qualification Type"
SSA = "Qualification SSA"

ENTRY_RE = re.compile(r"\bentry\s+(?:level(?:\s*[1-3])?|[1-3])\b|\blefel mynediad\b", re.I)
LEVEL_RE = re.compile(r"\ble[vf]el\s*([1-8])(?:\s*/\s*(?:le[vf]el\s*)?([1-8]))?\b", re.I)
SHORT_LEVEL_RE = re.compile(r"\bL([1-8])\b")
#: qualification families whose titles often carry no "Level N"
FAMILY_LEVELS: Tuple[Tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?i:higher national diploma)|\bHND\b"), 5),
    (re.compile(r"(?i:higher national certificate)|\bHNC\b"), 4),
    (re.compile(r"\b(?:A|AS|T) Level\b|\bAdvanced (?:Subsidiary )?(?:GCE|VCE|GNVQ)\b"), 3),
    (re.compile(r"\bGCSE\b|\bIntermediate GNVQ\b"), 2),
    (re.compile(r"\bFoundation GNVQ\b"), 1),
)
#: (pattern, type), first match wins; looked for in the title after the awarding body
TYPES: Tuple[Tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"(?i:\bend[- ]?point assessment\b)|\bEPA\b", "End Point Assessment"),
        (r"\bT Level\b", "T Level"),
        (r"\bS?NVQ\b", "NVQ"),
        (r"\bGCSE\b", "GCSE"),
        (r"\bAS Level\b|\bAdvanced Subsidiary\b", "AS Level"),
        (r"\bA Level\b|\bAdvanced GCE\b", "A Level"),
        (r"(?i:\bhigher national diploma\b)|\bHND\b", "HND"),
        (r"(?i:\bhigher national certificate\b)|\bHNC\b", "HNC"),
        (r"(?i:\bfunctional skills\b)", "Functional Skills"),
        (r"(?i:\bextended diploma\b)", "Extended Diploma"),
        (r"(?i:\bdiploma\b)", "Diploma"),
        (r"(?i:\bextended certificate\b)", "Extended Certificate"),
        (r"(?i:\bcertificate\b)", "Certificate"),
        (r"(?i:\baward\b)", "Award"),
    )
)
#: names that titles start with -> the awarding organisation (short name)
BODY_BRANDS: Dict[str, str] = {
    "Pearson BTEC": "Pearson",
    "Pearson Edexcel": "Pearson",
    "Pearson EDI": "Pearson",
    "Pearson LCCI": "Pearson",
    "EDEXCEL": "Pearson",
    "BTEC": "Pearson",
    "NCFE CACHE": "NCFE",
    "City & Guilds NPTC": "City & Guilds",
    "VTCT (ITEC)": "VTCT",
    "VTCT (Skillsfirst)": "VTCT",
    "WJEC Eduqas": "WJEC",
    "Ascentis (AptEd)": "Ascentis",
    "ASCENTIS": "Ascentis",
    "CSkills Awards": "Cskills Awards",
}
#: awarding organisations as titles name them (acronyms mostly), '|'-separated
BODY_NAMES = """City & Guilds|OCR|Pearson|NCFE|NOCN|AIM Qualifications|AIM Awards|VTCT|
    Gateway Qualifications|ABC|WJEC|AQA|Ascentis|EAL|OCN NI|TQUK|OCNLR|SQA|ProQual|CCEA|
    Open College Network West Midlands|Open Awards|Agored Cymru|SFEDI Awards|Highfield|
    1st4sport|RSL|BIIAB|NOCN_Cskills Awards|SFJ Awards|FAQ|TCL|iCQ|IMI|Focus Awards|IAO|
    Active IQ|ETCAL|EDI|SEG Awards|MPQC|FDQ|ATHE|Lantra Awards|Certa|GQA|ABBE|CMI|QNUK|
    Skillsfirst|Cskills Awards|RSPH|YMCA|DAO|OAL|TLM|IBO|OTHM|Qualifi|ABE|NPTC|CIBTAC|ASDAN|
    BCS|CACHE|ILM|AAT|CIPD|LAMDA|ABRSM|UAL|ESB|WAMITAB|CIEH|1st Awards|Trinity College London"""
#: longest first, so "Pearson BTEC" wins over "Pearson"
KNOWN_BODIES: Tuple[str, ...] = tuple(
    sorted({n.strip() for n in BODY_NAMES.split("|")} | set(BODY_BRANDS), key=len, reverse=True)
)
BODY_RE = re.compile("^(" + "|".join(map(re.escape, KNOWN_BODIES)) + ") ")
TRAILING_TAG_RE = re.compile(r"\s*\((?:QCF|RQF|NQF|VRQ|\d-\d|Entry \d|Level \d)\)\s*$", re.I)


@dataclass(frozen=True)
class QualificationRow:
    """One gazetteer row, as read from an Ofqual file."""

    title: str
    awarding_body: str = ""
    level: Optional[int] = None
    qualification_type: str = ""
    subject: str = ""
    source: str = ""


def qualification_level(title: str) -> Optional[int]:
    """The RQF level named in a title or level cell; 0 for Entry Level; None if unknown.

    >>> qualification_level("Pearson BTEC Level 3 National Extended Diploma in Engineering")
    3
    >>> qualification_level("AQA Level 1/Level 2 GCSE (9-1) in Biology")
    2
    >>> qualification_level("Ascentis Entry Level 3 Award in Mathematics")
    0
    """
    rest = ENTRY_RE.sub(" ", title)
    levels = [int(n) for m in LEVEL_RE.finditer(rest) for n in m.groups() if n]
    levels += [int(m[1]) for m in SHORT_LEVEL_RE.finditer(rest)]
    if levels:
        return max(levels)
    if rest != title:
        return 0
    for pattern, level in FAMILY_LEVELS:
        if pattern.search(title):
            return level
    return None


def leading_body(title: str) -> str:
    """The awarding organisation a title starts with ("NCFE CACHE Level 3 ..." -> "NCFE")."""
    found = BODY_RE.match(title)
    return BODY_BRANDS.get(found[1], found[1]) if found else ""


def qualification_type(title: str) -> str:
    """A plain type named in a title: "Extended Diploma", "NVQ", "T Level"... or ""."""
    found = BODY_RE.match(title)
    if found:
        title = title[found.end() :]
    for pattern, kind in TYPES:
        if pattern.search(title):
            return kind
    return ""


def title_subject(title: str) -> str:
    """The subject after " in " in a title ("Diploma in Engineering" -> "Engineering")."""
    found = re.search(r"\s[Ii]n\s+(.+)$", title)
    if not found:
        return ""
    subject = found[1]
    while TRAILING_TAG_RE.search(subject):
        subject = TRAILING_TAG_RE.sub("", subject)
    return subject.strip()


def _row(
    title: str,
    source: str,
    body: str = "",
    level: Optional[int] = None,
    kind: str = "",
    subject: str = "",
) -> QualificationRow:
    """A row, filling what the file does not give from the title."""
    return QualificationRow(
        title=title,
        awarding_body=body or leading_body(title),
        level=level if level is not None else qualification_level(title),
        qualification_type=qualification_type(title) or kind,
        subject=subject or title_subject(title),
        source=source,
    )


def _json_items(text: str) -> Iterator[Tuple[int, Any]]:
    """Yield (offset, item) for each item of a top-level JSON list.

    Raises:
        json.JSONDecodeError: where the text stops being a JSON list.

    """
    decoder = json.JSONDecoder()
    space = re.compile(r"\s*")

    def skip(pos: int) -> int:
        match = space.match(text, pos)
        return match.end() if match else pos

    pos = skip(0)
    if text[pos : pos + 1] != "[":
        raise json.JSONDecodeError('expected a list: [{"text": title}, ...]', text, pos)
    pos = skip(pos + 1)
    if text[pos : pos + 1] == "]":
        pos += 1
    else:
        while True:
            item, end = decoder.raw_decode(text, pos)
            yield pos, item
            pos = skip(end)
            if text[pos : pos + 1] == ",":
                pos = skip(pos + 1)
            elif text[pos : pos + 1] == "]":
                pos += 1
                break
            else:
                raise json.JSONDecodeError("expected ',' or ']'", text, pos)
    if skip(pos) < len(text):
        raise json.JSONDecodeError("extra data after the list", text, skip(pos))


def _read_titles_json(reader: TableReader, name: str) -> List[QualificationRow]:
    text = reader.read_text(name)
    if text is None:
        return []
    rows: List[QualificationRow] = []
    try:
        for pos, item in _json_items(text):
            title = item.get("text") if isinstance(item, dict) else None
            line = text.count("\n", 0, pos) + 1
            if not isinstance(title, str) or not title.strip():
                reader.problem(name, line, "text", 'expected {"text": "a qualification title"}')
                continue
            if not is_text(title):
                reader.problem(name, line, "text", "contains a NUL or an invalid character")
                continue
            rows.append(_row(" ".join(title.split()), name))
    except json.JSONDecodeError as err:
        reader.json_problem(name, text, err)
    except RecursionError:
        reader.problem(name, 1, "", "invalid JSON: nested too deeply")
    return rows


def _read_register_csv(reader: TableReader, name: str) -> List[QualificationRow]:
    rows: List[QualificationRow] = []
    for line, row in reader.table(name, (TITLE, OWNER, LEVEL, TYPE), (ACRONYM, SSA)):
        title = " ".join(row[TITLE].split())
        if not title:
            reader.problem(name, line, TITLE, "value is required")
            continue
        rows.append(
            _row(
                title,
                name,
                body=row[OWNER] or row[ACRONYM],
                level=qualification_level(row[LEVEL]) if row[LEVEL] else None,
                kind=row[TYPE],
                subject=row[SSA],
            )
        )
    return rows


def parse_ofqual(path: Path) -> List[QualificationRow]:
    """Read one Ofqual file into gazetteer rows, one per distinct title.

    Raises:
        ImportProblems: for a missing, non-UTF-8 or malformed file, or missing
            columns, with file and line.

    """
    path = Path(path)
    reader = TableReader(path.parent)
    suffix = path.suffix.lower()
    rows: List[QualificationRow] = []
    if not path.is_file():
        reader.problem(path.name, 0, "", "file is missing")
    elif suffix == ".json":
        rows = _read_titles_json(reader, path.name)
    elif suffix == ".csv":
        rows = _read_register_csv(reader, path.name)
    else:
        reader.problem(
            path.name, 0, "", "unknown format: expected .json (title list) or .csv (Register)"
        )
    if reader.problems:
        raise ImportProblems(reader.problems)
    seen: Set[str] = set()
    unique: List[QualificationRow] = []
    for row in rows:
        if row.title not in seen:
            seen.add(row.title)
            unique.append(row)
    return unique


def import_ofqual(engine: Engine, paths: Sequence[Path], progress: bool = False) -> int:
    """Parse every file, then replace each file's gazetteer rows in one transaction.

    Returns:
        How many qualification rows the gazetteer holds afterwards.

    Raises:
        ImportProblems: if any file has a problem; the database is then untouched.

    """
    parsed: List[Tuple[str, List[QualificationRow]]] = []
    problems: List[Problem] = []
    for path in paths:
        try:
            parsed.append((Path(path).name, parse_ofqual(Path(path))))
        except ImportProblems as err:
            problems.extend(err.problems)
    if problems:
        raise ImportProblems(problems)
    with Session(engine, future=True) as session, session.begin():
        sources = sorted({source for source, _rows in parsed})
        session.execute(delete(Qualification).where(Qualification.source.in_(sources)))
        taken = {
            (title, body)
            for title, body in session.execute(
                select(Qualification.title, Qualification.awarding_body)
            )
        }
        new: List[Dict[str, Any]] = []
        for _source, rows in parsed:
            for row in rows:
                if (row.title, row.awarding_body) not in taken:
                    taken.add((row.title, row.awarding_body))
                    new.append(asdict(row))
        skipped = sum(len(rows) for _s, rows in parsed) - len(new)
        if skipped:
            log.info("skipped %d titles another source already holds", skipped)
        with tqdm(
            total=len(new), desc="import qualifications", unit="row", disable=not progress
        ) as bar:
            for start in range(0, len(new), BATCH):
                batch = new[start : start + BATCH]
                session.execute(insert(Qualification), batch)
                bar.update(len(batch))
        return int(session.execute(select(func.count()).select_from(Qualification)).scalar_one())
