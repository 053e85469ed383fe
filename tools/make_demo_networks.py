#!/usr/bin/env python3
"""Generate the two fictional network folders used by Pathways.

* pathways_catalogue/data/vale_and_wolds/  the demo network (Yorkshire and the Humber);
                                           pathways_catalogue.settings.DEMO_NETWORK points here
* tests/data/networks/fenland_coast/       a small, different network for tests only

Everything in these folders is INVENTED for illustration: institutions, the
courses they offer, progression agreements, entry requirements, contacts,
postcodes, URLs (example.ac.uk / example.org) and phone numbers (Ofcom drama
ranges 01632 960xxx and 07700 900xxx). Town names and approximate town-centre
coordinates are real.

Qualification titles follow the wording of real English qualifications as found
in the Ofqual Register of Regulated Qualifications (Crown copyright, Open
Government Licence v3.0), HESA/OfS Discover Uni (Unistats) course titles and
qualification-aim labels (KISAIM), and DfE apprenticeship standard names
(Open Government Licence v3.0). See /work/shared/data/*/SOURCE.md.

Output format (a stable contract, UTF-8 CSV with a header row):
  network.yml        name, region, description, website
  institutions.csv   id,name,kind,town,postcode,latitude,longitude,website,ukprn
  courses.csv        id,institution_id,title,qualification,level,subject,modes,town,
                     duration,entry_requirements,ucas_points,aliases,keywords,url
  progressions.csv   from_course_id,to_course_id,kind,conditions
  contacts.csv       id,institution_id,name,role,email,phone,subjects,notes

Standard library only; deterministic output. Run:
    python tools/make_demo_networks.py            # write both folders
    python tools/make_demo_networks.py --check    # build + self-check only
Do not edit the generated files by hand: change this script and re-run it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "pathways_catalogue" / "data" / "vale_and_wolds"
TEST_DIR = ROOT / "tests" / "data" / "networks" / "fenland_coast"

INSTITUTION_FIELDS = [
    "id",
    "name",
    "kind",
    "town",
    "postcode",
    "latitude",
    "longitude",
    "website",
    "ukprn",
]
COURSE_FIELDS = [
    "id",
    "institution_id",
    "title",
    "qualification",
    "level",
    "subject",
    "modes",
    "town",
    "duration",
    "entry_requirements",
    "ucas_points",
    "aliases",
    "keywords",
    "url",
]
PROGRESSION_FIELDS = ["from_course_id", "to_course_id", "kind", "conditions"]
CONTACT_FIELDS = ["id", "institution_id", "name", "role", "email", "phone", "subjects", "notes"]

KINDS = {"college", "university", "sixth-form", "adult-education", "training-provider"}
MODES = {"full-time", "part-time", "distance", "work-based", "evening", "block-release"}
AGREEMENT_KINDS = {
    "guaranteed-place",
    "guaranteed-interview",
    "advanced-entry",
    "credit-recognition",
    "recognised-route",
}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHONE_RE = re.compile(r"^(01632 960\d{3}|07700 900\d{3})$")
EMAIL_RE = re.compile(r"^[a-z0-9.\-]+@([a-z0-9\-]+\.)*example\.(ac\.uk|org)$")


# --------------------------------------------------------------------------- model


@dataclass
class Institution:
    """A row of institutions.csv."""

    id: str
    name: str
    kind: str
    town: str
    postcode: str
    latitude: float
    longitude: float
    website: str
    ukprn: str = ""  # left blank: these providers are invented and have no UKPRN


@dataclass
class Course:
    """A row of courses.csv (list fields are joined with '; ' on output)."""

    id: str
    institution_id: str
    title: str
    qualification: str
    level: int
    subject: str
    modes: list[str]
    town: str
    duration: str
    entry_requirements: str
    ucas_points: int | None
    aliases: list[str]
    keywords: list[str]
    url: str


@dataclass
class Progression:
    """A row of progressions.csv."""

    from_course_id: str
    to_course_id: str
    kind: str
    conditions: str


@dataclass
class Contact:
    """A row of contacts.csv."""

    id: str
    institution_id: str
    name: str
    role: str
    email: str
    phone: str
    subjects: list[str]
    notes: str


@dataclass
class Network:
    """One network folder: network.yml plus the four CSV files."""

    name: str
    region: str
    description: str
    website: str
    institutions: list[Institution] = field(default_factory=list)
    courses: list[Course] = field(default_factory=list)
    progressions: list[Progression] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)


def split_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def slugify(text: str) -> str:
    text = text.lower().replace("&", "and").replace("+", "plus")
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


# --------------------------------------------------------------------------- course defaults
# Each course names a "profile" that supplies default modes, duration, entry text and
# UCAS points; individual courses override whatever differs.

E_L2 = (
    "4 GCSEs at grade 3 or above, ideally including English and maths, or a relevant Level 1 "
    "qualification with Merit"
)
E_L3 = "5 GCSEs at grade 4 or above including English and maths"
E_TL = (
    "5 GCSEs at grade 4 or above including English and maths; grade 5 in a relevant subject is "
    "preferred. Includes an industry placement of at least 45 days"
)
E_CG2 = (
    "3 GCSEs at grade 3 or above including English or maths, or a relevant Level 1 qualification; "
    "practical skills taster at interview"
)
E_CG3 = (
    "A relevant Level 2 Diploma plus GCSE English and maths at grade 4 (or continue to study them "
    "alongside the course)"
)
E_ACCESS = (
    "Aged 19 or over; GCSE English and maths at grade 4 (C) or Level 2 Functional Skills; "
    "interview and short written task"
)
E_APP2 = (
    "Employed as an apprentice in a relevant role (we can help you find a vacancy); GCSE English "
    "and maths at grade 3 or above, or Functional Skills Level 1"
)
E_APP3 = (
    "Employed as an apprentice in a relevant role; 4 GCSEs at grade 4 or above including English "
    "and maths, or a related Level 2 qualification"
)
E_APP4 = (
    "Employed in a relevant role with employer support; a Level 3 qualification such as A levels, "
    "a BTEC National, a T Level or a Level 3 apprenticeship"
)
E_APP5 = (
    "Employed in a relevant role with employer support; a relevant Level 3 or 4 qualification or "
    "equivalent experience"
)
E_HNC = (
    "A relevant Level 3 qualification (e.g. BTEC Extended Diploma at PPP or 48 UCAS points, a T "
    "Level, A levels or an Access to HE Diploma) or relevant work experience; GCSE English and "
    "maths at grade 4"
)
E_HND = (
    "64 UCAS points from a relevant Level 3 qualification (e.g. BTEC Extended Diploma at MPP) or a "
    "relevant HNC; GCSE English and maths at grade 4"
)
E_FD = (
    "64 UCAS points from a relevant Level 3 qualification (e.g. BTEC Extended Diploma at MPP, T "
    "Level Pass or an Access to HE Diploma); mature applicants with relevant experience are welcome"
)
E_DEG = (
    "112 UCAS points (e.g. BTEC Extended Diploma at DMM, T Level at Merit, A levels at BBC or an "
    "Access to HE Diploma with 60 credits including 30 at Merit); GCSE English and maths at grade 4"
)
E_TOPUP = (
    "An HND, a Foundation degree or 240 credits (120 at Level 4 and 120 at Level 5) in a related "
    "subject"
)
E_DA = (
    "Employed in a relevant role by an employer who will sponsor the apprenticeship; 112 UCAS "
    "points or a relevant Level 4 qualification or apprenticeship; GCSE English and maths at grade "
    "4"
)
E_MSC = "A 2:2 honours degree or above in a related subject"

#: ``ucas=`` default meaning "take the UCAS points from the profile"
PROFILE_UCAS = -1

PROFILES: dict[str, dict[str, Any]] = {
    "l2": dict(modes="full-time", duration="1 year", entry=E_L2),
    "cg2": dict(modes="full-time", duration="1 year", entry=E_CG2),
    "ed3": dict(modes="full-time", duration="2 years", entry=E_L3),
    "tlevel": dict(modes="full-time", duration="2 years", entry=E_TL),
    "cg3": dict(modes="full-time", duration="1 year", entry=E_CG3),
    "access": dict(
        modes="full-time; part-time",
        duration="1 year full-time or 2 years part-time",
        entry=E_ACCESS,
    ),
    "app2": dict(modes="work-based; block-release", duration="15 to 18 months", entry=E_APP2),
    "app3": dict(modes="work-based; block-release", duration="2 years", entry=E_APP3),
    "app4": dict(modes="work-based", duration="2 years", entry=E_APP4),
    "app5": dict(modes="work-based", duration="2 years", entry=E_APP5),
    "hnc": dict(
        modes="part-time", duration="2 years part-time (day release)", entry=E_HNC, ucas=48
    ),
    "hnd": dict(modes="full-time", duration="2 years full-time", entry=E_HND, ucas=64),
    "fd": dict(
        modes="full-time; part-time",
        duration="2 years full-time or 3 years part-time",
        entry=E_FD,
        ucas=64,
    ),
    "deg": dict(modes="full-time", duration="3 years full-time", entry=E_DEG, ucas=112),
    "topup": dict(
        modes="full-time; part-time",
        duration="1 year full-time or 2 years part-time",
        entry=E_TOPUP,
    ),
    "da": dict(modes="work-based; block-release", duration="4 years", entry=E_DA),
    "msc": dict(
        modes="full-time; part-time", duration="1 year full-time or 2 years part-time", entry=E_MSC
    ),
}


class Builder:
    """Collects one network's rows; course URLs derive from the institution website."""

    def __init__(self, network: Network) -> None:
        self.net = network
        self._inst: dict[str, Institution] = {}

    def inst(
        self,
        code: str,
        name: str,
        kind: str,
        town: str,
        postcode: str,
        latitude: float,
        longitude: float,
        website: str,
    ) -> None:
        """Add an institution (UKPRN left blank: the institutions are invented)."""
        i = Institution(code, name, kind, town, postcode, latitude, longitude, website)
        self._inst[i.id] = i
        self.net.institutions.append(i)

    def course(
        self,
        cid: str,
        inst_id: str,
        title: str,
        qualification: str,
        level: int,
        subject: str,
        profile: str,
        *,
        aliases: str,
        keywords: str,
        modes: str | None = None,
        duration: str | None = None,
        entry: str | None = None,
        ucas: int | None = PROFILE_UCAS,
        town: str = "",
    ) -> None:
        """Add a course; unspecified fields come from the named profile."""
        p = PROFILES[profile]
        if ucas == PROFILE_UCAS:
            ucas = p.get("ucas")
        website = self._inst[inst_id].website
        self.net.courses.append(
            Course(
                id=cid,
                institution_id=inst_id,
                title=title,
                qualification=qualification,
                level=level,
                subject=subject,
                modes=split_list(modes or p["modes"]),
                town=town,
                duration=duration or p["duration"],
                entry_requirements=entry or p["entry"],
                ucas_points=ucas,
                aliases=split_list(aliases),
                keywords=split_list(keywords),
                url=f"{website}/courses/{slugify(title)}",
            )
        )

    def prog(self, frm: str, to: str, kind: str, conditions: str) -> None:
        """Add a progression agreement."""
        self.net.progressions.append(Progression(frm, to, kind, conditions))

    def contact(
        self,
        cid: str,
        inst_id: str,
        name: str,
        role: str,
        email: str,
        phone: str,
        subjects: str,
        notes: str,
    ) -> None:
        """Add a contact; subjects are ';'-separated (blank = all subjects)."""
        self.net.contacts.append(
            Contact(cid, inst_id, name, role, email, phone, split_list(subjects), notes)
        )


# --------------------------------------------------------------------------- demo network

ENG, AUTO, CON, COMP = "Engineering", "Automotive", "Construction", "Computing"
HSC, EY, BUS, CDM = (
    "Health and Social Care",
    "Early Years",
    "Business",
    "Creative and Digital Media",
)
SPORT, LAND, HOSP, HAIR = (
    "Sport",
    "Land-based Studies",
    "Hospitality and Catering",
    "Hair and Beauty",
)
PUB, SCI, TEACH = "Public Services", "Science", "Teaching and Education"
DEMO_SUBJECTS = [ENG, AUTO, CON, COMP, HSC, EY, BUS, CDM, SPORT, LAND, HOSP, HAIR, PUB, SCI, TEACH]

# Subjects/courses deliberately left WITHOUT outgoing agreements, so the assistant's
# "no formal agreement - here is the next level up" fallback can be demonstrated.
DEMO_SUBJECTS_WITHOUT_AGREEMENTS = {HAIR}


