"""Read higher-education courses from Discover Uni (Unistats) tables as a network.

The Discover Uni dataset (HESA/OfS; the CSV download behind discoveruni.gov.uk)
is a set of tables. :func:`read_discoveruni` reads them from one folder, taking
for each table the first of its accepted file names that is present:

* institutions: ``INSTITUTION.csv`` or ``york_institutions.csv`` (PUBUKPRN,
  LEGAL_NAME; optional FIRST_TRADING_NAME, PROVADDRESS, PROVTEL, PROVURL, UKPRN);
* courses, one row per course and mode: ``KISCOURSE.csv`` or ``york_courses.csv``
  (PUBUKPRN, KISCOURSEID, KISMODE, TITLE, KISAIMCODE; optional QUALIFICATION,
  KISLEVEL, HONOURS, NUMSTAGE, HECOS1, HECOS2, CRSEURL);
* qualification aims: ``KISAIM.csv`` (KISAIMCODE, KISAIMLABEL);
* course teaching locations: ``UCASCOURSEID.csv`` or ``york_course_locations.csv``
  (PUBUKPRN, KISCOURSEID, LOCID; optional UKPRN);
* locations: ``LOCATION.csv`` or ``york_locations.csv`` (UKPRN, LOCID, LOCNAME;
  optional LATITUDE, LONGITUDE).

HECoS subject terms are read from ``hecos_terms_definitions.json`` (or
``hecos.json``) in the folder or in a sibling ``hecos/`` folder, if there is one.

Mapping, in short: institutions are the providers (PUBUKPRN) that publish
courses; one course per (PUBUKPRN, KISCOURSEID), its KISMODE rows merged into
modes; the level comes from the qualification (see :func:`course_level`); the
subject is the HECOS1 term when known, else the title without "with Foundation
Year" and the like; the course town is the name of its teaching location(s)
(links to unknown locations are ignored). An institution's coordinates are those
of the location most of its courses use. Each provider gets one generic
admissions contact with its switchboard phone (PROVTEL). Problems are collected,
each with file, line and column, and raised together as :class:`ImportProblems`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

from pathways_catalogue.importers.folder import FolderReader, shown
from pathways_catalogue.importers.records import (
    ContactRecord,
    CourseRecord,
    ImportProblems,
    InstitutionRecord,
    NetworkRecord,
    Problem,
)
from pathways_catalogue.text import STOP_WORDS
from storage import contacts

Row = Dict[str, str]
#: (UKPRN, LOCID) of a teaching location
Site = Tuple[str, str]
#: {site: (LOCNAME, latitude, longitude)}
Places = Dict[Site, Tuple[str, Optional[float], Optional[float]]]

INSTITUTION_FILES = ("INSTITUTION.csv", "york_institutions.csv")
COURSE_FILES = ("KISCOURSE.csv", "york_courses.csv")
AIM_FILES = ("KISAIM.csv",)
COURSE_LOCATION_FILES = ("UCASCOURSEID.csv", "york_course_locations.csv")
LOCATION_FILES = ("LOCATION.csv", "york_locations.csv")
HECOS_FILES = ("hecos_terms_definitions.json", "hecos.json")

#: KISMODE -> study modes (3 = both, in older releases)
KISMODES: Dict[str, Tuple[str, ...]] = {
    "1": ("full-time",),
    "2": ("part-time",),
    "3": ("full-time", "part-time"),
}
#: KISLEVEL: 03 first degree (including integrated masters), 04 other undergraduate
KISLEVELS = frozenset({"", "03", "04"})

#: level by qualification label (lower case, letters only); others go by first letter
LEVEL_BY_LABEL: Dict[str, int] = {
    **dict.fromkeys(["fd", "fda", "fdarts", "fded", "fdeng", "fds", "fdsc"], 5),
    **dict.fromkeys(["hnd", "diphe"], 5),
    **dict.fromkeys(["hnc", "certhe"], 4),
    # Scottish undergraduate MA; a graduate diploma is at bachelor's level
    **dict.fromkeys(["ma", "masocsci", "graduatediploma"], 6),
    # first degrees in medicine, dentistry and veterinary science are FHEQ level 7
    **dict.fromkeys(
        "bm bmbs bmbch bds bchd bvsc bvms bvetmed bvmedsci bvmbvs bvmsci "
        "mbbs mbchb mbbch mbbchir vetmb".split(),
        7,
    ),
}
#: spelled-out names of short qualification labels, for aliases
LONG_NAMES: Dict[str, str] = {
    **dict.fromkeys(["fd", "fda", "fdarts", "fded", "fdeng", "fds", "fdsc"], "foundation degree"),
    "hnd": "higher national diploma",
    "hnc": "higher national certificate",
    "diphe": "diploma of higher education",
    "certhe": "certificate of higher education",
}
TOP_UP_RE = re.compile(r"\btop[- ]?up\b", re.IGNORECASE)
#: endings of titles that describe the route, not the subject
TITLE_SUFFIX_RE = re.compile(
    r"\s*(?:\((?:with|including|incl\.?)\b[^)]*\)|\((?:top[- ]?up|hons)\)"
    r"|\bwith (?:an? )?(?:integrated )?(?:foundation|placement|gateway|industrial placement)"
    r"(?: year)?|\bwith (?:an? )?year (?:in industry|abroad|in placement))\s*$",
    re.IGNORECASE,
)
POSTCODE_RE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b", re.IGNORECASE)
COUNTIES = frozenset(
    """avon cleveland cornwall cumbria devon dorset essex kent merseyside middlesex
    norfolk northumberland rutland somerset suffolk surrey""".split()
) | {"tyne and wear", "west midlands", "greater manchester", "greater london", "isle of wight"}


def _key(label: str) -> str:
    """A qualification label reduced to lower-case letters ("BSc (Eng)" -> "bsceng")."""
    return re.sub(r"[^a-z]", "", label.lower())


def course_level(qualification: str, title: str = "", kislevel: str = "") -> Optional[int]:
    """The RQF/FHEQ level of a Discover Uni course, or None if it cannot be told.

    "Top-up" titles are level 6. Foundation degrees, HND and DipHE are 5; HNC and
    CertHE 4; bachelor's degrees (BA, BSc, LLB, ...) 6; integrated masters (MEng,
    MChem, ...) and first degrees in medicine, dentistry and veterinary science 7.
    An unknown label on a KISLEVEL 03 (first degree) course is 6.
    """
    if TOP_UP_RE.search(title):
        return 6
    key = _key(qualification)
    if key in LEVEL_BY_LABEL:
        return LEVEL_BY_LABEL[key]
    if key.startswith("b") or key == "llb":
        return 6
    if key.startswith("m"):
        return 7
    return 6 if kislevel == "03" else None


def title_subject(title: str, qualification: str = "") -> str:
    """The subject named by a course title, without the route ("with Foundation Year")."""
    text = " ".join(title.replace("&", " and ").split())
    if qualification:
        text = re.sub(
            rf"^{re.escape(qualification)}(?:\s*\(hons\))?\s+", "", text, flags=re.IGNORECASE
        )
    while True:
        shorter = TITLE_SUFFIX_RE.sub("", text).strip(" ,-")
        if shorter == text or not shorter:
            return text
        text = shorter


def parse_address(address: str) -> Tuple[str, str]:
    """Return (town, postcode) from a one-line address ending "..., York, YO23 3FR"."""
    parts = [p.strip() for p in address.split(",") if p.strip()]
    postcode = ""
    found = POSTCODE_RE.search(address)
    if found:
        postcode = f"{found[1]} {found[2]}".upper()
        parts = [p for p in parts if not POSTCODE_RE.fullmatch(p)]
    for part in reversed(parts):
        lower = part.lower()
        if lower in COUNTIES or lower.endswith(("shire", "sussex")) or lower.startswith("county "):
            continue
        if part[0].isdigit():
            continue
        return " ".join(part.split()), postcode
    return "", postcode


def normalise_website(url: str) -> str:
    """Return ``url`` as an https:// address ("www.york.ac.uk" -> "https://www.york.ac.uk")."""
    url = url.strip()
    if not url:
        return ""
    url = re.sub(r"^(?:https?://)?", "https://", url, flags=re.IGNORECASE)
    return url.rstrip("/") if url.count("/") <= 3 else url


