"""The network folder format: file names, columns and allowed values.

This is a stable contract: networks export to it from spreadsheets and other
tools produce it. docs/catalogue.md documents it; change both together.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Tuple

NETWORK_FILE = "network.yml"

INSTITUTION_KINDS: FrozenSet[str] = frozenset(
    {"college", "university", "sixth-form", "adult-education", "training-provider"}
)
STUDY_MODES: FrozenSet[str] = frozenset(
    {"full-time", "part-time", "distance", "work-based", "evening", "block-release"}
)
AGREEMENT_KINDS: FrozenSet[str] = frozenset(
    {
        "guaranteed-place",
        "guaranteed-interview",
        "advanced-entry",
        "credit-recognition",
        "recognised-route",
    }
)
#: the kind shown for a route step that no agreement backs
NO_AGREEMENT = "no-formal-agreement"

MIN_LEVEL, MAX_LEVEL = 1, 8

#: file -> (columns that must be in the header, columns that may be omitted)
COLUMNS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "institutions.csv": (
        ("id", "name", "kind"),
        ("town", "postcode", "latitude", "longitude", "website", "ukprn"),
    ),
    "courses.csv": (
        ("id", "institution_id", "title", "qualification", "level", "subject", "modes"),
        (
            "town",
            "duration",
            "entry_requirements",
            "ucas_points",
            "aliases",
            "keywords",
            "url",
        ),
    ),
    "progressions.csv": (("from_course_id", "to_course_id", "kind"), ("conditions",)),
    "contacts.csv": (
        ("id", "institution_id", "name"),
        ("role", "email", "phone", "subjects", "notes"),
    ),
}

#: files whose rows may be absent (header only)
MAY_BE_EMPTY: FrozenSet[str] = frozenset({"progressions.csv", "contacts.csv"})

#: what a spreadsheet reads as the start of a formula ("CSV injection"): no text cell
#: may start with one of these
FORMULA_STARTS: Tuple[str, ...] = ("=", "+", "-", "@")
#: columns checked as numbers or phone numbers, which may start with "-" or "+"
#: ("-1.08" longitude, "+44 1632 960000" phone) and can hold nothing else
FORMULA_EXEMPT: FrozenSet[str] = frozenset(
    {"latitude", "longitude", "level", "ucas_points", "phone"}
)