def build_demo() -> Network:
    net = Network(
        name="Vale and Wolds Lifelong Learning Network (fictional demo)",
        region="Yorkshire and the Humber",
        description=(
            "FICTIONAL, ILLUSTRATIVE demo data for the Pathways assistant. The Vale and Wolds "
            "Lifelong Learning Network does not exist: every institution, course offer, "
            "progression agreement, entry requirement, contact, postcode, web address and phone "
            "number here is invented. Town names and approximate locations are real places in "
            "Yorkshire and the Humber, and qualification titles follow the style of real English "
            "qualifications (Ofqual Register, OGL v3; HESA Discover Uni), but nothing here "
            "describes a real provider's offer. Do not rely on it for real applications."
        ),
        website="https://www.valeandwolds-lln.example.org",
    )
    # fmt: off
    b = Builder(net)

    # ---- institutions (invented names; real towns; approximate town-centre coordinates)
    b.inst("northgate", "Northgate College", "college", "York", "YO31 7QN", 53.9623, -1.0819,
           "https://www.northgate.example.ac.uk")
    b.inst("ouse-valley", "Ouse Valley College", "college", "Selby", "YO8 4QX", 53.7838, -1.0672,
           "https://www.ousevalley.example.ac.uk")
    b.inst("nidderdale", "Nidderdale College", "college", "Harrogate", "HG1 2QW", 53.9929, -1.5384,
           "https://www.nidderdale.example.ac.uk")
    b.inst("castle-cliff", "Castle Cliff College", "college", "Scarborough", "YO11 1QS", 54.2803,
           -0.4032,
           "https://www.castlecliff.example.ac.uk")
    b.inst("ryedale-acl", "Ryedale Adult and Community Learning", "adult-education", "Malton",
           "YO17 7QJ",
           54.1357, -0.7972, "https://www.ryedale-learning.example.org")
    b.inst("wolds-training", "Wolds Training Partnership", "training-provider", "Beverley",
           "HU17 9QZ",
           53.8418, -0.4327, "https://www.woldstraining.example.org")
    b.inst("don-valley-uc", "Don Valley University Centre", "college", "Doncaster", "DN1 3QH",
           53.5228,
           -1.1330, "https://www.donvalley-uc.example.ac.uk")
    b.inst("vale-of-york-university", "Vale of York University", "university", "York", "YO10 5QD",
           53.9553, -1.0705, "https://www.valeofyork.example.ac.uk")
    b.inst("wolds-university", "University of the Wolds", "university", "Hull", "HU1 3QT", 53.7443,
           -0.3325,
           "https://www.wolds.example.ac.uk")

    c, p = b.course, b.prog
    NG, OV, ND, CC = "northgate", "ouse-valley", "nidderdale", "castle-cliff"
    RA, WT, DV = "ryedale-acl", "wolds-training", "don-valley-uc"
    VY, UW = "vale-of-york-university", "wolds-university"
    MALTON = "Malton"  # Castle Cliff College's land-based campus

    # ================================================================ ENGINEERING
    c("ngc-eng-l2-td", NG, "Pearson BTEC Level 2 Technical Diploma in Engineering",
      "BTEC Level 2 Technical Diploma", 2, ENG, "l2",
      aliases="level 2 engineering; btec level 2 engineering; engineering l2; intro to engineering",
      keywords="engineering; workshop skills; machining; welding; fitting; apprenticeship")
    c("ngc-eng-l3-ed", NG, "Pearson BTEC Level 3 National Extended Diploma in Engineering",
      "BTEC Level 3 National Extended Diploma", 3, ENG, "ed3",
      entry="5 GCSEs at grade 4 or above including English and maths (grade 5 maths preferred), or "
            "a Level 2 engineering qualification at Merit",
      aliases="ext dip engineering; L3 engineering; btec engineering; level 3 engineering; "
              "engineering extended diploma",
      keywords="robotics; maintenance engineer; cad; electronics; mechanical design; manufacturing")
    c("ngc-eng-tl-mir", NG, "T Level in Maintenance, Installation and Repair for Engineering and "
                            "Manufacturing",
      "T Level", 3, ENG, "tlevel",
      aliases="engineering t level; t level maintenance; maintenance t level; mir t level",
      keywords="maintenance engineer; industry placement; mechatronics; fault finding; "
               "manufacturing; electrical maintenance")
    c("ngc-eng-hnc", NG, "HNC in Mechanical Engineering", "HNC", 4, ENG, "hnc",
      modes="part-time; full-time", duration="1 year full-time or 2 years part-time (day release)",
      aliases="hnc mechanical; hnc engineering; mech eng hnc; higher national certificate "
              "engineering",
      keywords="mechanical engineer; cad; thermodynamics; engineering design; incorporated "
               "engineer; manufacturing")
    c("ngc-eng-hnd", NG, "HND in Mechanical Engineering", "HND", 5, ENG, "hnd",
      modes="full-time; part-time",
      aliases="hnd mechanical; hnd engineering; mech eng hnd",
      keywords="mechanical engineer; engineering design; project management; incorporated "
               "engineer; stress analysis")
    c("ovc-eng-l2-fab", OV, "City & Guilds Level 2 NVQ Diploma in Fabrication and Welding "
                            "Engineering",
      "NVQ Level 2 Diploma", 2, ENG, "l2", modes="work-based; part-time", duration="12 months",
      entry="Employed or on a work placement in a fabrication or welding role; no formal "
            "qualifications needed",
      aliases="welding nvq; fab and weld level 2; welding course; fabrication and welding",
      keywords="welding; fabrication; metalwork; welder; steel; mig welding")
    c("ovc-eng-l3-ee", OV, "Pearson BTEC Level 3 National Extended Diploma in Electrical and "
                           "Electronic Engineering",
      "BTEC Level 3 National Extended Diploma", 3, ENG, "ed3",
      entry="5 GCSEs at grade 4 or above including English, maths (grade 5 preferred) and science",
      aliases="electrical engineering level 3; btec electrical and electronic; electronics level "
              "3; ext dip electrical",
      keywords="electronics; electrical engineer; power station; renewable energy; circuits; plc")
    c("ovc-eng-l3-mech", OV, "Pearson BTEC Level 3 National Extended Diploma in Mechanical "
                             "Engineering",
      "BTEC Level 3 National Extended Diploma", 3, ENG, "ed3",
      aliases="mechanical engineering level 3; btec mechanical; ext dip mechanical",
      keywords="mechanical engineer; cad; machining; maintenance; manufacturing; cnc")
    c("ovc-eng-hnc-ee", OV, "HNC in Electrical and Electronic Engineering", "HNC", 4, ENG, "hnc",
      modes="part-time; block-release",
      aliases="hnc electrical; hnc electrical and electronic; hnc ee; electrical hnc",
      keywords="electrical engineer; power generation; control systems; electronics; energy; "
               "instrumentation")
    c("ccc-eng-l3-ed", CC, "Pearson BTEC Level 3 National Extended Diploma in Engineering",
      "BTEC Level 3 National Extended Diploma", 3, ENG, "ed3",
      aliases="btec engineering; level 3 engineering; ext dip engineering; engineering scarborough",
      keywords="offshore wind; marine engineering; maintenance; mechanical; electrical; wind "
               "turbine technician")
    c("wtp-eng-app-l3", WT, "Maintenance and Operations Engineering Technician Apprenticeship "
                            "(Level 3)",
      "Apprenticeship", 3, ENG, "app3", duration="3 years 6 months",
      entry="Employed as an apprentice; 4 GCSEs at grade 4 or above including English, maths and "
            "science",
      aliases="engineering apprenticeship; maintenance apprenticeship; moet apprenticeship; level "
              "3 engineering apprenticeship",
      keywords="maintenance technician; mechanical fitter; electrical maintenance; earn while you "
               "learn; manufacturing; food factory")
    c("wtp-eng-app-l4", WT, "Engineering Manufacturing Technician Apprenticeship (Level 4)",
      "Apprenticeship", 4, ENG, "app4", duration="2 years 6 months",
      aliases="higher engineering apprenticeship; level 4 engineering apprenticeship; "
              "manufacturing technician apprenticeship",
      keywords="manufacturing engineer; production; quality; lean manufacturing; earn while you "
               "learn")
    c("dvu-eng-fdeng", DV, "FdEng Mechanical and Manufacturing Engineering", "FdEng", 5, ENG, "fd",
      entry="64 UCAS points from a Level 3 engineering qualification including maths (e.g. BTEC "
            "Extended Diploma at MPP), or an HNC in engineering",
      aliases="foundation degree engineering; fdeng mechanical; fd engineering; fdeng",
      keywords="manufacturing; design engineer; production engineer; lean; cad; rail engineering")
    c("dvu-eng-hnc-mecha", DV, "HNC in Mechatronics", "HNC", 4, ENG, "hnc",
      aliases="hnc mechatronics; mechatronics hnc; mechatronics",
      keywords="robotics; automation; plc; control systems; maintenance engineer; industry 4.0")
    c("vyu-eng-beng-mech", VY, "BEng (Hons) Mechanical Engineering", "BEng (Hons)", 6, ENG, "deg",
      duration="3 years full-time (4 with a placement year)", ucas=120,
      entry="120 UCAS points including A level maths at B, or BTEC Extended Diploma in Engineering "
            "at DDM with Distinction in Further Engineering Mathematics; GCSE English at grade 4",
      aliases="mechanical engineering degree; beng mechanical; mech eng degree",
      keywords="mechanical engineer; chartered engineer; design; robotics; automotive; aerospace")
    c("vyu-eng-beng-topup", VY, "BEng (Hons) Engineering (Top-up)", "BEng (Hons) Top-up", 6, ENG,
      "topup",
      entry="An HND or Foundation degree in an engineering subject with an overall Merit, or 240 "
            "credits at Levels 4 and 5",
      aliases="engineering top up; beng top up; top-up engineering degree",
      keywords="engineering degree; incorporated engineer; project; management; career progression")
    c("uow-eng-beng-ee", UW, "BEng (Hons) Electrical and Electronic Engineering", "BEng (Hons)", 6,
      ENG,
      "deg", entry="112 UCAS points including maths (A level maths at C, or BTEC Extended Diploma "
                   "in Engineering at DMM with Merit in maths units); GCSE English at grade 4",
      aliases="electrical engineering degree; beng electrical; electronics degree; ee degree",
      keywords="electrical engineer; electronics; power systems; renewable energy; embedded "
               "systems")
    c("uow-eng-da", UW, "BEng (Hons) Manufacturing Engineering (Degree Apprenticeship)",
      "Degree Apprenticeship", 6, ENG, "da",
      aliases="engineering degree apprenticeship; manufacturing degree apprenticeship; beng "
              "apprenticeship",
      keywords="manufacturing engineer; earn while you learn; no tuition fees; automation; "
               "robotics; chartered engineer")
    c("uow-eng-msc", UW, "MSc Renewable Energy Engineering", "MSc", 7, ENG, "msc",
      entry="A 2:2 honours degree or above in engineering, physics or a related subject",
      aliases="msc renewables; renewable energy masters; renewable engineering msc",
      keywords="offshore wind; energy transition; hydrogen; sustainability; net zero")

    p("ngc-eng-l2-td", "ngc-eng-l3-ed", "recognised-route",
      "Pass the Level 2 Technical Diploma with at least Merit and achieve GCSE maths at grade 4 "
      "(or Level 2 Functional Skills maths)")
    p("ngc-eng-l2-td", "ngc-eng-tl-mir", "guaranteed-interview",
      "Pass with at least Merit; GCSE English and maths at grade 4 by the end of the year")
    p("ngc-eng-l3-ed", "ngc-eng-hnc", "guaranteed-place",
      "Pass with at least MMM overall; satisfactory tutor reference")
    p("ngc-eng-l3-ed", "dvu-eng-fdeng", "guaranteed-place",
      "Pass with at least MPP overall (64 UCAS points); satisfactory reference")
    p("ngc-eng-l3-ed", "vyu-eng-beng-mech", "guaranteed-interview",
      "Achieve DDM including Distinction in Further Engineering Mathematics; apply through UCAS by "
      "the January equal-consideration deadline")
    p("ngc-eng-l3-ed", "dvu-eng-hnc-mecha", "guaranteed-place",
      "Pass with at least MPP overall, including Merit in the mechatronics or electronics units")
    p("ngc-eng-tl-mir", "ngc-eng-hnc", "guaranteed-place",
      "Pass the T Level overall with at least Merit in the occupational specialism")
    p("ngc-eng-tl-mir", "wtp-eng-app-l4", "guaranteed-interview",
      "Pass the T Level; your industry placement employer or a partner employer must offer you a "
      "job as an apprentice")
    p("ngc-eng-hnc", "ngc-eng-hnd", "advanced-entry",
      "Pass the HNC; you join the second year of the HND")
    p("ngc-eng-hnc", "dvu-eng-fdeng", "credit-recognition",
      "Pass the HNC with Merit overall; up to 120 credits recognised towards the FdEng")
    p("ngc-eng-hnd", "vyu-eng-beng-topup", "guaranteed-place",
      "Pass the HND with at least Merit overall; satisfactory reference")
    p("dvu-eng-fdeng", "vyu-eng-beng-topup", "guaranteed-place",
      "Pass the FdEng with an average of 55% or above in the Level 5 modules")
    p("ovc-eng-l2-fab", "ovc-eng-l3-mech", "recognised-route",
      "Complete the NVQ; GCSE maths at grade 4 or Functional Skills Level 2 maths; interview with "
      "the course leader")
    p("ovc-eng-l3-ee", "ovc-eng-hnc-ee", "guaranteed-place", "Pass with at least MMM overall")
    p("ovc-eng-l3-ee", "uow-eng-beng-ee", "guaranteed-interview",
      "Achieve DMM with Merit or above in the mathematics units")
    p("ovc-eng-l3-mech", "dvu-eng-fdeng", "guaranteed-place", "Pass with at least MPP overall")
    p("ovc-eng-l3-mech", "ngc-eng-hnc", "guaranteed-interview", "Pass with at least MMM overall")
    p("ovc-eng-hnc-ee", "uow-eng-beng-ee", "advanced-entry",
      "Pass the HNC with Merit overall and at least Merit in Engineering Maths; you join Year 2 of "
      "the BEng")
    p("ovc-eng-hnc-ee", "uow-eng-da", "credit-recognition",
      "Employer sponsorship for the degree apprenticeship; HNC credits considered for exemption "
      "from Level 4 modules")
    p("ccc-eng-l3-ed", "ngc-eng-hnc", "guaranteed-place", "Pass with at least MMM overall")
    p("ccc-eng-l3-ed", "uow-eng-beng-ee", "guaranteed-interview",
      "Achieve DMM with Merit or above in the mathematics units")
    p("wtp-eng-app-l3", "wtp-eng-app-l4", "recognised-route",
      "Pass the end-point assessment; your employer agrees to support the Level 4 apprenticeship")
    p("wtp-eng-app-l3", "ovc-eng-hnc-ee", "guaranteed-place",
      "Pass the end-point assessment (any grade); employer support for day release")
    p("wtp-eng-app-l4", "uow-eng-da", "advanced-entry",
      "Complete the Level 4 apprenticeship; you join Year 2 of the degree apprenticeship with "
      "employer sponsorship")
    p("dvu-eng-hnc-mecha", "dvu-eng-fdeng", "advanced-entry",
      "Pass the HNC with Merit overall; you join Year 2 of the FdEng")
    p("dvu-eng-hnc-mecha", "uow-eng-da", "credit-recognition",
      "Up to 120 credits recognised at Level 4; employer sponsorship required")
    p("vyu-eng-beng-topup", "uow-eng-msc", "guaranteed-interview", "Achieve a 2:1 or above")
    p("uow-eng-beng-ee", "uow-eng-msc", "guaranteed-place", "Achieve a 2:2 or above")

    # ================================================================ AUTOMOTIVE
    c("ngc-auto-l2", NG, "City & Guilds Level 2 Diploma in Light Vehicle Maintenance and Repair "
                         "Principles",
      "City & Guilds Level 2 Diploma", 2, AUTO, "cg2",
      aliases="motor vehicle level 2; mv l2; car mechanics level 2; light vehicle level 2",
      keywords="fixing cars; mechanic; servicing; garage; mot; brakes")
    c("ngc-auto-l3", NG, "City & Guilds Level 3 Diploma in Light Vehicle Maintenance and Repair "
                         "Principles",
      "City & Guilds Level 3 Diploma", 3, AUTO, "cg3",
      aliases="motor vehicle level 3; mv l3; car mechanics; light vehicle level 3",
      keywords="fixing cars; mechanic; electric vehicles; diagnostics; mot tester; hybrid")
    c("ovc-auto-l2", OV, "IMI Level 2 Diploma in Light Vehicle Maintenance and Repair Principles",
      "IMI Level 2 Diploma", 2, AUTO, "cg2",
      aliases="motor vehicle level 2; imi level 2; car maintenance course; mv level 2",
      keywords="fixing cars; mechanic; garage; engines; servicing")
    c("ovc-auto-l3-hv", OV, "IMI Level 3 Diploma in Heavy Vehicle Maintenance and Repair "
                            "Principles",
      "IMI Level 3 Diploma", 3, AUTO, "cg3",
      aliases="hgv mechanic course; heavy vehicle level 3; truck mechanic; hgv level 3",
      keywords="lorries; hgv; diesel engines; fleet maintenance; haulage; buses")
    c("ccc-auto-l2-body", CC, "IMI Level 2 Diploma in Vehicle Accident Repair Body Principles",
      "IMI Level 2 Diploma", 2, AUTO, "cg2",
      aliases="panel beating; body shop course; accident repair level 2; vehicle body repair",
      keywords="bodywork; paint spraying; panel beater; car body repair; dents")
    c("wtp-auto-app-l2", WT, "Autocare Technician Apprenticeship (Level 2)", "Apprenticeship", 2,
      AUTO,
      "app2", aliases="autocare apprenticeship; tyre fitter apprenticeship; fast fit "
                      "apprenticeship",
      keywords="tyres; exhausts; fast fit; servicing; batteries")
    c("wtp-auto-app-l3", WT, "Motor Vehicle Service and Maintenance Technician (Light Vehicle) "
                             "Apprenticeship (Level 3)",
      "Apprenticeship", 3, AUTO, "app3", duration="3 years",
      aliases="motor vehicle apprenticeship; mechanic apprenticeship; car mechanic apprenticeship; "
              "mv apprenticeship",
      keywords="mechanic; dealership; diagnostics; electric vehicles; earn while you learn")
    c("dvu-auto-hnc", DV, "HNC in Automotive Engineering", "HNC", 4, AUTO, "hnc",
      modes="part-time; full-time", duration="1 year full-time or 2 years part-time",
      aliases="hnc automotive; automotive hnc; hnc motor vehicle",
      keywords="electric vehicles; vehicle diagnostics; workshop management; automotive engineer; "
               "hybrid technology")
    c("dvu-auto-fdsc", DV, "FdSc Motorsport Engineering", "FdSc", 5, AUTO, "fd", modes="full-time",
      duration="2 years full-time",
      aliases="motorsport foundation degree; fdsc motorsport; motorsport engineering; motorsport "
              "fd",
      keywords="motorsport; race car; data analysis; engine tuning; formula student; track days")
    c("uow-auto-topup", UW, "BSc (Hons) Motorsport and Automotive Technology (Top-up)",
      "BSc (Hons) Top-up", 6, AUTO, "topup",
      aliases="motorsport top up; automotive top-up degree; motorsport degree top up",
      keywords="motorsport; vehicle dynamics; electric vehicles; race engineering; data "
               "acquisition")
    c("uow-auto-beng", UW, "BEng (Hons) Automotive Engineering", "BEng (Hons)", 6, AUTO, "deg",
      entry="112 UCAS points including maths (A level maths at C, or BTEC Extended Diploma in "
            "Engineering at DMM); GCSE English at grade 4",
      aliases="automotive engineering degree; beng automotive; car design degree",
      keywords="vehicle design; electric vehicles; powertrain; chartered engineer; automotive "
               "industry")

    p("ngc-auto-l2", "ngc-auto-l3", "recognised-route",
      "Pass the Level 2 Diploma and the practical skills assessment; attendance of 90% or more")
    p("ovc-auto-l2", "ovc-auto-l3-hv", "recognised-route",
      "Pass the Level 2 Diploma; satisfactory attendance and tutor reference")
    p("ovc-auto-l2", "wtp-auto-app-l3", "guaranteed-interview",
      "Pass the Level 2 Diploma; you are put forward to partner garages for apprentice vacancies")
    p("wtp-auto-app-l2", "wtp-auto-app-l3", "recognised-route",
      "Pass the end-point assessment; your employer agrees to support the Level 3 apprenticeship")
    p("ngc-auto-l3", "dvu-auto-hnc", "guaranteed-interview",
      "Pass the Level 3 Diploma with Merit; GCSE maths at grade 4")
    p("ngc-auto-l3", "dvu-auto-fdsc", "guaranteed-interview",
      "Pass the Level 3 Diploma with Merit; GCSE maths at grade 4; bring a portfolio of practical "
      "work")
    p("ovc-auto-l3-hv", "dvu-auto-hnc", "guaranteed-interview",
      "Pass the Level 3 Diploma with Merit; GCSE maths at grade 4")
    p("wtp-auto-app-l3", "dvu-auto-hnc", "guaranteed-place",
      "Pass the end-point assessment (any grade); employer support for part-time study")
    p("dvu-auto-hnc", "dvu-auto-fdsc", "advanced-entry",
      "Pass the HNC with Merit overall; you join Year 2 of the FdSc")
    p("dvu-auto-hnc", "uow-auto-beng", "advanced-entry",
      "Pass the HNC with Merit overall including Engineering Mathematics; you join Year 2 of the "
      "BEng")
    p("dvu-auto-fdsc", "uow-auto-topup", "guaranteed-place",
      "Pass the FdSc with an average of 50% or above at Level 5")

    # ================================================================ CONSTRUCTION
    c("ngc-con-l2-brick", NG, "City & Guilds Level 2 Diploma in Bricklaying", "City & Guilds Level "
      "2 Diploma",
      2, CON, "cg2", aliases="bricklaying level 2; brickie course; bricklaying; brickwork level 2",
      keywords="bricklayer; building; construction site; trades; walls")
    c("ngc-con-l3-brick", NG, "City & Guilds Level 3 Diploma in Bricklaying", "City & Guilds Level "
      "3 Diploma",
      3, CON, "cg3", aliases="bricklaying level 3; advanced bricklaying; brickwork level 3",
      keywords="bricklayer; decorative brickwork; arches; site supervisor; self-employed")
    c("ngc-con-l2-carp", NG, "City & Guilds Level 2 Diploma in Site Carpentry", "City & Guilds "
      "Level 2 Diploma",
      2, CON, "cg2", aliases="carpentry level 2; joinery course; chippy course; site carpentry",
      keywords="carpenter; joiner; woodwork; roofing; building")
    c("ngc-con-l3-carp", NG, "City & Guilds Level 3 Diploma in Site Carpentry", "City & Guilds "
      "Level 3 Diploma",
      3, CON, "cg3", modes="full-time; part-time",
      aliases="carpentry level 3; advanced carpentry; site carpentry level 3",
      keywords="carpenter; joiner; staircases; roofing; site supervisor; self-employed")
    c("ngc-con-tl-dsp", NG, "T Level in Design, Surveying and Planning for Construction", "T "
      "Level", 3, CON,
      "tlevel", aliases="construction t level; t level surveying; t level construction design; dsp "
                        "t level",
      keywords="quantity surveyor; architect; site engineer; bim; surveying; town planning")
    c("ovc-con-l2-plumb", OV, "City & Guilds Level 2 Diploma in Plumbing Studies",
      "City & Guilds Level 2 Diploma", 2, CON, "cg2",
      aliases="plumbing level 2; plumbing course; plumber course",
      keywords="plumber; heating engineer; gas; bathrooms; heat pumps")
    c("ovc-con-l3-ed", OV, "Pearson BTEC Level 3 National Extended Diploma in Construction and the "
                           "Built Environment",
      "BTEC Level 3 National Extended Diploma", 3, CON, "ed3",
      aliases="btec construction; level 3 construction; built environment ext dip; construction "
              "extended diploma",
      keywords="civil engineering; architecture; site manager; surveyor; building services")
    c("ccc-con-l2-carp", CC, "City & Guilds Level 2 Diploma in Site Carpentry", "City & Guilds "
      "Level 2 Diploma",
      2, CON, "cg2", aliases="carpentry level 2; joinery course; carpentry scarborough",
      keywords="carpenter; joiner; woodwork; building; trades")
    c("wtp-con-app-l2", WT, "Carpentry and Joinery Apprenticeship (Level 2)", "Apprenticeship", 2,
      CON,
      "app2", duration="2 years",
      aliases="carpentry apprenticeship; joinery apprenticeship; chippy apprenticeship",
      keywords="carpenter; joiner; site work; earn while you learn; building")
    c("wtp-con-app-l4", WT, "Construction Design and Build Technician Apprenticeship (Level 4)",
      "Apprenticeship", 4, CON, "app4", duration="3 years",
      aliases="construction apprenticeship level 4; design and build apprenticeship; construction "
              "technician apprenticeship",
      keywords="site technician; construction design; bim; project management; earn while you "
               "learn")
    c("ngc-con-hnc", NG, "HNC in Construction Management", "HNC", 4, CON, "hnc",
      aliases="hnc construction; hnc construction management; construction hnc",
      keywords="site manager; project management; surveying; health and safety; cscs")
    c("dvu-con-hnd", DV, "HND in Construction Management", "HND", 5, CON, "hnd", modes="full-time; "
      "part-time",
      aliases="hnd construction; construction hnd; hnd construction management",
      keywords="site manager; contracts manager; project management; sustainability")
    c("dvu-con-hnc-qs", DV, "HNC in Quantity Surveying", "HNC", 4, CON, "hnc", modes="part-time; "
      "evening",
      aliases="hnc quantity surveying; qs hnc; hnc qs",
      keywords="quantity surveyor; cost estimating; contracts; measurement; rics")
    c("vyu-con-topup", VY, "BSc (Hons) Construction Management (Top-up)", "BSc (Hons) Top-up", 6,
      CON, "topup",
      aliases="construction management top up; construction top-up degree",
      keywords="construction manager; ciob; project management; site manager; sustainability")
    c("vyu-con-bsc-qs", VY, "BSc (Hons) Quantity Surveying", "BSc (Hons)", 6, CON, "deg",
      modes="full-time; part-time", ucas=104,
      entry="104 UCAS points (e.g. BTEC Extended Diploma at DMM, T Level at Merit or A levels at "
            "BCC); GCSE English and maths at grade 4",
      aliases="quantity surveying degree; qs degree; quantity surveyor degree",
      keywords="quantity surveyor; rics; cost management; contracts; commercial manager")
    c("uow-con-da", UW, "BSc (Hons) Construction Site Management (Degree Apprenticeship)",
      "Degree Apprenticeship", 6, CON, "da",
      aliases="construction degree apprenticeship; site management degree apprenticeship",
      keywords="site manager; earn while you learn; ciob; construction management; no tuition fees")

    p("ngc-con-l2-brick", "ngc-con-l3-brick", "recognised-route",
      "Pass the Level 2 Diploma; satisfactory attendance and practical assessment")
    p("ngc-con-l2-carp", "ngc-con-l3-carp", "recognised-route",
      "Pass the Level 2 Diploma; satisfactory attendance and practical assessment")
    p("wtp-con-app-l2", "ngc-con-l3-carp", "recognised-route",
      "Pass the end-point assessment; study the Level 3 Diploma part-time with employer support")
    p("ngc-con-tl-dsp", "ngc-con-hnc", "guaranteed-place", "Pass the T Level overall")
    p("ngc-con-tl-dsp", "vyu-con-bsc-qs", "guaranteed-interview", "Achieve the T Level at Merit or "
      "above")
    p("ovc-con-l3-ed", "ngc-con-hnc", "guaranteed-place", "Pass with at least MMM overall")
    p("ovc-con-l3-ed", "dvu-con-hnd", "guaranteed-place", "Pass with at least MPP overall (64 UCAS "
      "points)")
    p("ovc-con-l3-ed", "vyu-con-bsc-qs", "guaranteed-interview", "Achieve DMM or above")
    p("ngc-con-l3-brick", "wtp-con-app-l4", "recognised-route",
      "Employed on site with an employer who supports the Level 4 apprenticeship; GCSE maths at "
      "grade 4")
    p("ngc-con-l3-carp", "wtp-con-app-l4", "recognised-route",
      "Employed on site with an employer who supports the Level 4 apprenticeship; GCSE maths at "
      "grade 4")
    p("wtp-con-app-l4", "uow-con-da", "advanced-entry",
      "Complete the Level 4 apprenticeship; you join Year 2 of the degree apprenticeship with "
      "employer sponsorship")
    p("ngc-con-hnc", "dvu-con-hnd", "advanced-entry", "Pass the HNC; you join the second year of "
      "the HND")
    p("ngc-con-hnc", "vyu-con-bsc-qs", "credit-recognition",
      "Pass the HNC with Merit; recognised as 120 credits at Level 4 for direct entry to Level 5 "
      "of the part-time BSc")
    p("ngc-con-hnc", "uow-con-da", "credit-recognition",
      "Employer sponsorship required; HNC credits considered for exemption from Level 4 modules")
    p("dvu-con-hnc-qs", "vyu-con-bsc-qs", "advanced-entry",
      "Pass the HNC with Merit overall; you join Level 5 of the part-time BSc")
    p("dvu-con-hnd", "vyu-con-topup", "guaranteed-place", "Pass the HND with Merit overall")

    # ================================================================ COMPUTING
    c("ngc-comp-l2", NG, "Pearson BTEC Level 2 Technical Diploma in Digital Technology",
      "BTEC Level 2 Technical Diploma", 2, COMP, "l2",
      aliases="level 2 it; level 2 computing; it course level 2; digital technology level 2",
      keywords="computers; it support; coding; games; networking")
    c("ngc-comp-tl-dpdd", NG, "T Level in Digital Production, Design and Development", "T Level",
      3, COMP,
      "tlevel", aliases="digital t level; software t level; t level digital production; coding t "
                        "level",
      keywords="software developer; programming; web development; apps; python; games development")
    c("ngc-comp-l3-ed", NG, "Pearson BTEC Level 3 National Extended Diploma in Computing",
      "BTEC Level 3 National Extended Diploma", 3, COMP, "ed3",
      aliases="btec computing; level 3 computing; ext dip computing; computing extended diploma",
      keywords="programming; computer science; games development; networking; cyber security")
    c("ovc-comp-l3-it", OV, "Pearson BTEC Level 3 National Extended Diploma in Information "
                            "Technology",
      "BTEC Level 3 National Extended Diploma", 3, COMP, "ed3",
      aliases="btec it; level 3 it; it extended diploma; information technology level 3",
      keywords="it support; networking; web design; databases; cyber security")
    c("ndc-comp-tl-dss", ND, "T Level in Digital Support Services", "T Level", 3, COMP, "tlevel",
      aliases="it support t level; digital support t level; t level it",
      keywords="it support; helpdesk; network technician; cyber security; cloud")
    c("ral-comp-access", RA, "Access to HE Diploma (Computing)", "Access to HE Diploma", 3, COMP,
      "access",
      aliases="access to computing; access course computing; access computing",
      keywords="career change; computer science; programming; university; mature student")
    c("wtp-comp-app-l3", WT, "Digital Support Technician Apprenticeship (Level 3)",
      "Apprenticeship", 3,
      COMP, "app3", duration="18 months",
      aliases="it apprenticeship; digital support apprenticeship; it support apprenticeship",
      keywords="it support; helpdesk; office 365; earn while you learn; networking")
    c("wtp-comp-app-l4", WT, "Software Developer Apprenticeship (Level 4)", "Apprenticeship", 4,
      COMP, "app4",
      aliases="software apprenticeship; coding apprenticeship; level 4 software developer; "
              "developer apprenticeship",
      keywords="software developer; programming; web development; earn while you learn; agile")
    c("ngc-comp-hnc", NG, "HNC in Computing", "HNC", 4, COMP, "hnc", modes="full-time; part-time",
      duration="1 year full-time or 2 years part-time",
      aliases="hnc computing; computing hnc; hnc it",
      keywords="programming; networking; databases; cyber security; software development")
    c("ngc-comp-hnd", NG, "HND in Computing", "HND", 5, COMP, "hnd",
      aliases="hnd computing; computing hnd; hnd it",
      keywords="software engineering; networking; cloud computing; data analytics; cyber security")
    c("dvu-comp-fdsc", DV, "FdSc Cyber Security and Networking", "FdSc", 5, COMP, "fd",
      aliases="foundation degree cyber security; fdsc cyber; cyber security foundation degree",
      keywords="cyber security; ethical hacking; networking; cisco; security analyst")
    c("vyu-comp-bsc", VY, "BSc (Hons) Computer Science", "BSc (Hons)", 6, COMP, "deg", ucas=128,
      entry="128 UCAS points (e.g. A levels at ABB including maths or computing, BTEC Extended "
            "Diploma in Computing at DDM, or T Level at Distinction); GCSE maths at grade 5",
      aliases="computer science degree; comp sci; cs degree",
      keywords="software engineer; programming; artificial intelligence; algorithms; data science")
    c("vyu-comp-topup", VY, "BSc (Hons) Computing (Top-up)", "BSc (Hons) Top-up", 6, COMP, "topup",
      aliases="computing top up; computing top-up degree; top up computing",
      keywords="software development; project; cloud; data; career progression")
    c("uow-comp-cyber", UW, "BSc (Hons) Cyber Security", "BSc (Hons)", 6, COMP, "deg", ucas=104,
      entry="104 UCAS points (e.g. BTEC Extended Diploma in IT or Computing at DMM, T Level at "
            "Merit, or A levels at BCC); GCSE maths at grade 4",
      aliases="cyber security degree; cyber degree; ethical hacking degree",
      keywords="cyber security; ethical hacking; penetration testing; digital forensics; security "
               "analyst")
    c("uow-comp-da", UW, "BSc (Hons) Digital and Technology Solutions (Degree Apprenticeship)",
      "Degree Apprenticeship", 6, COMP, "da",
      aliases="dts degree apprenticeship; it degree apprenticeship; software degree apprenticeship",
      keywords="software engineer; data analyst; earn while you learn; no tuition fees; it "
               "consultant")
    c("vyu-comp-msc", VY, "MSc Data Science", "MSc", 7, COMP, "msc",
      entry="A 2:2 honours degree or above in computing, maths, science or another numerate "
            "subject",
      aliases="data science masters; masters in data science",
      keywords="data scientist; machine learning; statistics; python; artificial intelligence")

    p("ngc-comp-l2", "ngc-comp-l3-ed", "recognised-route",
      "Pass the Level 2 Technical Diploma with Merit; GCSE maths at grade 4")
    p("ngc-comp-l2", "ngc-comp-tl-dpdd", "guaranteed-interview",
      "Pass with Merit; GCSE English and maths at grade 4")
    p("ngc-comp-tl-dpdd", "ngc-comp-hnc", "guaranteed-place", "Pass the T Level overall")
    p("ngc-comp-tl-dpdd", "vyu-comp-bsc", "guaranteed-interview",
      "Achieve the T Level at Distinction; GCSE maths at grade 5")
    p("ngc-comp-l3-ed", "ngc-comp-hnc", "guaranteed-place", "Pass with at least MMM overall")
    p("ngc-comp-l3-ed", "dvu-comp-fdsc", "guaranteed-place", "Pass with at least MPP overall")
    p("ngc-comp-l3-ed", "vyu-comp-bsc", "guaranteed-interview",
      "Achieve DDM; GCSE maths at grade 5")
    p("ovc-comp-l3-it", "dvu-comp-fdsc", "guaranteed-place", "Pass with at least MPP overall")
    p("ovc-comp-l3-it", "uow-comp-cyber", "guaranteed-interview", "Achieve DMM or above")
    p("ndc-comp-tl-dss", "dvu-comp-fdsc", "guaranteed-place", "Pass the T Level overall")
    p("ndc-comp-tl-dss", "wtp-comp-app-l4", "guaranteed-interview",
      "Pass the T Level; you are put forward to partner employers' apprentice vacancies")
    p("ral-comp-access", "vyu-comp-bsc", "guaranteed-interview",
      "Pass the Access to HE Diploma with 60 credits, including at least 30 graded credits at "
      "Distinction in computing or maths units")
    p("ral-comp-access", "uow-comp-cyber", "guaranteed-place",
      "Pass the Access to HE Diploma with 60 credits, including at least 24 graded credits at "
      "Merit or above")
    p("wtp-comp-app-l3", "wtp-comp-app-l4", "recognised-route",
      "Pass the end-point assessment; your employer agrees to support the Level 4 apprenticeship")
    p("wtp-comp-app-l4", "uow-comp-da", "advanced-entry",
      "Complete the Level 4 apprenticeship; you join Year 2 of the degree apprenticeship with "
      "employer sponsorship")
    p("ngc-comp-hnc", "ngc-comp-hnd", "advanced-entry", "Pass the HNC; you join the second year of "
      "the HND")
    p("ngc-comp-hnd", "vyu-comp-topup", "guaranteed-place", "Pass the HND with Merit overall")
    p("dvu-comp-fdsc", "vyu-comp-topup", "guaranteed-place",
      "Pass the FdSc with an average of 55% or above at Level 5")
    p("dvu-comp-fdsc", "uow-comp-cyber", "advanced-entry",
      "Pass the FdSc with an average of 60% or above; you join the final year (Level 6) of the BSc")
    p("vyu-comp-topup", "vyu-comp-msc", "guaranteed-interview", "Achieve a 2:1 or above")
    p("vyu-comp-bsc", "vyu-comp-msc", "guaranteed-place", "Achieve a 2:1 or above")

    # ================================================================ HEALTH AND SOCIAL CARE
    c("ndc-hsc-l2", ND, "NCFE CACHE Level 2 Diploma in Care", "NCFE CACHE Level 2 Diploma", 2, HSC,
      "l2",
      aliases="level 2 care; health and social care level 2; care course level 2",
      keywords="care assistant; care homes; nursing; helping people; support worker")
    c("ngc-hsc-l3-ed", NG, "Pearson BTEC Level 3 National Extended Diploma in Health and Social "
                           "Care",
      "BTEC Level 3 National Extended Diploma", 3, HSC, "ed3",
      aliases="btec health and social care; level 3 health and social care; hsc level 3; ext dip "
              "health",
      keywords="nursing; midwife; social worker; paramedic; occupational therapy; care")
    c("ndc-hsc-l3-ed", ND, "Pearson BTEC Level 3 National Extended Diploma in Health and Social "
                           "Care",
      "BTEC Level 3 National Extended Diploma", 3, HSC, "ed3",
      aliases="btec health and social care; level 3 health and social care; hsc level 3",
      keywords="nursing; mental health; social worker; care; counselling")
    c("ngc-hsc-tl", NG, "T Level in Health", "T Level", 3, HSC, "tlevel",
      aliases="health t level; t level nursing; t level health",
      keywords="nursing; healthcare support worker; nhs; midwife; hospital; industry placement")
    c("ngc-hsc-access", NG, "Access to HE Diploma (Health Professions)", "Access to HE Diploma", 3,
      HSC,
      "access", aliases="access to health; access health professions; access course health",
      keywords="radiography; physiotherapy; occupational therapy; paramedic; career change")
    c("ral-hsc-access-nm", RA, "Access to HE Diploma (Nursing and Midwifery)", "Access to HE "
      "Diploma", 3, HSC,
      "access", entry="Aged 19 or over; GCSE English and maths at grade 4 (C) or above; interview, "
                      "written task and satisfactory DBS check",
      aliases="access to nursing; access course nursing; access nursing and midwifery; access to "
              "midwifery",
      keywords="nursing; midwife; mature student; career change; nhs")
    c("ccc-hsc-access", CC, "Access to HE Diploma (Health and Social Care)", "Access to HE "
      "Diploma", 3, HSC,
      "access", aliases="access to health and social care; access course health and social care",
      keywords="social work; nursing; care management; mature student; career change")
    c("wtp-hsc-app-l2", WT, "Adult Care Worker Apprenticeship (Level 2)", "Apprenticeship", 2, HSC,
      "app2",
      aliases="care apprenticeship; adult care apprenticeship; care worker apprenticeship",
      keywords="care worker; home care; care homes; earn while you learn; dementia care")
    c("wtp-hsc-app-l3", WT, "Lead Adult Care Worker Apprenticeship (Level 3)", "Apprenticeship", 3,
      HSC,
      "app3", duration="18 months",
      aliases="senior carer apprenticeship; lead adult care worker; level 3 care apprenticeship",
      keywords="senior carer; care team leader; medication; earn while you learn; supported living")
    c("ngc-hsc-hnc", NG, "HNC in Healthcare Practice", "HNC", 4, HSC, "hnc", modes="part-time; "
      "full-time",
      duration="1 year full-time or 2 years part-time",
      aliases="hnc healthcare; hnc healthcare practice; hnc health",
      keywords="healthcare assistant; assistant practitioner; nhs; care management")
    c("dvu-hsc-fda", DV, "FdA Health and Social Care", "FdA", 5, HSC, "fd",
      aliases="foundation degree health and social care; fda health; fd health and social care",
      keywords="care management; social care; health promotion; support worker; community work")
    c("dvu-hsc-na", DV, "FdSc Nursing Associate (Apprenticeship)", "Apprenticeship", 5, HSC, "app5",
      entry="Employed in a healthcare role by an NHS or care employer who supports the "
            "apprenticeship; GCSE English and maths at grade 4 or Functional Skills Level 2",
      aliases="nursing associate; trainee nursing associate; tna; nursing associate apprenticeship",
      keywords="nursing associate; nhs; earn while you learn; nmc registration; ward work")
    c("vyu-hsc-nurs-adult", VY, "BSc (Hons) Nursing (Adult)", "BSc (Hons)", 6, HSC, "deg",
      entry="112 UCAS points (e.g. BTEC Extended Diploma in Health and Social Care at DMM, T Level "
            "in Health at Merit, or an Access to HE Diploma with 60 credits including 24 at "
            "Merit); GCSE English and maths at grade 4; values-based interview, DBS and "
            "occupational health checks",
      aliases="adult nursing degree; nursing degree; rn adult; adult nursing",
      keywords="nurse; nhs; hospital; registered nurse; placements")
    c("vyu-hsc-nurs-mh", VY, "BSc (Hons) Nursing (Mental Health)", "BSc (Hons)", 6, HSC, "deg",
      entry="112 UCAS points (e.g. BTEC Extended Diploma in Health and Social Care at DMM, or an "
            "Access to HE Diploma with 60 credits including 24 at Merit); GCSE English and maths "
            "at grade 4; values-based interview, DBS and occupational health checks",
      aliases="mental health nursing; mh nursing degree; mental health nurse degree",
      keywords="mental health nurse; nhs; wellbeing; registered nurse; community mental health")
    c("uow-hsc-para", UW, "BSc (Hons) Paramedic Science", "BSc (Hons)", 6, HSC, "deg", ucas=120,
      entry="120 UCAS points including a science or health subject (e.g. BTEC Extended Diploma at "
            "DDM, or an Access to HE Diploma with 30 credits at Distinction); GCSE English, maths "
            "and science at grade 4; full UK driving licence",
      aliases="paramedic degree; paramedic science; become a paramedic",
      keywords="paramedic; ambulance; emergency care; nhs; first responder")
    c("uow-hsc-midwifery", UW, "BSc (Hons) Midwifery", "BSc (Hons)", 6, HSC, "deg", ucas=120,
      entry="120 UCAS points (e.g. BTEC Extended Diploma at DDM, T Level in Health at Merit, or an "
            "Access to HE Diploma with 30 credits at Distinction); GCSE English, maths and science "
            "at grade 4; interview, DBS and occupational health checks",
      aliases="midwifery degree; midwife degree; become a midwife",
      keywords="midwife; pregnancy; maternity; nhs; babies")
    c("uow-hsc-topup", UW, "BA (Hons) Health and Social Care (Top-up)", "BA (Hons) Top-up", 6, HSC,
      "topup",
      aliases="health and social care top up; hsc top-up; health and social care degree top up",
      keywords="care management; public health; social care; leadership; community services")
    c("uow-hsc-rnda", UW, "BSc (Hons) Nursing (Registered Nurse Degree Apprenticeship)",
      "Degree Apprenticeship", 6, HSC, "da",
      entry="Employed by a partner NHS trust or care provider who sponsors the apprenticeship; 112 "
            "UCAS points or a Level 5 Nursing Associate qualification; GCSE English and maths at "
            "grade 4",
      aliases="nursing degree apprenticeship; rnda; nurse apprenticeship",
      keywords="registered nurse; earn while you learn; nhs; no tuition fees; nursing associate")

    p("ndc-hsc-l2", "ndc-hsc-l3-ed", "recognised-route",
      "Pass the Level 2 Diploma with Merit; GCSE English at grade 4")
    p("ndc-hsc-l2", "wtp-hsc-app-l3", "guaranteed-interview",
      "Pass the Level 2 Diploma and a DBS check; you are interviewed by partner care employers")
    p("ngc-hsc-l3-ed", "ngc-hsc-hnc", "guaranteed-place", "Pass with at least MMM overall")
    p("ngc-hsc-l3-ed", "dvu-hsc-fda", "guaranteed-place", "Pass with at least MPP overall (64 UCAS "
      "points)")
    p("ngc-hsc-l3-ed", "vyu-hsc-nurs-adult", "guaranteed-interview",
      "Achieve DMM (112 UCAS points); GCSE English and maths at grade 4; satisfactory DBS and "
      "occupational health checks")
    p("ndc-hsc-l3-ed", "dvu-hsc-fda", "guaranteed-place", "Pass with at least MPP overall (64 UCAS "
      "points)")
    p("ndc-hsc-l3-ed", "vyu-hsc-nurs-mh", "guaranteed-interview",
      "Achieve DMM (112 UCAS points); GCSE English and maths at grade 4")
    p("ngc-hsc-tl", "vyu-hsc-nurs-adult", "guaranteed-interview",
      "Achieve the T Level at Merit, with the Supporting the Adult Nursing Team occupational "
      "specialism")
    p("ngc-hsc-tl", "uow-hsc-midwifery", "guaranteed-interview",
      "Achieve the T Level at Merit, with the Supporting the Midwifery Team occupational "
      "specialism")
    p("ngc-hsc-access", "uow-hsc-para", "guaranteed-interview",
      "Pass the Access to HE Diploma with 60 credits, including at least 30 graded credits at "
      "Distinction; full UK driving licence")
    p("ngc-hsc-access", "vyu-hsc-nurs-adult", "guaranteed-interview",
      "Pass the Access to HE Diploma with 60 credits, including at least 24 graded credits at "
      "Merit or above; satisfactory reference")
    p("ral-hsc-access-nm", "vyu-hsc-nurs-adult", "guaranteed-interview",
      "Pass with 60 credits, including at least 24 graded credits at Merit or above; GCSE English "
      "and maths at grade 4; DBS and occupational health clearance")
    p("ral-hsc-access-nm", "vyu-hsc-nurs-mh", "guaranteed-interview",
      "Pass with 60 credits, including at least 24 graded credits at Merit or above; GCSE English "
      "and maths at grade 4")
    p("ral-hsc-access-nm", "uow-hsc-midwifery", "guaranteed-interview",
      "Pass with 60 credits, including at least 30 graded credits at Distinction; GCSE English, "
      "maths and science at grade 4")
    p("ccc-hsc-access", "dvu-hsc-fda", "guaranteed-place", "Pass the Access to HE Diploma (60 "
      "credits)")
    p("wtp-hsc-app-l2", "wtp-hsc-app-l3", "recognised-route",
      "Pass the end-point assessment; your employer agrees to support the Level 3 apprenticeship")
    p("wtp-hsc-app-l3", "ngc-hsc-hnc", "guaranteed-place",
      "Pass the end-point assessment (any grade); employer support for part-time study")
    p("wtp-hsc-app-l3", "dvu-hsc-na", "guaranteed-interview",
      "Pass the end-point assessment; GCSE English and maths at grade 4 or Functional Skills Level "
      "2; employer support")
    p("ngc-hsc-hnc", "dvu-hsc-fda", "advanced-entry", "Pass the HNC; you join Year 2 of the FdA")
    p("dvu-hsc-fda", "uow-hsc-topup", "guaranteed-place", "Pass the FdA with an average of 50% or "
      "above")
    p("dvu-hsc-na", "uow-hsc-rnda", "advanced-entry",
      "Registered with the NMC as a nursing associate; you join Year 2 of the degree "
      "apprenticeship with employer sponsorship")
    p("dvu-hsc-na", "vyu-hsc-nurs-adult", "advanced-entry",
      "Registered with the NMC as a nursing associate; recognition of prior learning for entry to "
      "Year 2")

    # ================================================================ EARLY YEARS
    c("ndc-ey-l2", ND, "NCFE CACHE Level 2 Diploma for the Early Years Practitioner",
      "NCFE CACHE Level 2 Diploma", 2, EY, "l2",
      aliases="childcare level 2; early years level 2; level 2 childcare; nursery nurse level 2",
      keywords="nursery; childcare; working with children; nursery assistant; play")
    c("ndc-ey-l3", ND, "NCFE CACHE Level 3 Diploma for the Early Years Workforce (Early Years "
                       "Educator)",
      "NCFE CACHE Level 3 Diploma", 3, EY, "ed3",
      aliases="childcare level 3; early years educator; cache level 3; nursery nurse course; eye",
      keywords="nursery; childcare; early years educator; preschool; childminder")
    c("ngc-ey-tl", NG, "T Level in Education and Early Years", "T Level", 3, EY, "tlevel",
      aliases="education t level; early years t level; childcare t level; t level childcare",
      keywords="teaching; nursery; primary school; early years educator; send; teaching assistant")
    c("ccc-ey-l3", CC, "Pearson BTEC Level 3 National Extended Diploma in Children's Play, "
                       "Learning and Development",
      "BTEC Level 3 National Extended Diploma", 3, EY, "ed3",
      aliases="btec childcare; children's play learning and development; cpld; btec early years",
      keywords="nursery; childcare; play worker; primary teaching; early years educator")
    c("wtp-ey-app-l3", WT, "Early Years Educator Apprenticeship (Level 3)", "Apprenticeship", 3,
      EY, "app3",
      duration="18 months",
      aliases="childcare apprenticeship; nursery apprenticeship; early years apprenticeship",
      keywords="nursery practitioner; childcare; earn while you learn; room leader; preschool")
    c("wtp-ey-app-l5", WT, "Early Years Lead Practitioner Apprenticeship (Level 5)",
      "Apprenticeship", 5, EY,
      "app5", aliases="early years lead practitioner; level 5 early years apprenticeship; nursery "
                      "manager apprenticeship",
      keywords="nursery manager; leadership; early years; earn while you learn; room leader")
    c("ndc-ey-hnc", ND, "HNC in Early Childhood Education and Care", "HNC", 4, EY, "hnc",
      entry="A Level 3 early years qualification (e.g. Early Years Educator) and working or "
            "volunteering in an early years setting; GCSE English and maths at grade 4",
      aliases="hnc early years; hnc early childhood; hnc childcare",
      keywords="nursery manager; early years practitioner; child development; leadership; send")
    c("dvu-ey-fda", DV, "FdA Children's Development and Learning", "FdA", 5, EY, "fd",
      modes="part-time; full-time", duration="2 years full-time or 3 years part-time",
      aliases="foundation degree early years; fda children's development; fd early years; "
              "children's development and learning",
      keywords="early years; child development; nursery manager; teaching assistant; family "
               "support")
    c("vyu-ey-topup", VY, "BA (Hons) Early Childhood Studies (Top-up)", "BA (Hons) Top-up", 6, EY,
      "topup",
      aliases="early childhood top up; early years top-up degree; early childhood studies top up",
      keywords="early years teacher; nursery manager; child development; family support; eyts")
    c("vyu-ey-ba", VY, "BA (Hons) Early Childhood Studies", "BA (Hons)", 6, EY, "deg", ucas=104,
      entry="104 UCAS points (e.g. BTEC Extended Diploma at DMM or T Level at Merit); GCSE English "
            "and maths at grade 4; DBS check",
      aliases="early childhood studies degree; early years degree",
      keywords="early years teacher; child development; social work; family support; play therapy")

    p("ndc-ey-l2", "ndc-ey-l3", "recognised-route",
      "Pass the Level 2 Diploma; GCSE English and maths at grade 4 (or continue to study them)")
    p("ndc-ey-l2", "wtp-ey-app-l3", "guaranteed-interview",
      "Pass the Level 2 Diploma; you are interviewed by partner nurseries with apprentice "
      "vacancies")
    p("ndc-ey-l3", "ndc-ey-hnc", "guaranteed-place",
      "Pass the Diploma; working or volunteering in an early years setting for at least 16 hours a "
      "week")
    p("ndc-ey-l3", "dvu-ey-fda", "guaranteed-place",
      "Pass the Diploma; working or volunteering in an early years setting")
    p("ngc-ey-tl", "dvu-ey-fda", "guaranteed-place", "Pass the T Level overall")
    p("ngc-ey-tl", "vyu-ey-ba", "guaranteed-interview", "Achieve the T Level at Merit or above")
    p("ngc-ey-tl", "vyu-ted-prim", "guaranteed-interview",
      "Achieve the T Level at Distinction; GCSE English, maths and science at grade 4; DBS check")
    p("ccc-ey-l3", "dvu-ey-fda", "guaranteed-place", "Pass with at least MPP overall")
    p("ccc-ey-l3", "vyu-ey-ba", "guaranteed-interview", "Achieve DMM or above; DBS check")
    p("wtp-ey-app-l3", "wtp-ey-app-l5", "recognised-route",
      "Pass the end-point assessment; your employer agrees to support the Level 5 apprenticeship")
    p("wtp-ey-app-l3", "ndc-ey-hnc", "guaranteed-place", "Pass the end-point assessment (any "
      "grade)")
    p("ndc-ey-hnc", "dvu-ey-fda", "advanced-entry", "Pass the HNC; you join Year 2 of the FdA")
    p("dvu-ey-fda", "vyu-ey-topup", "guaranteed-place", "Pass the FdA with an average of 50% or "
      "above")
    p("wtp-ey-app-l5", "vyu-ey-topup", "credit-recognition",
      "Completed Level 5 apprenticeship recognised as 120 credits at Level 5 for entry to the "
      "top-up")

    # ================================================================ BUSINESS
    c("ovc-bus-l2", OV, "Pearson BTEC Level 2 Technical Certificate in Business Administration",
      "BTEC Level 2 Technical Certificate", 2, BUS, "l2",
      aliases="business admin level 2; level 2 business; office skills course",
      keywords="office work; administration; receptionist; customer service; business")
    c("ovc-bus-l3-ed", OV, "Pearson BTEC Level 3 National Extended Diploma in Business",
      "BTEC Level 3 National Extended Diploma", 3, BUS, "ed3",
      aliases="btec business; level 3 business; business extended diploma; ext dip business",
      keywords="accountant; marketing; management; entrepreneur; finance; hr")
    c("ndc-bus-l3-ed", ND, "Pearson BTEC Level 3 National Extended Diploma in Business",
      "BTEC Level 3 National Extended Diploma", 3, BUS, "ed3",
      aliases="btec business; level 3 business; business extended diploma",
      keywords="marketing; events; management; entrepreneur; tourism")
    c("ngc-bus-tl", NG, "T Level in Management and Administration", "T Level", 3, BUS, "tlevel",
      aliases="business t level; t level management; admin t level; management and administration "
              "t level",
      keywords="office manager; team leader; project support; hr; administration")
    c("ngc-bus-aat-l3", NG, "AAT Level 3 Diploma in Accounting", "AAT Level 3 Diploma", 3, BUS,
      "ed3",
      modes="part-time; evening", duration="1 year part-time",
      entry="AAT Level 2 Certificate in Accounting or relevant bookkeeping experience; GCSE maths "
            "at grade 4",
      aliases="aat level 3; aat advanced; accounting level 3; aat",
      keywords="accountant; bookkeeping; finance; payroll; tax")
    c("wtp-bus-app-l3", WT, "Business Administrator Apprenticeship (Level 3)", "Apprenticeship", 3,
      BUS,
      "app3", duration="18 months",
      aliases="business admin apprenticeship; admin apprenticeship; office apprenticeship",
      keywords="administration; office; earn while you learn; receptionist; business support")
    c("wtp-bus-app-l5", WT, "Operations or Departmental Manager Apprenticeship (Level 5)",
      "Apprenticeship",
      5, BUS, "app5",
      aliases="management apprenticeship; level 5 management; odm apprenticeship; operations "
              "manager apprenticeship",
      keywords="manager; leadership; team leader; earn while you learn; cmi")
    c("ndc-bus-hnc", ND, "HNC in Business", "HNC", 4, BUS, "hnc", modes="full-time; part-time",
      duration="1 year full-time or 2 years part-time",
      aliases="hnc business; business hnc",
      keywords="management; marketing; accounting; hr; entrepreneur")
    c("ngc-bus-hnd", NG, "HND in Business", "HND", 5, BUS, "hnd",
      aliases="hnd business; business hnd; hnd business management",
      keywords="management; marketing; finance; hr; entrepreneur")
    c("dvu-bus-fda", DV, "FdA Business and Management", "FdA", 5, BUS, "fd",
      aliases="foundation degree business; fda business; business foundation degree",
      keywords="management; marketing; finance; leadership; small business")
    c("uow-bus-topup", UW, "BA (Hons) Business Management (Top-up)", "BA (Hons) Top-up", 6, BUS,
      "topup",
      aliases="business top up; business management top-up; ba business top up",
      keywords="management; strategy; marketing; leadership; graduate jobs")
    c("vyu-bus-ba", VY, "BA (Hons) Business Management", "BA (Hons)", 6, BUS, "deg",
      aliases="business degree; business management degree; ba business",
      keywords="management; marketing; finance; entrepreneurship; placement year")
    c("uow-bus-cmda", UW, "BA (Hons) Business Management (Chartered Manager Degree Apprenticeship)",
      "Degree Apprenticeship", 6, BUS, "da",
      aliases="chartered manager degree apprenticeship; cmda; management degree apprenticeship",
      keywords="manager; leadership; cmi; earn while you learn; no tuition fees")

    p("ovc-bus-l2", "ovc-bus-l3-ed", "recognised-route",
      "Pass the Level 2 Technical Certificate with Merit; GCSE English and maths at grade 4")
    p("ovc-bus-l2", "wtp-bus-app-l3", "guaranteed-interview",
      "Pass the Level 2 Technical Certificate; you are put forward to partner employers' vacancies")
    p("ovc-bus-l3-ed", "dvu-bus-fda", "guaranteed-place", "Pass with at least MPP overall")
    p("ovc-bus-l3-ed", "vyu-bus-ba", "guaranteed-interview", "Achieve DMM or above")
    p("ndc-bus-l3-ed", "ndc-bus-hnc", "guaranteed-place", "Pass with at least PPP overall")
    p("ndc-bus-l3-ed", "vyu-bus-ba", "guaranteed-interview", "Achieve DMM or above")
    p("ngc-bus-tl", "ngc-bus-hnd", "guaranteed-place", "Pass the T Level overall")
    p("wtp-bus-app-l3", "wtp-bus-app-l5", "recognised-route",
      "Pass the end-point assessment; you have or are moving into a management role")
    p("wtp-bus-app-l3", "ndc-bus-hnc", "guaranteed-place",
      "Pass the end-point assessment (any grade); employer support for part-time study")
    p("wtp-bus-app-l5", "uow-bus-cmda", "advanced-entry",
      "Complete the Level 5 apprenticeship; you join Level 6 of the degree apprenticeship with "
      "employer sponsorship")
    p("ndc-bus-hnc", "ngc-bus-hnd", "advanced-entry", "Pass the HNC; you join the second year of "
      "the HND")
    p("ndc-bus-hnc", "dvu-bus-fda", "advanced-entry", "Pass the HNC with Merit; you join Year 2 of "
      "the FdA")
    p("ngc-bus-hnd", "uow-bus-topup", "guaranteed-place", "Pass the HND with Merit overall")
    p("dvu-bus-fda", "uow-bus-topup", "guaranteed-place", "Pass the FdA with an average of 50% or "
      "above")
    p("dvu-bus-fda", "vyu-bus-ba", "advanced-entry",
      "Pass the FdA with an average of 60% or above; you join the final year of the BA")

    # ================================================================ CREATIVE AND DIGITAL MEDIA
    c("ngc-cdm-l2", NG, "Pearson BTEC Level 2 Technical Diploma in Digital Media Production",
      "BTEC Level 2 Technical Diploma", 2, CDM, "l2",
      aliases="media level 2; level 2 media; digital media level 2",
      keywords="video; photography; youtube; editing; social media")
    c("ngc-cdm-l3-ed", NG, "Pearson BTEC Level 3 National Extended Diploma in Creative Digital "
                           "Media Production",
      "BTEC Level 3 National Extended Diploma", 3, CDM, "ed3",
      aliases="btec media; creative media level 3; media production level 3; ext dip media",
      keywords="film making; youtube; video editing; tv; photography; journalism")
    c("ngc-cdm-tl", NG, "T Level in Media, Broadcast and Production", "T Level", 3, CDM, "tlevel",
      aliases="media t level; t level media; broadcast t level",
      keywords="tv production; broadcasting; camera operator; content creator; radio")
    c("ccc-cdm-l3-ual", CC, "UAL Level 3 Extended Diploma in Creative Practice: Art, Design & "
                            "Communication",
      "UAL Level 3 Extended Diploma", 3, CDM, "ed3",
      entry="5 GCSEs at grade 4 or above including English, plus a portfolio of creative work",
      aliases="art and design level 3; ual art; ual level 3; graphic design course",
      keywords="graphic design; illustration; photography; fine art; animation")
    c("ndc-cdm-l3-ual", ND, "UAL Level 3 Extended Diploma in Creative Media Production & "
                            "Technology",
      "UAL Level 3 Extended Diploma", 3, CDM, "ed3",
      entry="5 GCSEs at grade 4 or above including English, plus examples of creative work",
      aliases="ual media; creative media production; games and media level 3",
      keywords="games design; animation; film; sound design; visual effects")
    c("ngc-cdm-hnd", NG, "HND in Creative Media Production", "HND", 5, CDM, "hnd",
      aliases="hnd media; hnd creative media; media hnd",
      keywords="film making; content creator; editing; broadcast; animation")
    c("dvu-cdm-fda", DV, "FdA Film and Television Production", "FdA", 5, CDM, "fd",
      aliases="foundation degree film; fda film and tv; film and tv foundation degree",
      keywords="film; tv production; camera operator; editing; documentary")
    c("vyu-cdm-ba", VY, "BA (Hons) Film and Television Production", "BA (Hons)", 6, CDM, "deg",
      ucas=104,
      entry="104 UCAS points (e.g. BTEC Extended Diploma at DMM or T Level at Merit) and a "
            "portfolio or showreel; GCSE English at grade 4",
      aliases="film degree; tv production degree; film and tv degree",
      keywords="film director; tv producer; cinematography; editing; screenwriting")
    c("vyu-cdm-topup", VY, "BA (Hons) Creative Media Production (Top-up)", "BA (Hons) Top-up", 6,
      CDM, "topup",
      aliases="media top up; creative media top-up; media production top up",
      keywords="media production; content creator; film; portfolio; freelance")
    c("uow-cdm-games", UW, "BA (Hons) Games Design", "BA (Hons)", 6, CDM, "deg", ucas=104,
      entry="104 UCAS points and a portfolio of creative or technical work; GCSE English at grade "
            "4",
      aliases="games design degree; game design; video games degree",
      keywords="games designer; unity; unreal engine; level design; 3d modelling")
    c("uow-cdm-graphic", UW, "BA (Hons) Graphic Design", "BA (Hons)", 6, CDM, "deg", ucas=104,
      entry="104 UCAS points and a portfolio of creative work; GCSE English at grade 4",
      aliases="graphic design degree; graphics degree",
      keywords="graphic designer; branding; illustration; typography; advertising")

    p("ngc-cdm-l2", "ngc-cdm-l3-ed", "recognised-route",
      "Pass the Level 2 Technical Diploma with Merit; GCSE English at grade 4")
    p("ngc-cdm-l3-ed", "ngc-cdm-hnd", "guaranteed-place", "Pass with at least MPP overall")
    p("ngc-cdm-l3-ed", "dvu-cdm-fda", "guaranteed-place", "Pass with at least MPP overall")
    p("ngc-cdm-l3-ed", "vyu-cdm-ba", "guaranteed-interview", "Achieve DMM or above; bring a "
      "showreel")
    p("ngc-cdm-tl", "ngc-cdm-hnd", "guaranteed-place", "Pass the T Level overall")
    p("ngc-cdm-tl", "vyu-cdm-ba", "guaranteed-interview", "Achieve the T Level at Merit; bring a "
      "showreel")
    p("ccc-cdm-l3-ual", "uow-cdm-graphic", "guaranteed-interview", "Achieve Merit overall; "
      "portfolio review")
    p("ccc-cdm-l3-ual", "uow-cdm-games", "guaranteed-interview", "Achieve Merit overall; portfolio "
      "review")
    p("ndc-cdm-l3-ual", "dvu-cdm-fda", "guaranteed-place", "Pass the Extended Diploma")
    p("ndc-cdm-l3-ual", "uow-cdm-games", "guaranteed-interview", "Achieve Merit overall; portfolio "
      "review")
    p("ngc-cdm-hnd", "vyu-cdm-topup", "guaranteed-place", "Pass the HND with Merit overall")
    p("dvu-cdm-fda", "vyu-cdm-topup", "guaranteed-place", "Pass the FdA with an average of 50% or "
      "above")

    # ================================================================ SPORT
    c("ndc-spt-l2", ND, "NCFE Level 2 Diploma in Sport", "NCFE Level 2 Diploma", 2, SPORT, "l2",
      aliases="level 2 sport; sport level 2; sports course level 2",
      keywords="football; fitness; coaching; gym; pe")
    c("ndc-spt-l3-ed", ND, "Pearson BTEC Level 3 National Extended Diploma in Sport and Exercise "
                           "Science",
      "BTEC Level 3 National Extended Diploma", 3, SPORT, "ed3",
      aliases="sport science level 3; btec sport science; sports science ext dip",
      keywords="physiotherapy; sports science; strength and conditioning; nutrition; fitness")
    c("ngc-spt-l3-ed", NG, "Pearson BTEC Level 3 National Extended Diploma in Sport",
      "BTEC Level 3 National Extended Diploma", 3, SPORT, "ed3",
      aliases="btec sport; level 3 sport; sport extended diploma; ext dip sport",
      keywords="pe teacher; coaching; personal trainer; football; fitness")
    c("ccc-spt-l3-outdoor", CC, "Pearson BTEC Level 3 National Extended Diploma in Sport and "
                                "Outdoor Activities",
      "BTEC Level 3 National Extended Diploma", 3, SPORT, "ed3",
      aliases="outdoor education; outdoor activities level 3; adventure sports; outdoor ed",
      keywords="surfing; climbing; kayaking; outdoor instructor; paddleboarding; lifeguard")
    c("wtp-spt-app-l3", WT, "Personal Trainer Apprenticeship (Level 3)", "Apprenticeship", 3,
      SPORT, "app3",
      duration="13 months",
      aliases="personal trainer apprenticeship; pt apprenticeship; gym instructor apprenticeship",
      keywords="personal trainer; gym; fitness instructor; earn while you learn; nutrition")
    c("ndc-spt-hnc", ND, "HNC in Sport and Exercise Science", "HNC", 4, SPORT, "hnc",
      modes="full-time",
      duration="1 year full-time",
      aliases="hnc sport; hnc sport science; sport science hnc",
      keywords="sports science; strength and conditioning; coaching; fitness testing")
    c("dvu-spt-fdsc", DV, "FdSc Sports Coaching and Development", "FdSc", 5, SPORT, "fd",
      aliases="foundation degree sports coaching; fdsc coaching; sports coaching fd",
      keywords="sports coach; community sport; pe; football coaching; sports development")
    c("vyu-spt-bsc", VY, "BSc (Hons) Sport and Exercise Science", "BSc (Hons)", 6, SPORT, "deg",
      aliases="sport science degree; sports science degree; exercise science degree",
      keywords="sports scientist; physiology; biomechanics; strength and conditioning; performance "
               "analysis")
    c("vyu-spt-topup", VY, "BSc (Hons) Sports Coaching (Top-up)", "BSc (Hons) Top-up", 6, SPORT,
      "topup",
      aliases="sports coaching top up; coaching top-up degree",
      keywords="sports coach; pe teacher; talent development; coaching science")
    c("uow-spt-pe", UW, "BSc (Hons) Physical Education and School Sport", "BSc (Hons)", 6, SPORT,
      "deg",
      entry="112 UCAS points (e.g. BTEC Extended Diploma in Sport at DMM); GCSE English and maths "
            "at grade 4; DBS check",
      aliases="pe degree; physical education degree; pe teacher degree",
      keywords="pe teacher; school sport; coaching; teaching; youth sport")

    p("ndc-spt-l2", "ndc-spt-l3-ed", "recognised-route",
      "Pass the Level 2 Diploma with Merit; GCSE English and maths at grade 4")
    p("ndc-spt-l2", "wtp-spt-app-l3", "guaranteed-interview",
      "Pass the Level 2 Diploma; you are put forward to partner gyms and leisure centres")
    p("ndc-spt-l3-ed", "ndc-spt-hnc", "guaranteed-place", "Pass with at least MPP overall")
    p("ndc-spt-l3-ed", "vyu-spt-bsc", "guaranteed-interview", "Achieve DMM or above")
    p("ngc-spt-l3-ed", "dvu-spt-fdsc", "guaranteed-place", "Pass with at least MPP overall")
    p("ngc-spt-l3-ed", "uow-spt-pe", "guaranteed-interview", "Achieve DMM or above; DBS check")
    p("wtp-spt-app-l3", "dvu-spt-fdsc", "guaranteed-interview", "Pass the end-point assessment")
    p("ndc-spt-hnc", "dvu-spt-fdsc", "advanced-entry", "Pass the HNC; you join Year 2 of the FdSc")
    p("ndc-spt-hnc", "vyu-spt-bsc", "advanced-entry",
      "Pass the HNC with Merit overall; you join Year 2 of the BSc")
    p("dvu-spt-fdsc", "vyu-spt-topup", "guaranteed-place", "Pass the FdSc with an average of 50% "
      "or above")

    # ================================================================ LAND-BASED STUDIES
    c("ccc-land-l2-animal", CC, "Pearson BTEC Level 2 Technical Diploma in Animal Care",
      "BTEC Level 2 Technical Diploma", 2, LAND, "l2", town=MALTON,
      aliases="animal care level 2; level 2 animal care; animal course",
      keywords="working with animals; kennels; pets; zoo keeper; vet")
    c("ccc-land-l3-animal", CC, "Pearson BTEC Level 3 National Extended Diploma in Animal "
                                "Management",
      "BTEC Level 3 National Extended Diploma", 3, LAND, "ed3", town=MALTON,
      aliases="animal management level 3; btec animal management; animal care level 3; ext dip "
              "animal",
      keywords="zoo keeper; veterinary nurse; animal behaviour; conservation; wildlife")
    c("ccc-land-l2-agri", CC, "Pearson BTEC Level 2 Technical Diploma in Agriculture",
      "BTEC Level 2 Technical Diploma", 2, LAND, "l2", town=MALTON,
      aliases="agriculture level 2; level 2 agriculture; btec agriculture level 2",
      keywords="farming; tractors; livestock; crops; sheep")
    c("ccc-land-l3-agri", CC, "Pearson BTEC Level 3 National Extended Diploma in Agriculture",
      "BTEC Level 3 National Extended Diploma", 3, LAND, "ed3", town=MALTON,
      aliases="agriculture level 3; btec agriculture; farming course level 3",
      keywords="farm manager; livestock; arable; farm machinery; agronomy")
    c("ccc-land-l3-equine", CC, "Pearson BTEC Level 3 National Extended Diploma in Equine "
                                "Management",
      "BTEC Level 3 National Extended Diploma", 3, LAND, "ed3", town=MALTON,
      aliases="equine level 3; horse care course; equine management; btec equine",
      keywords="horses; racing; stable yard; riding; groom")
    c("wtp-land-app-l2", WT, "Equine Groom Apprenticeship (Level 2)", "Apprenticeship", 2, LAND,
      "app2",
      town=MALTON,
      aliases="groom apprenticeship; racing groom apprenticeship; stable lad apprenticeship",
      keywords="horses; racing yard; stable; grooming; racehorses")
    c("ndc-land-l2-hort", ND, "City & Guilds Level 2 Diploma in Practical Horticulture Skills",
      "City & Guilds Level 2 Diploma", 2, LAND, "cg2",
      aliases="horticulture level 2; gardening course; practical horticulture",
      keywords="gardener; plants; landscaping; parks; greenhouse")
    c("ndc-land-l3-hort", ND, "Pearson BTEC Level 3 National Extended Diploma in Horticulture",
      "BTEC Level 3 National Extended Diploma", 3, LAND, "ed3",
      aliases="horticulture level 3; btec horticulture; gardening course level 3",
      keywords="gardener; garden design; landscaping; plants; greenkeeping")
    c("ccc-land-fdsc-animal", CC, "FdSc Animal Science and Welfare", "FdSc", 5, LAND, "fd",
      town=MALTON,
      aliases="foundation degree animal science; fdsc animal; animal science fd",
      keywords="animal welfare; zoo; rspca; animal behaviour; conservation")
    c("ccc-land-fdsc-agri", CC, "FdSc Agriculture", "FdSc", 5, LAND, "fd", town=MALTON,
      aliases="foundation degree agriculture; fd agriculture; agriculture fd",
      keywords="farm manager; agronomy; livestock; arable; farm business")
    c("uow-land-topup-animal", UW, "BSc (Hons) Animal Behaviour and Welfare (Top-up)", "BSc (Hons) "
      "Top-up", 6,
      LAND, "topup",
      aliases="animal behaviour top up; animal welfare top-up",
      keywords="animal behaviourist; welfare officer; zoo; conservation; research")
    c("uow-land-topup-agri", UW, "BSc (Hons) Agriculture with Farm Management (Top-up)", "BSc "
      "(Hons) Top-up",
      6, LAND, "topup",
      aliases="agriculture top up; farm management top-up",
      keywords="farm manager; agribusiness; sustainable farming; agronomy; estate management")

    p("ccc-land-l2-animal", "ccc-land-l3-animal", "recognised-route",
      "Pass the Level 2 Technical Diploma with Merit; GCSE English and maths at grade 4 (or "
      "continue to study them)")
    p("ccc-land-l2-agri", "ccc-land-l3-agri", "recognised-route",
      "Pass the Level 2 Technical Diploma; satisfactory work experience report")
    p("ccc-land-l3-animal", "ccc-land-fdsc-animal", "guaranteed-place", "Pass with at least MPP "
      "overall")
    p("ccc-land-l3-animal", "vyu-sci-zoo", "guaranteed-interview",
      "Achieve DMM or above with Distinction in the science units")
    p("ccc-land-l3-agri", "ccc-land-fdsc-agri", "guaranteed-place", "Pass with at least MPP "
      "overall")
    p("ccc-land-l3-equine", "ccc-land-fdsc-animal", "guaranteed-interview", "Pass with at least "
      "MPP overall")
    p("wtp-land-app-l2", "ccc-land-l3-equine", "recognised-route",
      "Pass the end-point assessment; reference from your yard manager")
    p("ndc-land-l2-hort", "ndc-land-l3-hort", "recognised-route",
      "Pass the Level 2 Diploma; GCSE English and maths at grade 4 (or continue to study them)")
    p("ccc-land-fdsc-animal", "uow-land-topup-animal", "guaranteed-place",
      "Pass the FdSc with an average of 50% or above")
    p("ccc-land-fdsc-agri", "uow-land-topup-agri", "guaranteed-place",
      "Pass the FdSc with an average of 50% or above")

    # ================================================================ HOSPITALITY AND CATERING
    c("ndc-hosp-l2", ND, "City & Guilds Level 2 Diploma in Professional Cookery",
      "City & Guilds Level 2 Diploma", 2, HOSP, "cg2",
      aliases="catering level 2; chef course; professional cookery level 2; cookery course",
      keywords="chef; cooking; restaurant; kitchen; baking")
    c("ndc-hosp-l3", ND, "City & Guilds Level 3 Advanced Technical Diploma in Professional Cookery",
      "City & Guilds Level 3 Advanced Technical Diploma", 3, HOSP, "cg3",
      aliases="professional cookery level 3; chef level 3; advanced cookery",
      keywords="head chef; fine dining; patisserie; menu planning; hotels")
    c("ccc-hosp-l2", CC, "City & Guilds Level 2 Diploma in Professional Cookery",
      "City & Guilds Level 2 Diploma", 2, HOSP, "cg2",
      aliases="catering level 2; chef course; cookery course scarborough",
      keywords="chef; cooking; seaside hotels; kitchen; restaurant")
    c("ccc-hosp-l3-nvq", CC, "City & Guilds Level 3 NVQ Diploma in Hospitality Supervision and "
                             "Leadership",
      "NVQ Level 3 Diploma", 3, HOSP, "cg3", modes="work-based; part-time", duration="12 months",
      entry="Working in a hospitality business in a supervisory or team-leader role",
      aliases="hospitality supervisor nvq; hospitality level 3; hotel supervisor course",
      keywords="hotel supervisor; restaurant manager; front of house; team leader; events")
    c("wtp-hosp-app-l2", WT, "Commis Chef Apprenticeship (Level 2)", "Apprenticeship", 2, HOSP,
      "app2",
      duration="12 months",
      aliases="chef apprenticeship; commis chef; kitchen apprenticeship",
      keywords="chef; kitchen; cooking; earn while you learn; restaurant")
    c("wtp-hosp-app-l3", WT, "Chef de Partie Apprenticeship (Level 3)", "Apprenticeship", 3, HOSP,
      "app3",
      duration="18 months",
      aliases="chef de partie; level 3 chef apprenticeship; senior chef apprenticeship",
      keywords="chef de partie; sous chef; kitchen section; earn while you learn; fine dining")
    c("ndc-hosp-hnd", ND, "HND in Hospitality Management", "HND", 5, HOSP, "hnd",
      aliases="hnd hospitality; hospitality management hnd; hotel management course",
      keywords="hotel manager; events management; restaurant manager; tourism; conferences")
    c("uow-hosp-topup", UW, "BA (Hons) International Hospitality Management (Top-up)", "BA (Hons) "
      "Top-up", 6,
      HOSP, "topup",
      aliases="hospitality top up; hotel management degree top-up; hospitality management top up",
      keywords="hotel manager; international hospitality; events; revenue management; tourism")

    p("ndc-hosp-l2", "ndc-hosp-l3", "recognised-route",
      "Pass the Level 2 Diploma; kitchen practical assessment and tutor reference")
    p("ndc-hosp-l2", "wtp-hosp-app-l3", "guaranteed-interview",
      "Pass the Level 2 Diploma; you are interviewed by partner hotels and restaurants")
    p("wtp-hosp-app-l2", "wtp-hosp-app-l3", "recognised-route",
      "Pass the end-point assessment; your employer agrees to support the Level 3 apprenticeship")
    p("ndc-hosp-l3", "ndc-hosp-hnd", "guaranteed-place", "Pass the Advanced Technical Diploma (any "
      "grade)")
    p("wtp-hosp-app-l3", "ndc-hosp-hnd", "guaranteed-interview", "Pass the end-point assessment")
    p("ndc-hosp-hnd", "uow-hosp-topup", "guaranteed-place", "Pass the HND with Merit overall")

    # ================================================================ HAIR AND BEAUTY (none)
    c("ndc-hb-l2-hair", ND, "VTCT Level 2 Diploma for Hair Professionals (Hairdressing)",
      "VTCT Level 2 Diploma", 2, HAIR, "cg2",
      aliases="hairdressing level 2; hair course; level 2 hairdressing",
      keywords="hairdresser; salon; colouring; cutting; styling")
    c("ndc-hb-l3-hair", ND, "City & Guilds Level 3 Diploma for Advanced and Creative Hair "
                            "Professionals",
      "City & Guilds Level 3 Diploma", 3, HAIR, "cg3",
      aliases="hairdressing level 3; advanced hairdressing; level 3 hair",
      keywords="senior stylist; colour technician; salon owner; creative cutting; bridal hair")
    c("ndc-hb-l2-beauty", ND, "VTCT Level 2 Diploma for Beauty Professionals (Beauty Therapist)",
      "VTCT Level 2 Diploma", 2, HAIR, "cg2",
      aliases="beauty therapy level 2; beauty course; level 2 beauty",
      keywords="beautician; nails; facials; makeup; salon")
    c("ndc-hb-l3-beauty", ND, "VTCT Level 3 Diploma in Beauty Therapy", "VTCT Level 3 Diploma", 3,
      HAIR,
      "cg3", aliases="beauty therapy level 3; level 3 beauty; advanced beauty",
      keywords="beauty therapist; massage; spa; electrical treatments; salon owner")
    c("ccc-hb-l2-barber", CC, "City & Guilds Level 2 Diploma for Hair Professionals - Barbering",
      "City & Guilds Level 2 Diploma", 2, HAIR, "cg2",
      aliases="barbering course; barber level 2; barbering",
      keywords="barber; fades; men's grooming; shaving; beard trimming")
    c("ngc-hb-l3-makeup", NG, "VTCT Level 3 Diploma in Theatrical and Media Make-Up", "VTCT Level "
      "3 Diploma",
      3, HAIR, "cg3", duration="1 year",
      entry="4 GCSEs at grade 4 or above including English, or a Level 2 hair or beauty "
            "qualification",
      aliases="media makeup; theatrical makeup; special effects makeup; sfx makeup",
      keywords="makeup artist; film and tv; special effects; prosthetics; theatre")
    c("wtp-hb-app-l2", WT, "Hair Professional Apprenticeship (Level 2)", "Apprenticeship", 2, HAIR,
      "app2",
      duration="2 years",
      aliases="hairdressing apprenticeship; hair apprenticeship; salon apprenticeship",
      keywords="hairdresser; salon; earn while you learn; barber; styling")
    c("dvu-hb-fda", DV, "FdA Media Make-up and Special Effects", "FdA", 5, HAIR, "fd",
      aliases="foundation degree makeup; media makeup degree; sfx makeup degree",
      keywords="makeup artist; prosthetics; film and tv; theatre; hair design")

    # ================================================================ PUBLIC SERVICES
    c("ovc-ps-l2", OV, "NCFE Level 2 Diploma for Entry to the Uniformed Services", "NCFE Level 2 "
      "Diploma", 2,
      PUB, "l2", aliases="public services level 2; uniformed services level 2; level 2 public "
                         "services",
      keywords="army; police; fire service; military; fitness")
    c("ovc-ps-l3-ed", OV, "Pearson BTEC Level 3 National Extended Diploma in Uniformed Protective "
                          "Services",
      "BTEC Level 3 National Extended Diploma", 3, PUB, "ed3",
      aliases="public services level 3; btec public services; uniformed services; ext dip public "
              "services",
      keywords="police officer; firefighter; army; prison officer; border force")
    c("ngc-ps-l3-ed", NG, "Pearson BTEC Level 3 National Extended Diploma in Uniformed Protective "
                          "Services",
      "BTEC Level 3 National Extended Diploma", 3, PUB, "ed3",
      aliases="public services level 3; btec public services; uniformed services",
      keywords="police officer; firefighter; royal navy; paramedic; security")
    c("ccc-ps-l3-dip", CC, "Pearson BTEC Level 3 National Diploma in Uniformed Protective Services",
      "BTEC Level 3 National Diploma", 3, PUB, "ed3", duration="1 year",
      aliases="uniformed protective services diploma; public services diploma; public services "
              "scarborough",
      keywords="police; coastguard; rnli; armed forces; fire service")
    c("ngc-ps-hnc", NG, "HNC in Public Services", "HNC", 4, PUB, "hnc", modes="full-time; "
      "part-time",
      duration="1 year full-time or 2 years part-time",
      aliases="hnc public services; public services hnc",
      keywords="police; emergency services; local government; probation; youth work")
    c("ngc-ps-hnd", NG, "HND in Public Services", "HND", 5, PUB, "hnd",
      aliases="hnd public services; public services hnd",
      keywords="public sector management; police; community safety; probation; civil service")
    c("dvu-ps-hnc-policing", DV, "HNC in Policing", "HNC", 4, PUB, "hnc", modes="full-time",
      duration="1 year full-time",
      aliases="hnc policing; policing hnc; police course",
      keywords="police officer; criminology; law; investigation; community policing")
    c("uow-ps-policing", UW, "BSc (Hons) Professional Policing", "BSc (Hons)", 6, PUB, "deg",
      ucas=104,
      entry="104 UCAS points (e.g. BTEC Extended Diploma at DMM or T Level at Merit); GCSE English "
            "and maths at grade 4",
      aliases="policing degree; professional policing; pre-join policing degree; become a police "
              "officer",
      keywords="police officer; detective; criminology; investigation; law")
    c("uow-ps-topup", UW, "BA (Hons) Public Services Management (Top-up)", "BA (Hons) Top-up", 6,
      PUB, "topup",
      aliases="public services top up; public services management top-up",
      keywords="public sector manager; local government; emergency planning; leadership; policy")
    c("uow-ps-pcda", UW, "BSc (Hons) Professional Policing Practice (Police Constable Degree "
                         "Apprenticeship)",
      "Degree Apprenticeship", 6, PUB, "da",
      entry="Recruited as a student police constable by a police force; the force's own entry and "
            "fitness requirements apply",
      aliases="pcda; police degree apprenticeship; police constable apprenticeship",
      keywords="police constable; earn while you learn; no tuition fees; response policing")

    p("ovc-ps-l2", "ovc-ps-l3-ed", "recognised-route",
      "Pass the Level 2 Diploma with Merit; GCSE English and maths at grade 4 (or continue to "
      "study them)")
    p("ovc-ps-l3-ed", "dvu-ps-hnc-policing", "guaranteed-place", "Pass with at least MPP overall")
    p("ovc-ps-l3-ed", "uow-ps-policing", "guaranteed-interview", "Achieve DMM or above")
    p("ngc-ps-l3-ed", "ngc-ps-hnc", "guaranteed-place", "Pass with at least MPP overall")
    p("ngc-ps-l3-ed", "uow-ps-policing", "guaranteed-interview", "Achieve DMM or above")
    p("ngc-ps-l3-ed", "uow-ps-pcda", "recognised-route",
      "Meets the Level 3 entry requirement; you then apply through the police force's own "
      "recruitment process")
    p("ccc-ps-l3-dip", "ngc-ps-hnc", "guaranteed-interview", "Achieve MM or above")
    p("ngc-ps-hnc", "ngc-ps-hnd", "advanced-entry", "Pass the HNC; you join the second year of the "
      "HND")
    p("ngc-ps-hnd", "uow-ps-topup", "guaranteed-place", "Pass the HND with Merit overall")
    p("dvu-ps-hnc-policing", "uow-ps-policing", "advanced-entry",
      "Pass the HNC with Merit overall; you join Year 2 of the BSc")

    # ================================================================ SCIENCE
    c("ovc-sci-l2", OV, "Pearson BTEC Level 2 Diploma in Applied Science", "BTEC Level 2 Diploma",
      2, SCI,
      "l2", aliases="level 2 science; applied science level 2; btec science level 2",
      keywords="lab work; biology; chemistry; forensic science; science technician")
    c("ngc-sci-l3-ed", NG, "Pearson BTEC Level 3 National Extended Diploma in Applied Science",
      "BTEC Level 3 National Extended Diploma", 3, SCI, "ed3",
      entry="5 GCSEs at grade 4 or above including English, maths and combined science at 5-5",
      aliases="btec applied science; level 3 science; applied science ext dip; btec science",
      keywords="forensic science; biomedical science; lab technician; chemistry; pharmacy")
    c("ngc-sci-tl", NG, "T Level in Science", "T Level", 3, SCI, "tlevel",
      aliases="science t level; t level lab; laboratory t level",
      keywords="lab technician; laboratory sciences; pharmaceuticals; quality control; industry "
               "placement")
    c("ral-sci-access", RA, "Access to HE Diploma (Science)", "Access to HE Diploma", 3, SCI,
      "access",
      aliases="access to science; access course science; access science",
      keywords="biology; chemistry; mature student; career change; university")
    c("wtp-sci-app-l3", WT, "Laboratory Technician Apprenticeship (Level 3)", "Apprenticeship", 3,
      SCI, "app3",
      aliases="lab technician apprenticeship; laboratory apprenticeship; science apprenticeship",
      keywords="lab technician; quality control; testing; earn while you learn; chemicals")
    c("ngc-sci-hnc", NG, "HNC in Applied Sciences", "HNC", 4, SCI, "hnc", modes="part-time; "
      "full-time",
      duration="1 year full-time or 2 years part-time",
      aliases="hnc applied science; hnc science; applied sciences hnc",
      keywords="lab technician; analytical chemistry; microbiology; quality assurance")
    c("dvu-sci-fdsc", DV, "FdSc Applied Bioscience", "FdSc", 5, SCI, "fd",
      aliases="foundation degree science; fdsc bioscience; applied bioscience fd",
      keywords="biology; lab work; microbiology; biotechnology; food science")
    c("vyu-sci-bms", VY, "BSc (Hons) Biomedical Science", "BSc (Hons)", 6, SCI, "deg", ucas=120,
      entry="120 UCAS points including biology or chemistry (e.g. A levels at BBB, or BTEC "
            "Extended Diploma in Applied Science at DDM); GCSE English and maths at grade 4",
      aliases="biomedical science degree; bms degree; biomed",
      keywords="biomedical scientist; nhs lab; pathology; medical research; hcpc")
    c("vyu-sci-topup", VY, "BSc (Hons) Applied Biosciences (Top-up)", "BSc (Hons) Top-up", 6, SCI,
      "topup",
      aliases="bioscience top up; applied science top-up; biosciences top up",
      keywords="biology; lab research; biotechnology; graduate scientist")
    c("vyu-sci-zoo", VY, "BSc (Hons) Zoology", "BSc (Hons)", 6, SCI, "deg",
      entry="112 UCAS points including biology (e.g. A levels at BBC, or BTEC Extended Diploma in "
            "Animal Management or Applied Science at DMM); GCSE English and maths at grade 4",
      aliases="zoology degree; zoology; animal biology degree",
      keywords="zoologist; wildlife; conservation; animal behaviour; ecology")
    c("uow-sci-chem", UW, "BSc (Hons) Chemistry", "BSc (Hons)", 6, SCI, "deg",
      entry="112 UCAS points including chemistry (e.g. A levels at BBC, or BTEC Extended Diploma "
            "in Applied Science at DMM); GCSE English and maths at grade 4",
      aliases="chemistry degree; bsc chemistry",
      keywords="chemist; pharmaceuticals; lab research; analytical chemistry; materials")
    c("uow-sci-bio-fy", UW, "BSc (Hons) Biology with Foundation Year", "BSc (Hons)", 6, SCI, "deg",
      duration="4 years full-time (including foundation year)", ucas=48,
      entry="48 UCAS points from any Level 3 qualification, or relevant experience for mature "
            "applicants; GCSE English and maths at grade 4",
      aliases="biology foundation year; biology with foundation year; science foundation year",
      keywords="biology; foundation year; mature student; ecology; genetics")
    c("uow-sci-da", UW, "BSc (Hons) Laboratory Science (Laboratory Scientist Degree "
                        "Apprenticeship)",
      "Degree Apprenticeship", 6, SCI, "da",
      aliases="lab scientist degree apprenticeship; laboratory scientist apprenticeship; science "
              "degree apprenticeship",
      keywords="laboratory scientist; earn while you learn; no tuition fees; pharmaceuticals; "
               "analysis")
    c("vyu-sci-msc", VY, "MSc Biomedical Science", "MSc", 7, SCI, "msc",
      entry="A 2:2 honours degree or above in biomedical science, biology or a related subject",
      aliases="biomedical science masters; biomedical masters",
      keywords="biomedical scientist; research; pathology; clinical science")

    p("ovc-sci-l2", "ngc-sci-l3-ed", "recognised-route",
      "Pass the Level 2 Diploma with Merit; GCSE English and maths at grade 4")
    p("ovc-sci-l2", "wtp-sci-app-l3", "guaranteed-interview",
      "Pass the Level 2 Diploma; GCSE maths at grade 4; you are put forward to partner "
      "laboratories")
    p("ngc-sci-l3-ed", "ngc-sci-hnc", "guaranteed-place", "Pass with at least MMM overall")
    p("ngc-sci-l3-ed", "dvu-sci-fdsc", "guaranteed-place", "Pass with at least MPP overall")
    p("ngc-sci-l3-ed", "vyu-sci-bms", "guaranteed-interview", "Achieve DDM or above")
    p("ngc-sci-tl", "vyu-sci-bms", "guaranteed-interview",
      "Achieve the T Level at Merit or above, with the Laboratory Sciences occupational specialism")
    p("ngc-sci-tl", "uow-sci-da", "recognised-route",
      "The T Level meets the academic entry requirement; you also need a job with a sponsoring "
      "employer")
    p("ral-sci-access", "vyu-sci-bms", "guaranteed-interview",
      "Pass with 60 credits, including at least 30 graded credits at Distinction in biology or "
      "chemistry units")
    p("ral-sci-access", "uow-sci-chem", "guaranteed-interview",
      "Pass with 60 credits, including at least 24 graded credits at Merit or above in chemistry "
      "units")
    p("ral-sci-access", "uow-sci-bio-fy", "guaranteed-place", "Pass the Access to HE Diploma (60 "
      "credits)")
    p("wtp-sci-app-l3", "ngc-sci-hnc", "guaranteed-place",
      "Pass the end-point assessment (any grade); employer support for part-time study")
    p("wtp-sci-app-l3", "uow-sci-da", "credit-recognition",
      "Complete the Laboratory Technician apprenticeship; prior learning is recognised and can "
      "shorten the degree apprenticeship; employer sponsorship required")
    p("ngc-sci-hnc", "dvu-sci-fdsc", "advanced-entry", "Pass the HNC; you join Year 2 of the FdSc")
    p("dvu-sci-fdsc", "vyu-sci-topup", "guaranteed-place", "Pass the FdSc with an average of 50% "
      "or above")
    p("vyu-sci-topup", "vyu-sci-msc", "guaranteed-interview", "Achieve a 2:1 or above")
    p("vyu-sci-bms", "vyu-sci-msc", "guaranteed-place", "Achieve a 2:1 or above")

    # ================================================================ TEACHING AND EDUCATION
    c("ral-ted-l2-stl", RA, "NCFE CACHE Level 2 Certificate in Supporting Teaching and Learning",
      "NCFE CACHE Level 2 Certificate", 2, TEACH, "l2", modes="part-time; evening",
      duration="1 year part-time",
      entry="No formal qualifications needed; you must be working or volunteering in a school and "
            "have a DBS check",
      aliases="teaching assistant level 2; ta course; level 2 teaching assistant",
      keywords="teaching assistant; primary school; classroom; send; reading support")
    c("ral-ted-l3-stl", RA, "NCFE CACHE Level 3 Diploma in Supporting Teaching and Learning",
      "NCFE CACHE Level 3 Diploma", 3, TEACH, "l2", modes="part-time; evening", duration="1 year "
        "part-time",
      entry="Working or volunteering in a school; GCSE English at grade 4 or a Level 2 teaching "
            "assistant qualification; DBS check",
      aliases="teaching assistant level 3; ta level 3; stl level 3; level 3 teaching assistant",
      keywords="teaching assistant; hlta; send; classroom support; primary school")
    c("ral-ted-l3-aet", RA, "Pearson BTEC Level 3 Award in Education and Training",
      "Award in Education and Training", 3, TEACH, "l2", modes="part-time; evening; distance",
      duration="10 weeks part-time",
      entry="Aged 19 or over with English at Level 2; expertise in the subject you want to teach",
      aliases="aet; ptlls; teaching adults course; level 3 teaching; award in education and "
              "training",
      keywords="teaching adults; trainer; assessor; further education teacher; instructor")
    c("ral-ted-access", RA, "Access to HE Diploma (Education)", "Access to HE Diploma", 3, TEACH,
      "access",
      entry="Aged 19 or over; GCSE English and maths at grade 4 (C) or Level 2 Functional Skills "
            "(GCSE science at grade 4 also needed for primary teaching degrees)",
      aliases="access to teaching; access to education; access course teaching",
      keywords="primary teacher; teaching; mature student; career change; education studies")
    c("wtp-ted-app-l3", WT, "Teaching Assistant Apprenticeship (Level 3)", "Apprenticeship", 3,
      TEACH, "app3",
      duration="18 months",
      aliases="teaching assistant apprenticeship; ta apprenticeship; school apprenticeship",
      keywords="teaching assistant; classroom; send; earn while you learn; school")
    c("ngc-ted-det", NG, "Pearson BTEC Level 5 Diploma in Education and Training",
      "Diploma in Education and Training", 5, TEACH, "app5", modes="part-time; evening",
      duration="2 years part-time",
      entry="A Level 3 qualification in the subject you teach and at least 100 hours of teaching "
            "practice during the course; English and maths at Level 2",
      aliases="det; dtlls; diploma in education and training; fe teacher training",
      keywords="further education teacher; lecturer; teaching qualification; qtls; trainer")
    c("dvu-ted-fda", DV, "FdA Supporting Teaching and Learning", "FdA", 5, TEACH, "fd",
      modes="part-time", duration="3 years part-time",
      entry="Working or volunteering in a school for at least 2 days a week; a Level 3 "
            "qualification or relevant experience; GCSE English and maths at grade 4",
      aliases="foundation degree teaching assistant; fda education; teaching assistant foundation "
              "degree",
      keywords="teaching assistant; hlta; send; primary teacher; classroom")
    c("vyu-ted-topup", VY, "BA (Hons) Education Studies (Top-up)", "BA (Hons) Top-up", 6, TEACH,
      "topup",
      aliases="education studies top up; education top-up degree",
      keywords="teacher training; education; pgce; send; youth work")
    c("vyu-ted-prim", VY, "BA (Hons) Primary Education with QTS", "BA (Hons)", 6, TEACH, "deg",
      ucas=120,
      entry="120 UCAS points (e.g. BTEC Extended Diploma at DDM, T Level at Distinction, or an "
            "Access to HE Diploma with 30 credits at Distinction); GCSE English, maths and science "
            "at grade 4; interview and DBS check",
      aliases="primary teaching degree; primary education degree; qts degree; become a primary "
              "teacher",
      keywords="primary teacher; qts; teaching; school placements; children")
    c("uow-ted-pgce", UW, "PGCE Further Education and Skills", "PGCE", 7, TEACH, "msc",
      entry="An honours degree and GCSE English and maths at grade 4 (or equivalent); interview",
      aliases="pgce fe; pgce post-compulsory; fe teacher training degree; pgce further education",
      keywords="college lecturer; further education teacher; teacher training; qtls; adult "
               "education")

    p("ral-ted-l2-stl", "ral-ted-l3-stl", "recognised-route",
      "Pass the Level 2 Certificate; continue working or volunteering in a school")
    p("ral-ted-l2-stl", "wtp-ted-app-l3", "guaranteed-interview",
      "Pass the Level 2 Certificate; you are interviewed by partner schools with apprentice "
      "vacancies")
    p("ral-ted-l3-stl", "dvu-ted-fda", "guaranteed-place",
      "Pass the Level 3 Diploma; working or volunteering in a school for at least 2 days a week")
    p("wtp-ted-app-l3", "dvu-ted-fda", "guaranteed-place",
      "Pass the end-point assessment; your school supports the part-time FdA")
    p("ral-ted-access", "vyu-ted-prim", "guaranteed-interview",
      "Pass with 60 credits, including at least 30 graded credits at Distinction; GCSE English, "
      "maths and science at grade 4; DBS check")
    p("ral-ted-access", "vyu-ey-ba", "guaranteed-interview",
      "Pass with 60 credits, including at least 24 graded credits at Merit or above")
    p("ral-ted-l3-aet", "ngc-ted-det", "recognised-route",
      "Pass the Award; you must have a teaching role giving at least 100 hours of practice")
    p("dvu-ted-fda", "vyu-ted-topup", "guaranteed-place", "Pass the FdA with an average of 50% or "
      "above")
    p("vyu-ted-topup", "uow-ted-pgce", "guaranteed-interview", "Achieve a 2:2 or above")

    # ---------------------------------------------------------------- contacts (all invented)
    k = b.contact
    k("ngc-admissions", NG, "Admissions Team", "Admissions", "admissions@northgate.example.ac.uk",
      "01632 960100", "", "First point of contact for all full-time, part-time and adult "
                          "applications; open Monday to Friday, 9am to 5pm.")
    k("ngc-progression", NG, "Priya Sharma", "Progression Adviser (higher education and "
      "apprenticeships)",
      "p.sharma@northgate.example.ac.uk", "01632 960101", "",
      "Helps current students use the network's progression agreements and apply through UCAS.")
    k("ngc-eng-lead", NG, "Tom Hargreaves", "Curriculum Lead, Engineering and Automotive",
      "t.hargreaves@northgate.example.ac.uk", "01632 960102", f"{ENG}; {AUTO}",
      "Can advise on HNC/HND entry and on moving from Level 2 to Level 3 in the workshops.")
    k("ngc-health-lead", NG, "Aisha Rahman", "Head of Health, Care and Early Years",
      "a.rahman@northgate.example.ac.uk", "01632 960103", f"{HSC}; {EY}",
      "Runs the Access to HE (Health Professions) programme and the T Level placements.")
    k("ovc-admissions", OV, "Student Services", "Admissions", "enquiries@ousevalley.example.ac.uk",
      "01632 960110", "", "Walk-in advice sessions every Wednesday afternoon during term time.")
    k("ovc-tech-lead", OV, "Gareth Lloyd", "Curriculum Manager, Construction and Engineering",
      "g.lloyd@ousevalley.example.ac.uk", "01632 960111", f"{ENG}; {CON}; {AUTO}",
      "Links with local energy and manufacturing employers for placements and apprenticeships.")
    k("ovc-careers", OV, "Kerry Walton", "Careers and Progression Coach",
      "k.walton@ousevalley.example.ac.uk",
      "", "", "Matrix-accredited careers guidance for learners of any age; book a one-to-one by "
              "email.")
    k("ndc-admissions", ND, "Admissions Office", "Admissions",
      "admissions@nidderdale.example.ac.uk",
      "01632 960120", "", "Handles applications for all courses, including the HNC and HND "
                          "programmes.")
    k("ndc-he-coord", ND, "Hannah Brook", "Higher Education Coordinator",
      "h.brook@nidderdale.example.ac.uk",
      "01632 960121", f"{BUS}; {HOSP}; {SPORT}; {EY}",
      "Advises on HNC/HND entry and on top-up degrees with partner universities.")
    k("ndc-salon-lead", ND, "Rebecca Lowe", "Head of Hair, Beauty and Hospitality",
      "r.lowe@nidderdale.example.ac.uk", "01632 960122", f"{HAIR}; {HOSP}",
      "There are no formal progression agreements for hair and beauty yet; she can advise on Level "
      "3, salon apprenticeships and higher-level options.")
    k("ccc-admissions", CC, "Admissions Team", "Admissions", "admissions@castlecliff.example.ac.uk",
      "01632 960130", "", "Covers both the Scarborough campus and the land-based campus at Malton.")
    k("ccc-land-lead", CC, "Daniel Okafor", "Land-based Studies Manager (Malton campus)",
      "d.okafor@castlecliff.example.ac.uk", "07700 900131", LAND,
      "Can arrange visits to the college farm, equine centre and animal unit.")
    k("ccc-progression", CC, "Sarah Jennings", "Student Progression Adviser",
      "s.jennings@castlecliff.example.ac.uk", "01632 960132", "",
      "Supports learners applying to university, including the Access to HE students.")
    k("ral-access", RA, "Margaret Pickering", "Access to HE Coordinator",
      "m.pickering@ryedale-learning.example.org", "01632 960140", f"{HSC}; {SCI}; {COMP}; {TEACH}",
      "Advises adults returning to learning on Access to HE Diplomas and Advanced Learner Loans.")
    k("ral-info", RA, "Learner Information Line", "Enquiries", "learn@ryedale-learning.example.org",
      "01632 960141", "", "Course information and enrolment for all adult and community learning.")
    k("wtp-recruit", WT, "Lee Watson", "Apprenticeship Recruitment Officer",
      "l.watson@woldstraining.example.org",
      "01632 960150", "", "Matches learners with employers offering apprenticeships across the "
                          "network.")
    k("wtp-technical", WT, "Emma Clarke", "Apprenticeship Coordinator, Engineering, Automotive, "
      "Construction and Digital", "e.clarke@woldstraining.example.org", "07700 900151",
      f"{ENG}; {AUTO}; {CON}; {COMP}",
      "Supports technical apprentices and their employers, including moves on to higher and degree "
      "apprenticeships.")
    k("dvu-admissions", DV, "HE Admissions", "Higher Education Admissions Officer",
      "he.admissions@donvalley-uc.example.ac.uk", "01632 960160", "",
      "Handles all applications to HNC, HND and Foundation degree programmes.")
    k("dvu-eng-lead", DV, "Mark Dawson", "Programme Leader, Engineering and Motorsport",
      "m.dawson@donvalley-uc.example.ac.uk", "01632 960161", f"{ENG}; {AUTO}",
      "Runs taster days for the FdSc Motorsport Engineering and the HNC programmes.")
    k("vyu-wp", VY, "Joanna Pryce", "Widening Participation and Progression Officer",
      "j.pryce@valeofyork.example.ac.uk", "01632 960170", "",
      "Manages the network progression agreements with partner colleges and the "
      "guaranteed-interview scheme.")
    k("vyu-health-adm", VY, "Dr Samuel Osei", "Admissions Tutor, Nursing and Health",
      "s.osei@valeofyork.example.ac.uk", "01632 960171", HSC,
      "Can explain values-based interviews and the entry requirements for nursing.")
    k("vyu-admissions", VY, "Undergraduate Admissions", "Admissions",
      "ug.admissions@valeofyork.example.ac.uk",
      "01632 960172", "", "General admissions enquiries, including top-up degrees.")
    k("uow-partnerships", UW, "Claire Whitaker", "Partnerships and Progression Manager",
      "c.whitaker@wolds.example.ac.uk", "01632 960180", "",
      "Oversees the network agreements and advanced entry from HNC, HND and Foundation degrees.")
    k("uow-eng-adm", UW, "Prof. Ian McAllister", "Admissions Tutor, Engineering",
      "i.mcallister@wolds.example.ac.uk", "01632 960181", f"{ENG}; {AUTO}",
      "Advises BTEC and HNC applicants on maths requirements and advanced entry.")
    k("uow-health-adm", UW, "Ruth Adeyemi", "Admissions Tutor, Midwifery and Paramedic Science",
      "r.adeyemi@wolds.example.ac.uk", "01632 960183", HSC,
      "Advises Access to HE, T Level and BTEC applicants on health course interviews and "
      "placements.")
    k("uow-da", UW, "Degree Apprenticeships Team", "Degree Apprenticeship Enquiries",
      "apprenticeships@wolds.example.ac.uk", "01632 960182", "",
      "Explains how degree apprenticeships work in every subject and how employers sponsor them.")

    # fmt: on
    return net