class TableReader(FolderReader):
    """Reads CSV tables (``FolderReader.table``) whose file name may vary."""

    def find(self, names: Sequence[str]) -> Optional[str]:
        """Return the first of ``names`` present in the folder, or record it missing."""
        for name in names:
            if (self.folder / name).is_file():
                return name
        also = f" (also looked for {', '.join(names[1:])})" if len(names) > 1 else ""
        self.problem(names[0], 0, "", f"file is missing{also}")
        return None


@dataclass
class _Draft:
    """The KISMODE rows of one course, merged."""

    line: int
    row: Row
    modes: List[str] = field(default_factory=list)
    #: NUMSTAGE of the full-time row
    stages: str = ""
    locations: List[Tuple[str, str]] = field(default_factory=list)


def _hecos_path(folder: Path) -> Optional[Path]:
    for base in (folder, folder.parent / "hecos"):
        for name in HECOS_FILES:
            if (base / name).is_file():
                return base / name
    return None


def load_hecos(path: Path, reader: FolderReader) -> Dict[str, str]:
    """Read HECoS ``[{code, term, ...}]`` JSON into {code: term}; record problems."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reader.problem(path.name, 0, "", f"cannot read: {err}")
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        reader.json_problem(path.name, text, err)
        return {}
    except RecursionError:
        reader.problem(path.name, 1, "", "invalid JSON: nested too deeply")
        return {}
    if not isinstance(data, list):
        reader.problem(path.name, 1, "", "expected a list of {code, term} objects")
        return {}
    return {
        str(item["code"]): str(item["term"]).strip()
        for item in data
        if isinstance(item, dict) and item.get("code") and item.get("term")
    }


def _aliases(label: str, title: str, core: str, level: int) -> List[str]:
    key = _key(label)
    names = [f"{label} {title}", f"{label} {core}"]
    if key in LONG_NAMES:
        names.append(f"{LONG_NAMES[key]} {core}")
    elif level == 6 and key.startswith(("b", "llb")):
        names.append(f"{core} degree")
    elif level == 7 and key.startswith("m") and key not in LEVEL_BY_LABEL:
        names.append(f"integrated masters {core}")
    out: List[str] = []
    for name in names:
        name = " ".join(name.lower().split())
        if name not in out:
            out.append(name)
    return out


def _keywords(terms: Sequence[str]) -> List[str]:
    out: List[str] = []
    for term in terms:
        for word in re.findall(r"[a-z0-9]+", term.lower()):
            if word not in STOP_WORDS and word not in out:
                out.append(word)
    return out


def read_discoveruni(
    folder: Path,
    slug: str = "discoveruni",
    name: str = "Discover Uni courses",
    region: str = "",
    ukprns: Optional[List[str]] = None,
    hecos: Optional[Path] = None,
) -> NetworkRecord:
    """Read Discover Uni tables in ``folder`` into a network of institutions and courses.

    Args:
        folder: the folder holding the tables (see the module docstring).
        slug: the network slug.
        name: the network name.
        region: the network region.
        ukprns: only these providers (PUBUKPRN); None means every provider with courses.
        hecos: HECoS terms JSON; by default looked for in and beside ``folder``.

    Raises:
        ImportProblems: listing every problem found (missing file or column, unknown
            aim code or provider, bad mode or level), each with file, line and column.

    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportProblems([Problem(str(folder), 0, "", "not a folder")])
    reader = TableReader(folder)
    wanted = {u.strip() for u in ukprns or [] if u.strip()}
    files = _find_tables(reader)
    hecos_path = hecos or _hecos_path(folder)
    terms = load_hecos(hecos_path, reader) if hecos_path else {}
    aims = _read_aims(reader, files["aims"]) if files["aims"] else {}

    drafts = _read_courses(reader, files["courses"], aims, wanted)
    providers = {pub for pub, _ in drafts} | wanted
    rows = _read_institutions(reader, files["institutions"], providers)
    _check_wanted(reader, files["institutions"], wanted, rows)
    if files["links"]:
        _read_links(reader, files["links"], drafts)
    places = _read_locations(reader, files["locations"]) if files["locations"] else {}

    courses, main_site = _courses(reader, files, drafts, rows, aims, terms, places)
    institutions, contacts = _institutions(rows, main_site, places)

    if reader.problems:
        raise ImportProblems(reader.problems)
    return NetworkRecord(
        slug=slug,
        name=name,
        region=region,
        description="Higher education courses from the Discover Uni dataset (HESA/OfS).",
        website="https://discoveruni.gov.uk",
        source=f"Discover Uni (HESA/OfS) tables in {folder}",
        institutions=institutions,
        courses=courses,
        contacts=contacts,
    )


