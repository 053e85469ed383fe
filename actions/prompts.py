"""Examples in the assistant's questions, taken from the catalogue being served.

A network imported tomorrow gets examples from its own courses and interests, never
the demo network's.
"""

from __future__ import annotations

from collections import Counter
from typing import List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pathways_catalogue.models import Course, Institution
from pathways_catalogue.queries import network_id

#: courses offered as buttons when the institution named does not list the learner's
MAX_COURSE_BUTTONS = 6


def example_course(session: Session, network: Optional[str]) -> str:
    """A level 3 course of the network as a learner would say it ("... at College")."""
    query = (
        select(Course.title, Course.aliases, Institution.name)
        .join(Institution, Institution.id == Course.institution_id)
        .where(Course.level == 3).order_by(Course.id).limit(40)
    )  # fmt: skip
    nid = network_id(session, network)
    if nid is not None:
        query = query.where(Course.network_id == nid)
    rows = list(session.execute(query))
    if not rows:
        return ""
    subjects = Counter(title.split(" in ")[-1] for title, _a, _i in rows)
    common = subjects.most_common(1)[0][0]
    title, aliases, institution = next(r for r in rows if r[0].endswith(common))
    alias = next((a.strip() for a in (aliases or "").split(";") if a.strip()), "")
    return f"{alias or title} at {institution}"


def courses_at(
    session: Session, network: Optional[str], institution: str, level: Optional[int]
) -> List[Tuple[str, str]]:
    """(course id, title) of the courses an institution lists at ``level``, for buttons.

    The nearest courses to one the learner named that the institution does not list;
    every level when none is known.
    """
    query = (
        select(Course.code, Course.title)
        .join(Institution, Institution.id == Course.institution_id)
        .where((Institution.name == institution) | (Institution.code == institution))
        .order_by(Course.level, Course.title)
    )  # fmt: skip
    if level is not None:
        query = query.where(Course.level == level)
    nid = network_id(session, network)
    if nid is not None:
        query = query.where(Course.network_id == nid)
    return [(code, title) for code, title in session.execute(query.limit(MAX_COURSE_BUTTONS))]