# --------------------------------------------------------------------------- test network

MAR, AGR, LOG, DIG, CARE, ELEC = (
    "Maritime",
    "Agriculture",
    "Logistics",
    "Digital",
    "Care",
    "Electrical Installation",
)
TEST_SUBJECTS = [MAR, AGR, LOG, DIG, CARE, ELEC]


def build_test() -> Network:
    net = Network(
        name="Fenland Coast Learning Partnership (fictional test network)",
        region="East Midlands and East of England",
        description=(
            "FICTIONAL network used only by automated tests. Every institution, course offer, "
            "agreement and contact is invented; towns are real places in Lincolnshire and Norfolk. "
            "Deliberately shares no course titles or aliases with the Vale and Wolds demo network."
        ),
        website="https://www.fenlandcoast.example.org",
    )
    # fmt: off
    b = Builder(net)
    b.inst("witham-haven", "Witham Haven College", "college", "Boston", "PE21 6QS", 52.9789,
           -0.0266,
           "https://www.withamhaven.example.ac.uk")
    b.inst("lynn-wash", "Lynn Wash College", "college", "King's Lynn", "PE30 5QT", 52.7543, 0.3976,
           "https://www.lynnwash.example.ac.uk")
    b.inst("coastal-skills", "Skegness Coastal Skills Centre", "training-provider", "Skegness",
           "PE25 3QX",
           53.1436, 0.3363, "https://www.coastalskills.example.org")
    b.inst("lindum-university", "Lindum University", "university", "Lincoln", "LN1 3QA", 53.2307,
           -0.5406,
           "https://www.lindum.example.ac.uk")

    c, p = b.course, b.prog
    WH, LW, CS, LU = "witham-haven", "lynn-wash", "coastal-skills", "lindum-university"

    # Maritime
    c("lwc-mar-l2", LW, "City & Guilds Level 2 Diploma in Marine Engineering (Foundation)",
      "City & Guilds Level 2 Diploma", 2, MAR, "cg2",
      aliases="marine engineering level 2; boat engines course",
      keywords="ships; marine engineer; diesel engines; port; boats")
    c("lwc-mar-l3", LW, "CILT(UK) Level 3 Certificate in Port Operations", "CILT(UK) Level 3 "
      "Certificate", 3,
      MAR, "cg3", modes="full-time; part-time",
      aliases="port operations course; cilt port operations; harbour operations level 3",
      keywords="docks; harbour master; cargo; shipping; cranes")
    c("csc-mar-app-l2", CS, "Port Operative Apprenticeship (Level 2)", "Apprenticeship", 2, MAR,
      "app2",
      town="Boston", aliases="port operative apprenticeship; dock worker apprenticeship; docker "
                             "apprenticeship",
      keywords="docks; forklift; cargo handling; port; shipping")
    c("lwc-mar-fdsc", LW, "FdSc Port and Marine Operations", "FdSc", 5, MAR, "fd",
      aliases="port management foundation degree; fdsc marine operations; marine operations fd",
      keywords="port manager; marine operations; shipping; harbour; logistics")
    c("lu-mar-topup", LU, "BSc (Hons) Port and Maritime Management (Top-up)", "BSc (Hons) Top-up",
      6, MAR,
      "topup", aliases="maritime management top up; port management degree",
      keywords="port manager; shipping company; maritime law; logistics")

    # Agriculture
    c("whc-agr-l2", WH, "City & Guilds Level 2 Technical Certificate in Agriculture",
      "City & Guilds Level 2 Technical Certificate", 2, AGR, "cg2",
      aliases="farming level 2 boston; agri level 2; city and guilds agriculture level 2",
      keywords="tractors; arable; potatoes; vegetables; farm work")
    c("whc-agr-tl", WH, "T Level in Agriculture, Land Management and Production", "T Level", 3,
      AGR, "tlevel",
      aliases="agriculture t level; farming t level; land management t level",
      keywords="farm manager; crop production; agronomy; industry placement; fens")
    c("whc-agr-l3-lbe", WH, "City & Guilds Level 3 Advanced Technical Extended Diploma in "
                            "Land-based Engineering", "City & Guilds Level 3 Advanced Technical "
                              "Extended Diploma", 3, AGR, "ed3",
      aliases="land-based engineering; tractor mechanic course; agricultural engineering level 3",
      keywords="tractors; combine harvesters; precision farming; gps; hydraulics")
    c("whc-agr-fdsc", WH, "FdSc Agri-food Production and Technology", "FdSc", 5, AGR, "fd",
      aliases="agri-food foundation degree; fdsc agri-food; agrifood fd",
      keywords="food production; agritech; vegetables; supply chain; robotics")
    c("lu-agr-topup", LU, "BSc (Hons) Agri-food Technology (Top-up)", "BSc (Hons) Top-up", 6, AGR,
      "topup",
      aliases="agri-food top up; agrifood degree top-up",
      keywords="agritech; food technologist; farm robotics; sustainability")

    # Logistics
    c("csc-log-app-l2", CS, "Supply Chain Warehouse Operative Apprenticeship (Level 2)",
      "Apprenticeship", 2,
      LOG, "app2", aliases="warehouse apprenticeship; warehousing apprenticeship; picker packer "
                           "apprenticeship",
      keywords="warehouse; forklift; stock control; distribution centre; picking")
    c("csc-log-app-lgv", CS, "Large Goods Vehicle (LGV) Driver C + E Apprenticeship (Level 2)",
      "Apprenticeship", 2, LOG, "app2", duration="13 months",
      entry="Employed by a haulage or distribution company; aged 18 or over with a full car "
            "driving licence",
      aliases="hgv driver apprenticeship; lorry driver apprenticeship; lgv apprenticeship; class 1 "
              "apprenticeship",
      keywords="hgv driver; lorry; haulage; class 1; transport")
    c("csc-log-app-l3", CS, "Transport and Warehouse Operations Supervisor Apprenticeship (Level "
                            "3)",
      "Apprenticeship", 3, LOG, "app3", duration="15 months",
      aliases="warehouse supervisor apprenticeship; transport supervisor apprenticeship",
      keywords="shift supervisor; warehouse team leader; transport planning; logistics")
    c("lwc-log-fda", LW, "FdA Logistics and Supply Chain Management", "FdA", 5, LOG, "fd",
      modes="part-time", duration="3 years part-time",
      aliases="logistics foundation degree; supply chain foundation degree",
      keywords="logistics manager; supply chain; procurement; transport planning")
    c("lu-log-topup", LU, "BA (Hons) Logistics and Supply Chain Management (Top-up)", "BA (Hons) "
      "Top-up", 6,
      LOG, "topup", aliases="logistics top up; supply chain top-up degree",
      keywords="supply chain manager; logistics; procurement; operations")

    # Digital
    c("whc-dig-l2", WH, "OCR Level 2 Cambridge Technical Certificate in IT",
      "OCR Level 2 Cambridge Technical Certificate", 2, DIG, "l2",
      aliases="ocr it level 2; cambridge technical it level 2",
      keywords="computers; it support; spreadsheets; networks")
    c("whc-dig-l3", WH, "OCR Level 3 Cambridge Technical Extended Diploma in IT",
      "OCR Level 3 Cambridge Technical Extended Diploma", 3, DIG, "ed3",
      aliases="cambridge technical it; ocr it level 3; ocr extended diploma it",
      keywords="it support; networking; app development; cyber security")
    c("lwc-dig-tl", LW, "T Level in Digital Business Services", "T Level", 3, DIG, "tlevel",
      aliases="digital business t level; data t level; t level digital business",
      keywords="data analyst; business systems; spreadsheets; databases")
    c("whc-dig-hnc", WH, "HNC in Digital Technologies", "HNC", 4, DIG, "hnc",
      aliases="hnc digital technologies; hnc digital",
      keywords="networking; cloud; cyber security; software")
    c("whc-dig-hnd", WH, "HND in Digital Technologies", "HND", 5, DIG, "hnd",
      aliases="hnd digital technologies; hnd digital",
      keywords="network engineer; cloud; data; software")
    c("lu-dig-topup", LU, "BSc (Hons) Applied Computing (Top-up)", "BSc (Hons) Top-up", 6, DIG,
      "topup",
      aliases="applied computing top up; applied computing degree",
      keywords="software; cloud; data; it manager")

    # Care
    c("whc-care-l2", WH, "City & Guilds Level 2 Diploma in Care", "City & Guilds Level 2 Diploma",
      2, CARE,
      "l2", aliases="care diploma level 2; city and guilds care level 2",
      keywords="care worker; home care; support worker; care homes")
    c("whc-care-l3", WH, "NCFE CACHE Level 3 Extended Diploma in Health and Social Care",
      "NCFE CACHE Level 3 Extended Diploma", 3, CARE, "ed3",
      aliases="cache health and social care; cache extended diploma; cache level 3 care",
      keywords="nursing; social work; occupational therapy; care")
    c("lwc-care-l3-adult", LW, "City & Guilds Level 3 Diploma in Adult Care", "City & Guilds Level "
      "3 Diploma",
      3, CARE, "cg3", modes="part-time; work-based", duration="12 months",
      entry="Working in an adult care role",
      aliases="adult care diploma; level 3 adult care; city and guilds adult care",
      keywords="senior carer; care team leader; dementia; medication")
    c("csc-care-app-l3", CS, "Senior Healthcare Support Worker Apprenticeship (Level 3)",
      "Apprenticeship", 3,
      CARE, "app3", aliases="senior hca apprenticeship; healthcare support worker apprenticeship; "
                            "hca apprenticeship",
      keywords="healthcare assistant; hospital ward; nhs; clinical skills")
    c("lwc-care-fdsc", LW, "FdSc Integrated Health and Social Care", "FdSc", 5, CARE, "fd",
      aliases="integrated care foundation degree; fdsc integrated care",
      keywords="assistant practitioner; care coordinator; community health")
    c("lu-care-nursing", LU, "BSc (Hons) Adult Nursing", "BSc (Hons)", 6, CARE, "deg",
      aliases="adult nurse training; nurse degree lincoln; lindum nursing",
      keywords="registered nurse; hospital; community nursing; nhs")

    # Electrical Installation
    c("lwc-elec-l2", LW, "City & Guilds Level 2 Technical Certificate in Electrical Installation",
      "City & Guilds Level 2 Technical Certificate", 2, ELEC, "cg2",
      aliases="electrical installation level 2; electrician course; sparky course level 2",
      keywords="electrician; wiring; sparky; solar panels; ev chargers")
    c("lwc-elec-l3", LW, "City & Guilds Level 3 Advanced Technical Diploma in Electrical "
                         "Installation",
      "City & Guilds Level 3 Advanced Technical Diploma", 3, ELEC, "cg3",
      aliases="electrical installation level 3; sparky level 3; electrician level 3",
      keywords="electrician; inspection and testing; wiring regulations; renewables")
    c("csc-elec-app-l3", CS, "Installation and Maintenance Electrician Apprenticeship (Level 3)",
      "Apprenticeship", 3, ELEC, "app3", duration="4 years",
      aliases="electrician apprenticeship; sparky apprenticeship; electrical apprenticeship",
      keywords="electrician; am2; wiring; earn while you learn")
    c("lwc-elec-hnc", LW, "HNC in Building Services Engineering", "HNC", 4, ELEC, "hnc",
      aliases="hnc building services; hnc bse; building services hnc",
      keywords="building services engineer; electrical design; hvac; estimator")
    c("lu-elec-beng", LU, "BEng (Hons) Building Services Engineering", "BEng (Hons)", 6, ELEC,
      "deg",
      aliases="building services degree; beng building services",
      keywords="building services engineer; mep; low carbon buildings; chartered engineer")

    p("lwc-mar-l2", "lwc-mar-l3", "recognised-route", "Pass the Level 2 Diploma; satisfactory "
      "attendance")
    p("csc-mar-app-l2", "lwc-mar-l3", "recognised-route",
      "Pass the end-point assessment; study part-time with employer support")
    p("lwc-mar-l3", "lwc-mar-fdsc", "guaranteed-place", "Pass the Certificate; employer or tutor "
      "reference")
    p("lwc-mar-fdsc", "lu-mar-topup", "guaranteed-place", "Pass the FdSc with an average of 50% or "
      "above")
    p("whc-agr-l2", "whc-agr-tl", "recognised-route",
      "Pass the Technical Certificate with Merit; GCSE English and maths at grade 4")
    p("whc-agr-tl", "whc-agr-fdsc", "guaranteed-place", "Pass the T Level overall")
    p("whc-agr-l3-lbe", "whc-agr-fdsc", "guaranteed-interview", "Achieve Merit overall")
    p("whc-agr-fdsc", "lu-agr-topup", "guaranteed-place", "Pass the FdSc with an average of 50% or "
      "above")
    p("csc-log-app-l2", "csc-log-app-l3", "recognised-route",
      "Pass the end-point assessment; your employer supports the Level 3 apprenticeship")
    p("csc-log-app-lgv", "csc-log-app-l3", "recognised-route",
      "Pass the end-point assessment; your employer supports the Level 3 apprenticeship")
    p("csc-log-app-l3", "lwc-log-fda", "guaranteed-interview", "Pass the end-point assessment")
    p("lwc-log-fda", "lu-log-topup", "guaranteed-place", "Pass the FdA with an average of 50% or "
      "above")
    p("whc-dig-l2", "whc-dig-l3", "recognised-route", "Pass with Merit; GCSE maths at grade 4")
    p("whc-dig-l3", "whc-dig-hnc", "guaranteed-place", "Pass with at least MPP overall")
    p("lwc-dig-tl", "whc-dig-hnc", "guaranteed-place", "Pass the T Level overall")
    p("whc-dig-hnc", "whc-dig-hnd", "advanced-entry", "Pass the HNC; you join the second year of "
      "the HND")
    p("whc-dig-hnd", "lu-dig-topup", "guaranteed-place", "Pass the HND with Merit overall")
    p("whc-care-l2", "whc-care-l3", "recognised-route", "Pass the Level 2 Diploma; GCSE English at "
      "grade 4")
    p("whc-care-l3", "lwc-care-fdsc", "guaranteed-place", "Pass with at least MPP overall")
    p("whc-care-l3", "lu-care-nursing", "guaranteed-interview",
      "Achieve DMM; GCSE English and maths at grade 4; DBS and occupational health checks")
    p("csc-care-app-l3", "lwc-care-fdsc", "guaranteed-interview", "Pass the end-point assessment")
    p("lwc-care-fdsc", "lu-care-nursing", "credit-recognition",
      "Pass the FdSc with an average of 60% or above; up to 120 credits recognised towards the BSc")
    p("lwc-elec-l2", "lwc-elec-l3", "recognised-route", "Pass the Level 2 Technical Certificate")
    p("lwc-elec-l3", "lwc-elec-hnc", "guaranteed-interview", "Pass with Merit; GCSE maths at grade "
      "4")
    p("csc-elec-app-l3", "lwc-elec-hnc", "guaranteed-place", "Pass the AM2 and end-point "
      "assessment")
    p("lwc-elec-hnc", "lu-elec-beng", "advanced-entry",
      "Pass the HNC with Merit overall; you join Year 2 of the BEng")

    k = b.contact
    k("whc-admissions", WH, "Admissions Team", "Admissions", "admissions@withamhaven.example.ac.uk",
      "01632 960700", "", "All applications to Witham Haven College.")
    k("lwc-progression", LW, "Nadia Kowalska", "HE and Progression Adviser",
      "n.kowalska@lynnwash.example.ac.uk",
      "01632 960710", f"{MAR}; {LOG}; {ELEC}", "Advises on Foundation degrees and top-ups at "
        "Lindum University.")
    k("csc-apprenticeships", CS, "Craig Pennington", "Apprenticeship Coordinator", "",
      "07700 900720", "", "Phone only; matches learners with port, haulage and care employers.")
    k("lu-partnerships", LU, "Fiona Marsh", "Admissions and Partnerships Officer",
      "f.marsh@lindum.example.ac.uk", "01632 960730", "", "Manages the partnership's progression "
        "agreements.")
    k("lu-nursing", LU, "Dr Kwame Mensah", "Admissions Tutor, Nursing",
      "k.mensah@lindum.example.ac.uk", "",
      CARE, "Email only; advises care learners on nursing entry.")
    # fmt: on
    return net