def _find_tables(reader: TableReader) -> Dict[str, Optional[str]]:
    """The file name of each table, or None (recorded as missing) if none is present."""
    return {
        "institutions": reader.find(INSTITUTION_FILES),
        "courses": reader.find(COURSE_FILES),
        "aims": reader.find(AIM_FILES),
        "links": reader.find(COURSE_LOCATION_FILES),
        "locations": reader.find(LOCATION_FILES),
    }


def _read_aims(reader: TableReader, file: str) -> Dict[str, str]:
    """{KISAIMCODE: KISAIMLABEL}."""
    aims: Dict[str, str] = {}
    for _line, row in reader.table(file, ("KISAIMCODE", "KISAIMLABEL")):
        aims[row["KISAIMCODE"]] = row["KISAIMLABEL"]
    return aims


def _check_wanted(
    reader: TableReader, file: Optional[str], wanted: Set[str], rows: Dict[str, Tuple[int, Row]]
) -> None:
    """Record a problem for each provider asked for that has no institution row."""
    for ukprn in sorted(wanted - set(rows)):
        reader.problem(
            file or INSTITUTION_FILES[0],
            0,
            "PUBUKPRN",
            f"no provider with PUBUKPRN {shown(ukprn)}",
        )


def _read_links(reader: TableReader, file: str, drafts: Dict[Tuple[str, str], _Draft]) -> None:
    """Add each course's teaching locations (UKPRN, LOCID) to its draft, once each."""
    for _line, row in reader.table(file, ("PUBUKPRN", "KISCOURSEID", "LOCID"), ("UKPRN",)):
        draft = drafts.get((row["PUBUKPRN"], row["KISCOURSEID"]))
        if draft is not None:
            for locid in row["LOCID"].split(";"):
                place = (row["UKPRN"] or row["PUBUKPRN"], locid.strip())
                if place[1] and place not in draft.locations:
                    draft.locations.append(place)


