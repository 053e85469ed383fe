"""Plain records of a network, as read from a folder or an open-data importer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as possible."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.column:
            where += f": column {self.column!r}"
        return f"{where}: {self.message}"


class ImportProblems(Exception):
    """Raised when a network cannot be imported; carries every problem found."""

    def __init__(self, problems: List[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class InstitutionRecord:
    """An institution row."""

    code: str
    name: str
    kind: str
    town: str = ""
    postcode: str = ""
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    website: str = ""
    ukprn: str = ""


@dataclass
class CourseRecord:
    """A course row; list fields are already split."""

    code: str
    institution: str
    title: str
    qualification: str
    level: int
    subject: str
    modes: List[str] = field(default_factory=list)
    town: str = ""
    duration: str = ""
    entry_requirements: str = ""
    ucas_points: Optional[int] = None
    aliases: List[str] = field(default_factory=list)
    keywords: List[str] = field(default_factory=list)
    url: str = ""


@dataclass
class ProgressionRecord:
    """A progression agreement row."""

    from_course: str
    to_course: str
    kind: str
    conditions: str = ""


@dataclass
class ContactRecord:
    """A contact row; an empty subject list means every subject."""

    code: str
    institution: str
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    subjects: List[str] = field(default_factory=list)
    notes: str = ""


@dataclass
class NetworkRecord:
    """A whole network, ready to be written to the database."""

    slug: str
    name: str
    region: str = ""
    description: str = ""
    website: str = ""
    source: str = ""
    institutions: List[InstitutionRecord] = field(default_factory=list)
    courses: List[CourseRecord] = field(default_factory=list)
    progressions: List[ProgressionRecord] = field(default_factory=list)
    contacts: List[ContactRecord] = field(default_factory=list)