# --------------------------------------------------------------------------- checks


def check(
    net: Network,
    *,
    min_inst: int,
    min_courses: int,
    min_progs: int,
    min_contacts: int,
    required_subjects: list[str],
    min_two_hop: int,
) -> dict[str, Any]:
    """Self-check one network; raises AssertionError on any problem. Returns some stats."""

    def uniq(ids: list[str], what: str) -> set[str]:
        seen = set()
        for i in ids:
            assert ID_RE.match(i), f"{what} id not a slug: {i!r}"
            assert i not in seen, f"duplicate {what} id {i!r}"
            seen.add(i)
        return seen

    inst_ids = uniq([i.id for i in net.institutions], "institution")
    uniq([c.id for c in net.courses], "course")
    uniq([c.id for c in net.contacts], "contact")
    assert len(net.institutions) >= min_inst, len(net.institutions)
    assert len(net.courses) >= min_courses, len(net.courses)
    assert len(net.progressions) >= min_progs, len(net.progressions)
    assert len(net.contacts) >= min_contacts, len(net.contacts)

    for i in net.institutions:
        assert i.kind in KINDS, i
        assert i.name and i.town and i.postcode, i
        assert 49.0 < i.latitude < 56.0 and -3.5 < i.longitude < 2.0, i
        assert i.website.startswith("https://") and (
            ".example.ac.uk" in i.website or ".example.org" in i.website
        )

    courses = {c.id: c for c in net.courses}
    subjects_by_inst: dict[str, set[str]] = {}
    titles_by_inst: set[tuple[str, str]] = set()
    for c in net.courses:
        assert c.institution_id in inst_ids, c.id
        assert isinstance(c.level, int) and 1 <= c.level <= 8, c.id
        assert c.title and c.qualification and c.subject, c.id
        assert (c.institution_id, c.title) not in titles_by_inst, (
            f"duplicate course at one institution: {c.id}"
        )
        titles_by_inst.add((c.institution_id, c.title))
        assert c.modes and set(c.modes) <= MODES, (c.id, c.modes)
        assert len(c.modes) == len(set(c.modes)), c.id
        assert 1 <= len(c.aliases) <= 5, (c.id, c.aliases)
        assert 3 <= len(c.keywords) <= 8, (c.id, c.keywords)
        for item in c.aliases + c.keywords:
            assert item == item.strip() and ";" not in item and "," not in item, (c.id, item)
        assert len({a.lower() for a in c.aliases}) == len(c.aliases), c.id
        assert c.title.lower() not in {a.lower() for a in c.aliases}, c.id
        assert c.ucas_points is None or (
            isinstance(c.ucas_points, int) and 0 < c.ucas_points <= 200
        ), c.id
        assert c.url.startswith("https://") and ".example." in c.url, c.id
        kind = next(i.kind for i in net.institutions if i.id == c.institution_id)
        if kind == "university":
            assert c.level >= 6, f"university course below level 6: {c.id}"
        elif c.level >= 6:
            raise AssertionError(f"level 6+ course outside a university: {c.id}")
        if "Top-up" in c.qualification:
            assert c.level == 6 and "(Top-up)" in c.title, c.id
        subjects_by_inst.setdefault(c.institution_id, set()).add(c.subject)
    subjects = {c.subject for c in net.courses}
    assert set(required_subjects) <= subjects, set(required_subjects) - subjects
    assert len(subjects) >= len(required_subjects)

    edges: dict[str, list[str]] = {}
    seen_pairs = set()
    for pr in net.progressions:
        assert pr.from_course_id in courses, pr
        assert pr.to_course_id in courses, pr
        assert pr.from_course_id != pr.to_course_id, pr
        assert (pr.from_course_id, pr.to_course_id) not in seen_pairs, f"duplicate agreement {pr}"
        seen_pairs.add((pr.from_course_id, pr.to_course_id))
        assert pr.kind in AGREEMENT_KINDS, pr
        assert pr.conditions and pr.conditions[0].isupper(), pr
        a, z = courses[pr.from_course_id], courses[pr.to_course_id]
        assert z.level >= a.level, f"agreement goes down a level: {pr}"
        if "Top-up" in z.qualification:
            assert a.level >= 5, f"top-up entered from below level 5: {pr}"
        if pr.kind == "advanced-entry":
            assert a.level >= 4, f"advanced entry from below level 4: {pr}"
        edges.setdefault(pr.from_course_id, []).append(pr.to_course_id)

    # no cycles (iterative DFS with colours)
    colour = {cid: 0 for cid in courses}
    for start in courses:
        if colour[start]:
            continue
        stack = [(start, iter(edges.get(start, [])))]
        colour[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                colour[node] = 2
                stack.pop()
            elif colour[nxt] == 1:
                raise AssertionError(f"cycle through {nxt}")
            elif colour[nxt] == 0:
                colour[nxt] = 1
                stack.append((nxt, iter(edges.get(nxt, []))))

    two_hop = [
        (a, m, z)
        for a in edges
        for m in edges[a]
        for z in edges.get(m, [])
        if courses[a].level == 3 and courses[m].level in (4, 5) and courses[z].level == 6
    ]
    assert len(two_hop) >= min_two_hop, len(two_hop)
    l2_to_l3 = [
        (a, z) for a in edges for z in edges[a] if courses[a].level == 2 and courses[z].level == 3
    ]
    assert l2_to_l3, "no level 2 -> level 3 agreements"

    for k in net.contacts:
        assert k.institution_id in inst_ids, k.id
        assert k.name and k.role, k.id
        assert k.email or k.phone, f"contact not reachable: {k.id}"
        if k.email:
            assert EMAIL_RE.match(k.email), k.email
        if k.phone:
            assert PHONE_RE.match(k.phone), k.phone
        assert set(k.subjects) <= subjects_by_inst[k.institution_id], (k.id, k.subjects)
    assert {k.institution_id for k in net.contacts} == inst_ids, "every institution needs a contact"
    emails = [k.email for k in net.contacts if k.email]
    phones = [k.phone for k in net.contacts if k.phone]
    assert len(emails) == len(set(emails)) and len(phones) == len(set(phones))

    no_outgoing = [c.id for c in net.courses if c.level < 6 and c.id not in edges]
    return {
        "subjects": sorted(subjects),
        "two_hop": two_hop,
        "l2_to_l3": l2_to_l3,
        "no_outgoing": no_outgoing,
    }


def check_demo_extras(net: Network, stats: dict[str, Any]) -> None:
    courses = {c.id: c for c in net.courses}
    kinds = {i.kind for i in net.institutions}
    assert {"college", "university"} <= kinds and kinds & {
        "sixth-form",
        "adult-education",
        "training-provider",
    }
    assert sum(i.kind == "university" for i in net.institutions) >= 2
    assert (
        sum(i.kind == "college" for i in net.institutions) >= 5
    )  # 4 FE colleges + university centre
    assert any(i.name == "Northgate College" for i in net.institutions)
    involved = {p.from_course_id for p in net.progressions} | {
        p.to_course_id for p in net.progressions
    }
    for subj in DEMO_SUBJECTS_WITHOUT_AGREEMENTS:
        assert not any(courses[c].subject == subj for c in involved), subj
    assert len(stats["no_outgoing"]) >= 5
    assert len(stats["l2_to_l3"]) >= 3
    assert {p.kind for p in net.progressions} == AGREEMENT_KINDS
    levels = {c.level for c in net.courses}
    assert {2, 3, 4, 5, 6} <= levels and max(levels) <= 7


def check_disjoint(demo: Network, test: Network) -> None:
    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s.strip().lower())

    demo_titles = {norm(c.title) for c in demo.courses}
    demo_aliases = {norm(a) for c in demo.courses for a in c.aliases}
    for c in test.courses:
        assert norm(c.title) not in demo_titles, f"test title also in demo: {c.title}"
        clash = {norm(a) for a in c.aliases} & (demo_aliases | demo_titles)
        assert not clash, f"test aliases also in demo: {c.id} {clash}"
    assert not {i.name for i in demo.institutions} & {i.name for i in test.institutions}
    assert not {i.town for i in demo.institutions} & {i.town for i in test.institutions}
    assert not {c.subject for c in demo.courses} & {c.subject for c in test.courses}
    assert not {c.id for c in demo.courses} & {c.id for c in test.courses}