def _sites(pub: str, draft: _Draft, places: Places) -> List[Site]:
    """The known teaching locations of a course, looked up under its provider first."""
    sites = [
        (pub, locid) if (pub, locid) in places else (ukprn, locid)
        for ukprn, locid in draft.locations
    ]
    return [s for s in sites if s in places]


def _courses(
    reader: TableReader,
    files: Dict[str, Optional[str]],
    drafts: Dict[Tuple[str, str], _Draft],
    rows: Dict[str, Tuple[int, Row]],
    aims: Dict[str, str],
    terms: Dict[str, str],
    places: Places,
) -> Tuple[List[CourseRecord], Dict[str, Counter[Site]]]:
    """Build the courses of known providers, and count how often each uses each site.

    Records a problem for a course of an unknown provider, and if no course is found.
    """
    courses: List[CourseRecord] = []
    main_site: Dict[str, Counter[Site]] = {}
    course_file = files["courses"] or COURSE_FILES[0]
    for (pub, _course_id), draft in drafts.items():
        if pub not in rows:
            if files["institutions"]:
                reader.problem(
                    course_file, draft.line, "PUBUKPRN", f"unknown provider {shown(pub)}"
                )
            continue
        sites = _sites(pub, draft, places)
        main_site.setdefault(pub, Counter()).update(sites)
        course = _course(reader, course_file, draft, aims, terms, sites, places)
        if course is not None:
            courses.append(course)
    if not courses and not reader.problems:
        reader.problem(course_file, 0, "", "no courses found for the providers asked for")
    return courses, main_site


def _main_place(
    pub: str, main_site: Dict[str, Counter[Site]], places: Places
) -> Optional[Tuple[str, Optional[float], Optional[float]]]:
    """The location most of a provider's courses use, else any of its own, else None."""
    counts = main_site.get(pub)
    if counts:
        site: Optional[Site] = counts.most_common(1)[0][0]
    else:
        site = next((p for p in places if p[0] == pub), None)
    return places.get(site) if site else None


def _institutions(
    rows: Dict[str, Tuple[int, Row]], main_site: Dict[str, Counter[Site]], places: Places
) -> Tuple[List[InstitutionRecord], List[ContactRecord]]:
    """Build each provider's institution, and its contact where it has one."""
    institutions: List[InstitutionRecord] = []
    contacts: List[ContactRecord] = []
    for pub, (_line, row) in rows.items():
        institution, contact = _institution(row, _main_place(pub, main_site, places))
        institutions.append(institution)
        if contact is not None:
            contacts.append(contact)
    return institutions, contacts


def _read_courses(
    reader: TableReader, file: Optional[str], aims: Dict[str, str], wanted: Set[str]
) -> Dict[Tuple[str, str], _Draft]:
    """Read course rows, merging modes; check mode, aim code and KISLEVEL."""
    drafts: Dict[Tuple[str, str], _Draft] = {}
    if not file:
        return drafts
    required = ("PUBUKPRN", "KISCOURSEID", "KISMODE", "TITLE", "KISAIMCODE")
    optional = ("QUALIFICATION", "KISLEVEL", "HONOURS", "NUMSTAGE", "HECOS1", "HECOS2", "CRSEURL")
    for line, row in reader.table(file, required, optional):
        if wanted and row["PUBUKPRN"] not in wanted:
            continue
        for column in ("PUBUKPRN", "KISCOURSEID", "TITLE"):
            reader.require(file, line, row, column)
        modes = KISMODES.get(row["KISMODE"].lstrip("0"))
        if modes is None:
            reader.problem(
                file, line, "KISMODE", f"unknown mode {shown(row['KISMODE'])}; use 01 or 02"
            )
        aim = row["KISAIMCODE"]
        if aim and aim not in aims:
            reader.problem(
                file, line, "KISAIMCODE", f"unknown aim code {shown(aim)} (not in KISAIM)"
            )
        if not aim and not row["QUALIFICATION"]:
            reader.problem(file, line, "KISAIMCODE", "no aim code and no QUALIFICATION")
        if row["KISLEVEL"] not in KISLEVELS:
            reader.problem(
                file, line, "KISLEVEL", f"bad level {shown(row['KISLEVEL'])}; expected 03 or 04"
            )
        key = (row["PUBUKPRN"], row["KISCOURSEID"])
        draft = drafts.setdefault(key, _Draft(line, row))
        for mode in modes or ():
            if mode not in draft.modes:
                draft.modes.append(mode)
        if modes and "full-time" in modes and row["NUMSTAGE"].isdigit():
            draft.stages = draft.stages or row["NUMSTAGE"]
    return drafts


def _read_institutions(
    reader: TableReader, file: Optional[str], providers: Set[str]
) -> Dict[str, Tuple[int, Row]]:
    """The institution row of each provider (the one whose UKPRN is its PUBUKPRN)."""
    rows: Dict[str, Tuple[int, Row]] = {}
    if not file:
        return rows
    optional = ("UKPRN", "FIRST_TRADING_NAME", "PROVADDRESS", "PROVTEL", "PROVURL")
    for line, row in reader.table(file, ("PUBUKPRN", "LEGAL_NAME"), optional):
        pub = row["PUBUKPRN"]
        if pub in providers and (pub not in rows or row["UKPRN"] == pub):
            reader.require(file, line, row, "LEGAL_NAME")
            rows[pub] = (line, row)
    return rows