# --------------------------------------------------------------------------- writing


def yaml_str(value: str) -> str:
    return json.dumps(
        value, ensure_ascii=False
    )  # a JSON string is a valid YAML double-quoted scalar


def render_network_yml(net: Network) -> str:
    return (
        "# Generated by tools/make_demo_networks.py - edit the script, not this file.\n"
        f"name: {yaml_str(net.name)}\n"
        f"region: {yaml_str(net.region)}\n"
        f"description: {yaml_str(net.description)}\n"
        f"website: {yaml_str(net.website)}\n"
    )


def render_csv(fields: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(fields)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def coord(x: float) -> str:
    return f"{x:.4f}"


def render(net: Network) -> dict[str, str]:
    return {
        "network.yml": render_network_yml(net),
        "institutions.csv": render_csv(
            INSTITUTION_FIELDS,
            [
                [
                    i.id,
                    i.name,
                    i.kind,
                    i.town,
                    i.postcode,
                    coord(i.latitude),
                    coord(i.longitude),
                    i.website,
                    i.ukprn,
                ]
                for i in net.institutions
            ],
        ),
        "courses.csv": render_csv(
            COURSE_FIELDS,
            [
                [
                    c.id,
                    c.institution_id,
                    c.title,
                    c.qualification,
                    c.level,
                    c.subject,
                    "; ".join(c.modes),
                    c.town,
                    c.duration,
                    c.entry_requirements,
                    c.ucas_points,
                    "; ".join(c.aliases),
                    "; ".join(c.keywords),
                    c.url,
                ]
                for c in net.courses
            ],
        ),
        "progressions.csv": render_csv(
            PROGRESSION_FIELDS,
            [[p.from_course_id, p.to_course_id, p.kind, p.conditions] for p in net.progressions],
        ),
        "contacts.csv": render_csv(
            CONTACT_FIELDS,
            [
                [
                    k.id,
                    k.institution_id,
                    k.name,
                    k.role,
                    k.email,
                    k.phone,
                    "; ".join(k.subjects),
                    k.notes,
                ]
                for k in net.contacts
            ],
        ),
    }


DEMO_README = """\
# Vale and Wolds Lifelong Learning Network (fictional demo)

**Everything in this folder is invented for demonstration.** The Vale and Wolds
Lifelong Learning Network does not exist, and nothing here describes a real
college's or university's offer.

Invented:

* all institutions (Northgate College, Ouse Valley College, Nidderdale College,
  Castle Cliff College, Ryedale Adult and Community Learning, Wolds Training
  Partnership, Don Valley University Centre, Vale of York University, University
  of the Wolds), their postcodes and web addresses; UKPRNs are left blank;
* which institution offers which course, and every entry requirement, duration,
  UCAS tariff figure, alias and keyword;
* every progression agreement and its conditions (no public data on progression
  agreements exists);
* every contact: names, roles, email addresses (example.ac.uk / example.org
  domains, which do not reach anyone) and phone numbers (Ofcom's drama ranges
  01632 960xxx and 07700 900xxx, which are never allocated to real lines).

Real:

* the towns (York, Selby, Harrogate, Scarborough, Malton, Beverley, Doncaster,
  Hull) and their approximate town-centre coordinates;
* the *style* of qualification titles. Further education titles follow the
  wording of the Ofqual Register of Regulated Qualifications (Crown copyright,
  published under the Open Government Licence v3.0). Higher education titles and
  qualification labels (BA/BSc (Hons), FdA, FdSc, FdEng, HND, top-up) follow
  the HESA/OfS Discover Uni (Unistats) dataset and its KISAIM labels (source:
  HESA). Apprenticeship names follow DfE apprenticeship standards data (Open
  Government Licence v3.0). See `/work/shared/data/*/SOURCE.md` for sources.

Some courses deliberately have no outgoing agreement (for example all Hair and
Beauty courses, Castle Cliff College's hospitality courses, the Level 2 plumbing
course and the outdoor activities Extended Diploma), so the assistant's "no formal
agreement, here is the next level up" answer can be demonstrated.

Generated by `tools/make_demo_networks.py`: change the script and re-run it
rather than editing these files by hand.
"""

TEST_README = """\
# Fenland Coast Learning Partnership (fictional test network)

Test data only. Every institution, course offer, agreement and contact is
invented; the towns (Boston, King's Lynn, Skegness, Lincoln) are real. Contacts
use example.ac.uk / example.org addresses and Ofcom drama-range phone numbers.
Qualification titles follow the style of the Ofqual Register (OGL v3) and HESA
Discover Uni data. It deliberately shares no course titles or aliases with the
Vale and Wolds demo network, so tests can tell the two networks apart.

Generated by `tools/make_demo_networks.py`; do not edit by hand.
"""


def write_folder(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


def main(argv: list[str]) -> int:
    demo, test = build_demo(), build_test()
    demo_stats = check(
        demo,
        min_inst=7,
        min_courses=140,
        min_progs=100,
        min_contacts=18,
        required_subjects=DEMO_SUBJECTS,
        min_two_hop=20,
    )
    check_demo_extras(demo, demo_stats)
    test_stats = check(
        test,
        min_inst=3,
        min_courses=25,
        min_progs=18,
        min_contacts=5,
        required_subjects=TEST_SUBJECTS,
        min_two_hop=3,
    )
    check_disjoint(demo, test)

    if "--check" not in argv:
        demo_files = render(demo)
        demo_files["README.md"] = DEMO_README
        test_files = render(test)
        test_files["README.md"] = TEST_README
        write_folder(DEMO_DIR, demo_files)
        write_folder(TEST_DIR, test_files)

    for label, net, stats in (("demo", demo, demo_stats), ("test", test, test_stats)):
        print(f"{label}: {net.name}")
        print(
            f"  institutions={len(net.institutions)} courses={len(net.courses)} "
            f"progressions={len(net.progressions)} contacts={len(net.contacts)}"
        )
        print(f"  subjects ({len(stats['subjects'])}): {', '.join(stats['subjects'])}")
        print(
            f"  two-hop chains L3->L4/5->L6: {len(stats['two_hop'])}; L2->L3 agreements: "
            f"{len(stats['l2_to_l3'])}"
        )
        print(
            f"  below level 6 with no outgoing agreement ({len(stats['no_outgoing'])}): "
            f"{', '.join(stats['no_outgoing'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