def _read_locations(reader: TableReader, file: str) -> Places:
    """{(UKPRN, LOCID): (LOCNAME, latitude, longitude)}."""
    places: Places = {}
    for line, row in reader.table(file, ("UKPRN", "LOCID", "LOCNAME"), ("LATITUDE", "LONGITUDE")):
        lat = reader.number(file, line, row, "LATITUDE", float, -90, 90)
        lon = reader.number(file, line, row, "LONGITUDE", float, -180, 180)
        places.setdefault((row["UKPRN"], row["LOCID"]), (row["LOCNAME"], lat, lon))
    return places


def _course(
    reader: TableReader,
    file: str,
    draft: _Draft,
    aims: Dict[str, str],
    terms: Dict[str, str],
    sites: List[Site],
    places: Places,
) -> Optional[CourseRecord]:
    """Build one course from its merged rows, or record why not."""
    row = draft.row
    label = aims.get(row["KISAIMCODE"]) or row["QUALIFICATION"]
    if not label:
        return None  # already reported
    level = course_level(label, row["TITLE"], row["KISLEVEL"])
    if level is None:
        reader.problem(
            file,
            draft.line,
            "KISLEVEL",
            f"cannot tell the level of {shown(label)} (KISLEVEL {shown(row['KISLEVEL'])})",
        )
        return None
    raw_title = " ".join(row["TITLE"].split())
    if raw_title.lower().startswith(label.lower() + " "):
        title = raw_title
    else:
        honours = " (Hons)" if row["HONOURS"] == "1" else ""
        title = f"{label}{honours} {raw_title}"
    core = title_subject(raw_title, label)
    hecos = [terms[c] for c in (row["HECOS1"], row["HECOS2"]) if c in terms]
    subject = core
    if row["HECOS1"] in terms:
        subject = terms[row["HECOS1"]][:1].upper() + terms[row["HECOS1"]][1:]
    towns: List[str] = []
    for site in sites:
        if places[site][0] and places[site][0] not in towns:
            towns.append(places[site][0])
    return CourseRecord(
        code=f"{row['PUBUKPRN']}-{row['KISCOURSEID']}",
        institution=row["PUBUKPRN"],
        title=title,
        qualification=label,
        level=level,
        subject=subject,
        modes=[m for m in ("full-time", "part-time") if m in draft.modes],
        town=", ".join(towns),
        duration=f"{draft.stages} years full-time" if draft.stages else "",
        aliases=_aliases(label, raw_title, core, level),
        keywords=_keywords(hecos),
        url=row["CRSEURL"],
    )


def _institution(
    row: Row, place: Optional[Tuple[str, Optional[float], Optional[float]]]
) -> Tuple[InstitutionRecord, Optional[ContactRecord]]:
    """Build an institution and its generic admissions contact (if it has a phone)."""
    pub = row["PUBUKPRN"]
    name = row["FIRST_TRADING_NAME"] or row["LEGAL_NAME"]
    university = re.search(r"\bUniversity\b|\bMedical School\b", name, re.IGNORECASE)
    town, postcode = parse_address(row["PROVADDRESS"])
    institution = InstitutionRecord(
        code=pub,
        name=name,
        kind="university" if university else "college",
        town=town,
        postcode=postcode,
        latitude=place[1] if place else None,
        longitude=place[2] if place else None,
        website=normalise_website(row["PROVURL"]),
        ukprn=row["UKPRN"] or pub,
    )
    phone = row["PROVTEL"]
    contact = None
    if phone and contacts.normalise_phone(phone) is not None:
        contact = ContactRecord(
            code=f"{pub}-admissions",
            institution=pub,
            name="Admissions",
            role="Admissions (from Discover Uni)",
            phone=phone,
            notes="Organisational switchboard number published in Discover Uni.",
        )
    return institution, contact
